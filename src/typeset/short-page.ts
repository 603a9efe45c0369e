/**
 * A page left short (齐底 failed) is the editor's to fix, as in any house: a line more or less
 * before its foot lets it fill, and a few characters added to or cut from one paragraph give
 * that line (调字). This names the paragraph on the page that needs the fewest.
 */
import type { Para, TextLine } from './model.js';

/** A page that ends short, and the paragraph whose text is easiest to change to fill it. */
export interface ShortPage {
  page: number;
  /** The printed folio (set once the pages are numbered). */
  folio: string;
  advice?: ShortPageAdvice;
}

export interface ShortPageAdvice {
  chapterId: string;
  blockIndex: number;
  /** Characters that, cut from the paragraph, take its last line away. */
  cut?: number;
  /** Characters that, added to it, run it on by a line (with two on the new line, never 孤字). */
  add: number;
}

/** A paragraph's lines as they stand on the short page. */
export interface PlacedLines {
  para: Para;
  chapterId?: string;
  lines: TextLine[];
  from: number;
  all: TextLine[];
}

function characters(line: TextLine | undefined): number {
  return line ? Array.from(line.runs.map((r) => r.text).join('')).length : 0;
}

export function adviceFor(placed: PlacedLines[], width: number): ShortPageAdvice | undefined {
  let best: ShortPageAdvice | undefined;
  const cost = (a: ShortPageAdvice): number => Math.min(a.add, a.cut ?? Infinity);
  for (const entry of placed) {
    const { para, chapterId } = entry;
    // Only a paragraph whose last line is on this page moves the lines after it here.
    if (para.blockIndex === undefined || para.blockIndex < 0 || !chapterId || entry.from + entry.lines.length !== entry.all.length) continue;
    const last = entry.all.at(-1);
    const size = last?.size ?? 10;
    const perLine = Math.floor((width - para.inset) / size);
    const onLast = characters(last);
    const advice: ShortPageAdvice = {
      chapterId,
      blockIndex: para.blockIndex,
      add: Math.max(2, perLine - onLast + 2),
      ...(entry.all.length > 1 ? { cut: onLast } : {}),
    };
    if (!best || cost(advice) < cost(best)) best = advice;
  }
  return best;
}
