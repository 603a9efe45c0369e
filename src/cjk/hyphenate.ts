/**
 * Dividing a Latin word at a line end, so that a long word or a piece of inline code does not
 * push itself whole to the next line and leave the ideographs of its own line spread more than
 * a quarter em apart. Words are hyphenated by Liang's patterns (TeX's en-US patterns, from the
 * `hyphen` package: Latin words in a Chinese book are almost always English), with a printed
 * hyphen, at least two letters before it and three after; inline code, URLs and paths are never
 * hyphenated: they are divided after / . _ - ? & = # (no hyphen added), as the breaker divides
 * URLs. The breaker calls `divideAtLineEnd` when a line would break before a Latin word.
 */
import { createRequire } from 'node:module';
import type { Measure } from './types.js';
import { LATIN, OPENING, SPACE, SPACEABLE, SQUEEZE_NEXT, SQUEEZE_PREV, type Units } from './units.js';

/**
 * How a Latin word may be divided at a line end: `hyphenate` at its hyphenation points (and
 * after a hyphen it already has), `marks` only after / . _ - ? & = # (code, URLs), `none` never.
 */
export type Division = 'hyphenate' | 'marks' | 'none';

/** What the composer needs to hyphenate: the division a word admits in its style, and the em. */
export interface Hyphenation<S> {
  divide: (word: string, style: S) => Division;
  /** The em of the paragraph (its body size): ideographs may spread at most a quarter of it. */
  em: number;
  /**
   * The line length justification fills. Lines may be filled to less while breaking (widow
   * and 孤字 control loosen a paragraph), but the spread is what justification will make.
   */
  measure?: number;
}

/** The most justification may add between two ideographs before a Latin word is divided. */
export const MAX_SPREAD = 0.25;

/** Rounding slack in points, as the breaker's. */
const EPSILON = 0.01;

const MARKS = new Set(Array.from('/._-?&=#'));
const LEFT_MIN = 2;
const RIGHT_MIN = 3;

type HyphenateSync = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;
let patterns: HyphenateSync | undefined;

/** en-US patterns, loaded on the first word that needs them (most books never divide a word). */
function hyphenator(): HyphenateSync {
  if (!patterns) {
    const require = createRequire(import.meta.url);
    // `hyphen` is CommonJS without type declarations; its per-language entry exports hyphenateSync.
    patterns = (require('hyphen/en-us') as { hyphenateSync: HyphenateSync }).hyphenateSync;
  }
  return patterns;
}

/** Offsets (in UTF-16 units of an ASCII-letter word) where `word` may take a hyphen. */
export function hyphenPoints(word: string): number[] {
  if (word.length < LEFT_MIN + RIGHT_MIN) return [];
  const marked = hyphenator()(word.toLowerCase(), { hyphenChar: '|', minWordLength: LEFT_MIN + RIGHT_MIN });
  const points: number[] = [];
  let at = 0;
  for (const piece of marked.split('|')) {
    at += piece.length;
    if (at >= LEFT_MIN && word.length - at >= RIGHT_MIN) points.push(at);
  }
  return points;
}

const PROSE = /^[([{'"‘“]*([A-Za-z]+(?:[-'’][A-Za-z]+)*)[)\]}'"’”.,;:!?]*$/;

/**
 * The division a word of running text admits by its look: a word of letters (with hyphens or
 * an apostrophe inside) is hyphenated unless it is all capitals (an acronym); a URL, a path,
 * an e-mail address or an identifier (d2l.torch, load_array) is divided at its marks; anything
 * else (numbers with their units, versions, formulas' placeholders) is not divided.
 */
export function divisionOf(word: string): Division {
  // 100GB/s, 16Gbit/s, 3.5: a number and its unit stay whole.
  if (/^[\d.,]/.test(word)) return 'none';
  const prose = PROSE.exec(word);
  if (prose) return /[a-z]/.test(prose[1] ?? '') ? 'hyphenate' : 'none';
  return /[/@_]|[A-Za-z0-9]\.[A-Za-z]{2}/.test(word) ? 'marks' : 'none';
}

export interface Point {
  /** Length of the head in UTF-16 units. */
  at: number;
  /** A hyphen is printed at the end of the head. */
  hyphen: boolean;
}

/**
 * A camel-case hump before chars[k] (Transformer|Encoder, BERT|Encoder, load2|Array), two
 * characters at least on either side: where a technical publisher divides an identifier that
 * has no mark, without a hyphen, rather than spread a line of Chinese by whole ems.
 */
function hump(chars: string[], k: number): boolean {
  if (k < 2 || k > chars.length - 2) return false;
  const [before = '', at = '', after = ''] = [chars[k - 1], chars[k], chars[k + 1]];
  const upper = (c: string): boolean => c >= 'A' && c <= 'Z';
  const lowerOrDigit = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return upper(at) && (lowerOrDigit(before) || (upper(before) && after >= 'a' && after <= 'z'));
}

