/**
 * 孤字: a paragraph whose last line holds a single character (punctuation aside) reads as a
 * mistake on a Chinese page. Mainland compositors pull it back or push a second character down
 * by setting the paragraph a little tighter or looser; this does the same with the composer's
 * fill width, the smallest change first, keeping the paragraph's line count where it can.
 */
import type { Loosening, TextLine } from './model.js';

const MARKS = /[，。、；：？！）」』”’》〕】…—·,.;:?!)\s\u3000]/gu;

/** Characters of a line other than punctuation and spaces (what a reader sees as its text). */
export function coreChars(line: TextLine | undefined): number {
  if (!line) return 0;
  return Array.from(line.runs.map((r) => r.text).join('').replace(MARKS, '')).length;
}

export function hasLoneChar(lines: TextLine[]): boolean {
  return lines.length > 1 && coreChars(lines.at(-1)) <= 1;
}

/** Fill differences tried, in ems of the type size: looser first (one more character goes down), then tighter. */
const STEPS = [0.5, 1, 1.5, 2, -0.5, -1];

export interface Setting {
  lines: TextLine[];
  /** The fill the lines were set with: the paragraph's later re-settings start from it. */
  loosen: Loosening;
}

/**
 * `set(loosen)` sets the paragraph with lines filled `loosen` points short of the measure
 * (negative: over it, set closer). Returns the natural setting unless it ends in a lone
 * character and a nearby setting does not.
 */
export function withoutLoneChar(set: (loosen: Loosening) => TextLine[], size: number): Setting {
  const natural = set(0);
  if (!hasLoneChar(natural)) return { lines: natural, loosen: 0 };
  for (const step of STEPS) {
    const lines = set(step * size);
    const sameOrOneLess = lines.length === natural.length || (step < 0 && lines.length === natural.length - 1);
    if (sameOrOneLess && !hasLoneChar(lines) && (lines.length === 1 || coreChars(lines.at(-1)) >= 2)) return { lines, loosen: step * size };
  }
  return { lines: natural, loosen: 0 };
}
