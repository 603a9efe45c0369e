/**
 * clreq checks over the body lines of a printed PDF (see docs/print.md): line-start and
 * line-end prohibitions, —— and …… never split, full justification to 0.5 pt, no widows or
 * orphans, no heading last on a page. Returns the faults found, as text, so a failing test
 * shows them.
 */
import { noEnd, noStart } from '../../src/cjk/classes.js';
import type { PrintedLine } from './print-lines.js';

export interface TextBlock {
  /** Left edge of the text block on recto (odd) and verso (even) pages. */
  left: { recto: number; verso: number };
  width: number;
  bodySize: number;
  headingSizes: number[];
  /** Pages that are not running text (the TOC). */
  skip: ReadonlySet<number>;
}

const TOLERANCE = 0.5;

interface BodyLine extends PrintedLine {
  indented: boolean;
}

export function bodyLines(pages: PrintedLine[][], block: TextBlock): BodyLine[][] {
  return pages.map((rows, p) =>
    rows.flatMap((row): BodyLine[] => {
      if (row.size !== block.bodySize || block.skip.has(p + 1)) return [];
      const left = row.page % 2 === 1 ? block.left.recto : block.left.verso;
      const offset = row.left - left;
      if (Math.abs(offset) < TOLERANCE) return [{ ...row, indented: false }];
      if (Math.abs(offset - 2 * block.bodySize) < TOLERANCE) return [{ ...row, indented: true }];
      return [];
    }),
  );
}

export interface ClreqReport {
  lines: number;
  justified: number;
  faults: string[];
}

export function checkClreq(pages: PrintedLine[][], block: TextBlock): ClreqReport {
  const perPage = bodyLines(pages, block);
  const all = perPage.flat();
  const faults: string[] = [];
  let justified = 0;
  all.forEach((line, i) => {
    const next = all[i + 1];
    const where = `p${line.page} «${line.text.slice(0, 12)}…${line.text.slice(-6)}»`;
    const first = line.text[0] ?? '';
    const last = line.text.slice(-1);
    // A paragraph's first line starts where its source does; every other line is the composer's.
    if (!line.indented && (noStart(first) || first === '—' || first === '…')) faults.push(`starts with ${first}: ${where}`);
    const final = !next || next.indented;
    if (!final && noEnd(last)) faults.push(`ends with ${last}: ${where}`);
    if (!final && next && ((line.text.endsWith('—') && next.text.startsWith('—')) || (line.text.endsWith('…') && next.text.startsWith('…')))) {
      faults.push(`splits a pair: ${where}`);
    }
    if (!final) {
      justified++;
      const left = line.page % 2 === 1 ? block.left.recto : block.left.verso;
      const over = line.right - (left + block.width);
      // A line-end stop set half-width still reports its full-width glyph box.
      const halfMark = noStart(last) && Math.abs(over - block.bodySize / 2) < TOLERANCE;
      if (Math.abs(over) > TOLERANCE && !halfMark) faults.push(`right edge ${over.toFixed(2)} pt off: ${where}`);
    }
  });
  perPage.forEach((lines, p) => {
    const top = lines[0];
    const bottom = lines.at(-1);
    const nextTop = perPage.slice(p + 1).find((l) => l.length > 0)?.[0];
    const after = lines[1];
    if (bottom?.indented && nextTop && !nextTop.indented) faults.push(`orphan (first line alone at the foot): p${bottom.page}`);
    if (top && !top.indented && (!after || after.indented)) faults.push(`widow (last line alone at the head): p${top.page}`);
  });
  pages.forEach((rows) => {
    const text = rows.filter((r) => r.size > block.bodySize - 1);
    const lastRow = text.at(-1);
    if (lastRow && block.headingSizes.includes(lastRow.size) && text.some((r) => r.size === block.bodySize)) {
      faults.push(`heading last on the page: p${lastRow.page} «${lastRow.text}»`);
    }
  });
  return { lines: all.length, justified, faults };
}

export interface PageFill {
  /** Paragraph last lines holding one character (punctuation aside): 孤字. */
  lone: string[];
  /** Pages whose text runs on to the next page but end above the last grid line (not 齐底). */
  short: string[];
}

const MARKS = /[，。、；：？！）」』”’》〕】…—·,.;:?!)\s\u3000]/gu;

/**
 * 孤字 and 齐底 as ../shared/tools/clreq_check.py counts them: a continuation line that ends its
 * paragraph with a single character; a running-text page followed by one without a heading
 * whose lowest line sits above the lowest body line of any page.
 */
export function pageFill(pages: PrintedLine[][], block: TextBlock): PageFill {
  const perPage = bodyLines(pages, block);
  const all = perPage.flat();
  const lone = all.filter((line, i) => {
    const next = all[i + 1];
    const final = !next || next.indented;
    return final && !line.indented && Array.from(line.text.replace(MARKS, '')).length <= 1;
  });
  const text = perPage.map((lines) => lines.length >= 8);
  const bottom = Math.min(...perPage.flatMap((lines, p) => (text[p] ? lines.map((l) => l.y) : [])));
  const heading = pages.map((rows) => rows.some((r) => r.size >= block.bodySize + 1.5));
  const short = perPage.flatMap((lines, p) => {
    const low = Math.min(...lines.map((l) => l.y));
    return text[p] && text[p + 1] && !heading[p + 1] && low - bottom > block.bodySize ? [`p${p + 1}`] : [];
  });
  return { lone: lone.map((l) => `p${l.page}: ${l.text.slice(-4)}`), short };
}
