/**
 * Justification read back from a PDF: how far apart the ideographs of each line are set. The
 * writer draws each piece of a line as its own text object (`Tm` at the piece's origin, the
 * justification as character spacing `Tc`), so the operator list gives every piece's text,
 * position, size and spacing exactly — pdfjs's text content would merge the pieces of a line.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const IDEOGRAPH = /^[\u3400-\u4dbf\u4e00-\u9fff]$/u;

export interface PdfRun {
  str: string;
  x: number;
  /** Advance width in points, character spacing included. */
  width: number;
  size: number;
  /** Character spacing (Tc) in points. */
  spacing: number;
  /** Each character's glyph advance in points (spacing not included). */
  advances: number[];
  /** The font's name (BaseFont, subset tag included). */
  font: string;
}

export interface PdfLine {
  page: number;
  /** Baseline, PDF user space (up). */
  y: number;
  /** The line's runs left to right. */
  runs: PdfRun[];
  /** The most justification adds between two ideographs of the line, in ems of their size. */
  spread: number;
}

interface Glyph {
  unicode: string;
  width: number;
}

function glyphsOf(arg: unknown): Glyph[] {
  if (!Array.isArray(arg)) return [];
  return arg.filter((g): g is Glyph => typeof g === 'object' && g !== null && 'unicode' in g);
}

/** Every text line of every page, runs grouped by baseline. */
export async function pdfLines(bytes: Uint8Array): Promise<PdfLine[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const lines: PdfLine[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const list = await page.getOperatorList();
      const byY = new Map<number, PdfLine>();
      let size = 0;
      let font = '';
      let spacing = 0;
      let x = 0;
      let y = 0;
      list.fnArray.forEach((fn, i) => {
        const args = list.argsArray[i] as unknown[];
        if (fn === OPS.setFont) {
          font = String(args[0]);
          size = Number(args[1]);
        }
        else if (fn === OPS.setCharSpacing) spacing = Number(args[0]);
        else if (fn === OPS.setTextMatrix) {
          const m = (args.length === 1 ? args[0] : args) as ArrayLike<number>;
          x = Number(m[4]);
          y = Number(m[5]);
        } else if (fn === OPS.showText) {
          const glyphs = glyphsOf(args[0]);
          if (glyphs.length === 0) return;
          const str = glyphs.map((g) => g.unicode).join('');
          const width = glyphs.reduce((w, g) => w + (g.width / 1000) * size + spacing, 0);
          const key = Math.round(y * 10) / 10;
          let line = byY.get(key);
          if (!line) byY.set(key, (line = { page: n, y: key, runs: [], spread: 0 }));
          const advances = glyphs.flatMap((g) => Array.from(g.unicode).map((_, k) => (k === 0 ? (g.width / 1000) * size : 0)));
          line.runs.push({ str, x, width, size, spacing, advances, font });
          // Spacing counts where it falls between two ideographs of the run.
          const chars = Array.from(str);
          if (spacing > 0 && chars.length > 1 && chars.slice(0, -1).some((c, k) => IDEOGRAPH.test(c) && IDEOGRAPH.test(chars[k + 1] ?? ''))) {
            line.spread = Math.max(line.spread, spacing / size);
          }
        }
      });
      const names = new Map<string, string>();
      for (const line of [...byY.values()].sort((a, b) => b.y - a.y)) {
        for (const run of line.runs) {
          if (!names.has(run.font)) names.set(run.font, String((page.commonObjs.get(run.font) as { name?: string } | undefined)?.name ?? run.font));
          run.font = names.get(run.font) ?? run.font;
        }
        line.runs.sort((p, q) => p.x - q.x);
        lines.push(line);
      }
    }
  } finally {
    await doc.destroy();
  }
  return lines;
}

export function pdfLineText(line: PdfLine): string {
  return line.runs.map((r) => r.str).join('');
}
