/**
 * Body lines of a built PDF, read back with pdfjs-dist: each visual line's text, left and
 * right edges (advance widths included), font size and page, for the clreq checks that must
 * hold on the real output rather than on the composer's own account of it.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PrintedLine {
  page: number;
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
}

export async function printedLines(bytes: Uint8Array): Promise<PrintedLine[][]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: PrintedLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const rows: PrintedLine[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const x = item.transform[4] as number;
        const y = item.transform[5] as number;
        const size = Math.round(Math.abs(item.transform[3] as number) * 10) / 10;
        const row = rows.find((r) => Math.abs(r.y - y) < 2 && r.size === size);
        if (row) {
          row.text += item.str;
          row.left = Math.min(row.left, x);
          row.right = Math.max(row.right, x + item.width);
        } else rows.push({ page: n, text: item.str, left: x, right: x + item.width, y, size });
      }
      rows.sort((a, b) => b.y - a.y);
      for (const r of rows) r.text = r.text.replace(/\s+$/, '');
      pages.push(rows);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
