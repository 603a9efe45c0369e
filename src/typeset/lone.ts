/**
 * 孤字: a paragraph whose last line holds a single character (punctuation aside) reads as a
 * mistake on a Chinese page. Mainland compositors pull it back or push a second character down
 * by setting the paragraph a little tighter or looser; this does the same with the composer's
 * fill width, the smallest change first, keeping the paragraph's line count where it can.
 */
import type { Loosening, Recompose, TextLine } from './model.js';

const MARKS = /[，。、；：？！）」』”’》〕】…—·,.;:?!)\s\u3000]/u;

/** MARKS by BMP code unit (1: a mark or space), made once: every paragraph's last line is counted. */
const IS_MARK = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  for (let cu = 0; cu < 0x10000; cu++) if ((cu < 0xd800 || cu > 0xdfff) && MARKS.test(String.fromCharCode(cu))) table[cu] = 1;
  return table;
})();

/**
 * Characters of a line other than punctuation and spaces (what a reader sees as its text), by
 * code point; counting stops past `atMost` (the callers only ask whether a line holds one or
 * two). The runs' texts are walked in place rather than joined, cleaned by an expression and
 * spread into an array: a supplementary character is one, a lone surrogate one, as they were.
 */
export function coreChars(line: TextLine | undefined, atMost = Infinity): number {
  if (!line) return 0;
  let count = 0;
  let high = false;
  for (const run of line.runs) {
    const { text } = run;
    for (let i = 0; i < text.length; i++) {
      const cu = text.charCodeAt(i);
      // A low surrogate after a high one completes the character the high one counted.
      if (cu >= 0xdc00 && cu <= 0xdfff && high) {
        high = false;
        continue;
      }
      high = cu >= 0xd800 && cu <= 0xdbff;
      if (IS_MARK[cu] === 0 && ++count > atMost) return count;
    }
  }
  return count;
}

export function hasLoneChar(lines: TextLine[]): boolean {
  return lines.length > 1 && coreChars(lines.at(-1), 1) <= 1;
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
export function withoutLoneChar(set: Recompose, size: number): Setting {
  const natural = set(0);
  if (!hasLoneChar(natural)) return { lines: natural, loosen: 0 };
  for (const step of STEPS) {
    // A fill that gives another line count is not kept: breaking alone tells (Recompose.count).
    const count = set.count?.(step * size);
    if (count !== undefined && count !== natural.length && !(step < 0 && count === natural.length - 1)) continue;
    const lines = set(step * size);
    const sameOrOneLess = lines.length === natural.length || (step < 0 && lines.length === natural.length - 1);
    if (sameOrOneLess && !hasLoneChar(lines) && (lines.length === 1 || coreChars(lines.at(-1), 1) >= 2)) return { lines, loosen: step * size };
  }
  return { lines: natural, loosen: 0 };
}