/** Where a word may be divided at a line end, in the division it admits. */
export function divisionPoints(text: string, division: Division): Point[] {
  const points: Point[] = [];
  const chars = Array.from(text);
  if (division === 'marks') {
    let at = 0;
    chars.forEach((ch, k) => {
      at += ch.length;
      if ((MARKS.has(ch) && k > 0 && k < chars.length - 1) || hump(chars, k + 1)) points.push({ at, hyphen: false });
    });
    return points;
  }
  if (division !== 'hyphenate') return points;
  // Letters only from here: ASCII, one UTF-16 unit each. Divide after a hyphen the word has,
  // and at the pattern points of each hyphen-free part.
  for (const part of text.matchAll(/[A-Za-z]+|-/g)) {
    const start = part.index;
    if (part[0] === '-') {
      if (start > 0 && start < text.length - 1) points.push({ at: start + 1, hyphen: false });
      continue;
    }
    for (const p of hyphenPoints(part[0])) points.push({ at: start + p, hyphen: true });
  }
  return points.sort((a, b) => a.at - b.at);
}

/**
 * Replaces units[k] by a head that fits `room` (with its hyphen) and a tail the next line
 * starts with, at the last division point that fits. False when none fits.
 */
export function divideWord<S>(units: Units<S>, k: number, room: number, measure: Measure<S>, division: Division): boolean {
  if (k >= units.length || units.kind[k] !== LATIN) return false;
  const text = units.text[k] ?? '';
  const style = units.styleOf(k);
  const points = divisionPoints(text, division);
  for (let p = points.length - 1; p >= 0; p--) {
    const { at, hyphen } = points[p] ?? { at: 0, hyphen: false };
    const head = text.slice(0, at) + (hyphen ? '-' : '');
    const width = measure(head, style, false);
    if (width > room + EPSILON) continue;
    const tail = text.slice(at);
    units.divide(k, head, width, tail, measure(tail, style, false));
    return true;
  }
  return false;
}

/** Width of unit i inside a line that starts at `start` (as the breaker measures it). */
type WidthIn<S> = (units: Units<S>, i: number, start: number) => number;
type GapBefore<S> = (units: Units<S>, i: number, measure: Measure<S>) => number;

/** What justification will add between two ideographs of the line [start, end) set to `avail`. */
export function spreadOf<S>(units: Units<S>, start: number, end: number, avail: number, measure: Measure<S>, widthIn: WidthIn<S>, gapBefore: GapBefore<S>): number {
  while (end > start && units.kind[end - 1] === SPACE) end--;
  let natural = 0;
  let ideographGaps = 0;
  let letterGaps = 0;
  // As justification spreads: between spaceable units of one style, the line's last unit fixed.
  const spaceable = (at: number): boolean => {
    const f = units.flags[at] ?? 0;
    return (f & SPACEABLE) !== 0 && (f & SQUEEZE_NEXT) === 0 && !((f & SQUEEZE_PREV) !== 0 && at > start);
  };
  for (let i = start; i < end && i < units.length; i++) {
    natural += (i > start ? gapBefore(units, i, measure) : 0) + widthIn(units, i, start);
    if (i + 1 < units.length && i + 1 < end - 1 && spaceable(i) && spaceable(i + 1) && units.styleOf(i + 1) === units.styleOf(i)) ideographGaps++;
    const kind = units.kind[i];
    if (kind === LATIN || kind === SPACE) letterGaps += units.text[i]?.length ?? 0;
  }
  const slack = avail - natural;
  if (ideographGaps > 0) return slack / ideographGaps;
  return letterGaps > 1 ? slack / (letterGaps - 1) : 0;
}

/**
 * The breaker's hook. The line from `start` would end at `best` (before a Latin word) or, when
 * the word at `at` is longer than a whole line, has to divide it anyway: divides that word at
 * the last point that fits the rest of the line, if the line would otherwise spread its
 * ideographs more than a quarter em. Returns where the line ends, or -1 to leave it as it was.
 */
export function divideAtLineEnd<S>(
  units: Units<S>,
  line: { start: number; best: number; at: number; avail: number; justified: number; tooLong: boolean },
  measure: Measure<S>,
  hyphenation: Hyphenation<S>,
  widthIn: WidthIn<S>,
  gapBefore: GapBefore<S>,
): number {
  const { start, best, avail, tooLong } = line;
  let k = tooLong || best <= start ? line.at : best;
  // Spaces and opening marks before the word stay on this line with its head: 过拟合（over-
  while (k < line.at && k < units.length && (units.kind[k] === SPACE || units.has(k, OPENING))) k++;
  if (k >= units.length || units.kind[k] !== LATIN || k > line.at) return -1;
  if (!tooLong && best > start && spreadOf(units, start, best, line.justified, measure, widthIn, gapBefore) <= hyphenation.em * MAX_SPREAD + EPSILON) return -1;
  const division = hyphenation.divide(units.text[k] ?? '', units.styleOf(k));
  if (division === 'none') return -1;
  let used = 0;
  for (let i = start; i < k && i < units.length; i++) used += (i > start ? gapBefore(units, i, measure) : 0) + widthIn(units, i, start);
  const room = avail - used - (k > start ? gapBefore(units, k, measure) : 0);
  return divideWord(units, k, room, measure, division) ? k + 1 : -1;
}
