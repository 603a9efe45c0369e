/**
 * A PDF page's text runs with the font each is drawn in (the embedded BaseFont without its
 * subset tag, e.g. NotoSansSC-Regular) and its size, read back with pdfjs-dist.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface FontRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

export async function fontRuns(bytes: Uint8Array, pages?: number[]): Promise<FontRun[][]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const out: FontRun[][] = [];
    const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const n of wanted) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // The fonts' names are known once the page's operators have been read.
      await page.getOperatorList();
      const runs: FontRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const font = (page.commonObjs.get(item.fontName) as { name?: string } | undefined)?.name ?? item.fontName;
        runs.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: Math.abs(item.transform[0] as number), font: font.replace(/^[A-Z]{6}\+/, '') });
      }
      out.push(runs);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * How many round dots a page draws: zero-length strokes with a round cap, the form of 着重号
 * (src/typeset/emphasis.ts), counted from the page's operators.
 */
export async function roundDots(bytes: Uint8Array, pageNumber: number): Promise<number> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const list = await page.getOperatorList();
    let count = 0;
    list.fnArray.forEach((fn, i) => {
      if (fn === OPS.setLineCap && list.argsArray[i]?.[0] === 1) count++;
    });
    return count;
  } finally {
    await doc.destroy();
  }
}
