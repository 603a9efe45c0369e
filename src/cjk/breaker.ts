/**
 * Greedy line breaking over units, linear in paragraph length: each line is filled until the
 * next unit overflows, then broken at the last legal position (clreq line-start and line-end
 * prohibitions, —— and …… kept whole, no break inside a Latin word or a 2015—2017 range). When
 * only a line-end stop or closing mark overflows, it is set half-width and kept (推入); other
 * prohibited starts pull the last legal unit down to the next line (推出) and justification
 * spreads the difference. A Latin word longer than a line is split where the line is full.
 */
import { divideAtLineEnd, type Hyphenation } from './hyphenate.js';
import type { Measure } from './types.js';
import { BREAK, BREAKABLE, canBreakBefore, LATIN, MIXED, OPENING, PUNCT, SPACE, SQUEEZE_NEXT, SQUEEZE_PREV, TIGHT, type Units } from './units.js';

/** Rounding slack in points when comparing a line with the measure. */
const EPSILON = 0.01;

export interface LineRange {
  start: number;
  end: number;
  /** Last line of the paragraph or before a forced break. */
  last: boolean;
  /** The line's final mark is set half-width to make it fit. */
  endHalf: boolean;
  indent: number;
}

/**
 * ¼ em between an ideograph and a Latin letter or digit: the word space of the narrower of
 * the two faces. A monospaced face (inline code) has a space of 0.6 em, which would set code
 * apart from its Chinese neighbours by more than half a character.
 */
const NO_GAP_AFTER = new Set(Array.from('([{'));
const NO_GAP_BEFORE = new Set(Array.from(')]},.;:!?'));

export function gapBefore<S>(units: Units<S>, i: number, measure: Measure<S>): number {
  if (i < 1 || i >= units.length || !units.has(i, MIXED) || (units.has(i - 1, TIGHT) && units.has(i, TIGHT))) return 0;
  // The gap separates letters and digits from ideographs; an ASCII bracket or stop written
  // inside Chinese text (考虑(**两种方法**)) hugs the ideograph on its open side.
  if (units.kind[i - 1] === LATIN ? NO_GAP_AFTER.has(units.text[i - 1]?.at(-1) ?? '') : NO_GAP_BEFORE.has(units.text[i]?.[0] ?? '')) return 0;
  return Math.min(measure(' ', units.styleOf(i - 1), false), measure(' ', units.styleOf(i), false));
}

/** Width of unit i inside a line that starts at `start`. */
export function widthIn<S>(units: Units<S>, i: number, start: number): number {
  const f = units.flags[i] ?? 0;
  if ((f & SQUEEZE_NEXT) !== 0 || ((f & SQUEEZE_PREV) !== 0 && i > start)) return units.half[i] ?? 0;
  return units.width[i] ?? 0;
}

const URL_BREAK_AFTER = new Set(Array.from('/._-?&=#'));

/** Splits an over-long Latin word after the last URL mark that fits `room`, else at the last character that fits. */
function splitWord<S>(units: Units<S>, j: number, room: number, measure: Measure<S>, marksOnly = false): boolean {
  if (j >= units.length) return false;
  const style = units.styleOf(j);
  const chars = Array.from(units.text[j] ?? '');
  let take = 1;
  while (take < chars.length && measure(chars.slice(0, take + 1).join(''), style, false) <= room + EPSILON) take++;
  if (take >= chars.length) return false;
  // A URL or path breaks after / . _ - ? & = # (the last one that fits), inside a word only
  // when none does (and, for a URL that fits a line of its own, never).
  let mark = 0;
  for (let k = take; k > 1; k--) {
    if (URL_BREAK_AFTER.has(chars[k - 1] ?? '') && k < chars.length) {
      mark = k;
      break;
    }
  }
  if (mark > 0) take = mark;
  else if (marksOnly || measure(chars.slice(0, take).join(''), style, false) > room + EPSILON) return false;
  const head = chars.slice(0, take).join('');
  const tail = chars.slice(take).join('');
  units.divide(j, head, measure(head, style, false), tail, measure(tail, style, false));
  return true;
}

/** A URL (scheme:// or www.) may break at its marks even when it would fit a line of its own. */
function isUrl(text: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(text);
}

/**
 * A tight setting (widow control, the 孤字 rule) fills a line past the measure. Up to `base`
 * points over, the line's characters close up a hair; beyond that only by setting full-width
 * marks in their half-width forms (标点挤压), so a line may take no more than its marks give.
 */
export interface Tightening {
  /** The line length itself, without the fill's extra. */
  measure: number;
  base: number;
}

/** What setting a mark half-width gives back: its blank half (0 for anything else). */
export function squeezable<S>(units: Units<S>, i: number): number {
  return units.kind[i] === PUNCT && ((units.flags[i] ?? 0) & (SQUEEZE_NEXT | SQUEEZE_PREV)) === 0 ? (units.width[i] ?? 0) - (units.half[i] ?? 0) : 0;
}

interface Fit {
  end: number;
  endHalf: boolean;
  forced: boolean;
}

function fitLine<S>(units: Units<S>, start: number, fill: number, measure: Measure<S>, hyphenation?: Hyphenation<S>, justified = fill, tight?: Tightening): Fit {
  // The columns as they are: only dividing a word replaces them, at the overflow, which ends the line.
  const { kind: kinds, flags, width: widths, half: halves, length: n } = units;
  let width = 0;
  let best = -1;
  let saving = 0;
  for (let j = start; j < n; j++) {
    const kind = kinds[j];
    if (kind === BREAK) return { end: j, endHalf: false, forced: true };
    const f = flags[j] ?? 0;
    // widthIn, gapBefore's first test and canBreakBefore written out with the flags learnt
    // once per paragraph: this runs for every unit of every setting tried.
    const w = (f & SQUEEZE_NEXT) !== 0 || ((f & SQUEEZE_PREV) !== 0 && j > start) ? halves[j] : widths[j];
    const gap = j > start && (f & MIXED) !== 0 ? gapBefore(units, j, measure) : 0;
    const add = gap + (w ?? 0);
    const avail = tight ? Math.min(fill, tight.measure + tight.base + saving + squeezable(units, j)) : fill;
    if (width + add > avail + EPSILON) return overflow(units, start, j, width, gap, avail, best, justified, measure, hyphenation);
    width += add;
    if (tight) saving += squeezable(units, j);
    if (j + 1 >= n || ((flags[j + 1] ?? 0) & BREAKABLE) !== 0) best = j + 1;
  }
  return { end: n, endHalf: false, forced: false };
}

/**
 * Where the line from `start` ends when unit `j` does not fit it: `width` taken before it, `gap`
 * the gap before it, `best` the last break before it. (Arguments rather than an object: once a
 * line of every setting tried.)
 */
function overflow<S>(units: Units<S>, start: number, j: number, width: number, gap: number, avail: number, best: number, justified: number, measure: Measure<S>, hyphenation?: Hyphenation<S>): Fit {
  const kind = units.kind[j];
  const half = gap + (units.half[j] ?? 0);
  const flags = units.flags[j] ?? 0;
  if (kind === PUNCT && (flags & (OPENING | SQUEEZE_NEXT | SQUEEZE_PREV)) === 0 && width + half <= avail + EPSILON && j > start && canBreakBefore(units, j + 1)) {
    return { end: j + 1, endHalf: true, forced: false };
  }
  const text = units.text[j] ?? '';
  const tooLong = kind === LATIN && (units.width[j] ?? 0) > avail && Array.from(text).length > 1;
  // A URL that does not fit the rest of the line breaks at a mark rather than leave the line short.
  if (!tooLong && kind === LATIN && isUrl(text) && splitWord(units, j, avail - width - gap, measure, true)) {
    return { end: j + 1, endHalf: false, forced: false };
  }
  // A Latin word pushed down that would spread this line's ideographs > ¼ em is divided instead.
  const divided = hyphenation ? divideAtLineEnd(units, { start, best, at: j, avail, justified, tooLong }, measure, hyphenation, widthIn, gapBefore) : -1;
  if (divided > 0) return { end: divided, endHalf: false, forced: false };
  if (best > start && !tooLong) return { end: best, endHalf: false, forced: false };
  if (kind === LATIN && Array.from(text).length > 1) {
    splitWord(units, j, avail - width - gap, measure);
    if (j === start || (units.width[j] ?? 0) + width + gap <= avail + EPSILON) return { end: j + 1, endHalf: false, forced: false };
  }
  // Nothing legal fits: break here anyway rather than run past the measure.
  return { end: Math.max(j, start + 1), endHalf: false, forced: false };
}

/** `measure` may vary by line: the width line n is filled to (widow control loosens the tail). */
export function breakLines<S>(
  units: Units<S>,
  measure: number | ((line: number) => number),
  indent: number,
  measureText: Measure<S>,
  hyphenation?: Hyphenation<S>,
  tight?: Tightening,
): LineRange[] {
  const fillAt = typeof measure === 'number' ? (): number => measure : measure;
  const lines: LineRange[] = [];
  let i = 0;
  let first = true;
  while (i < units.length) {
    while (i < units.length && units.kind[i] === SPACE) i++;
    if (i >= units.length) break;
    const lineIndent: number = first ? indent : 0;
    if (units.kind[i] === BREAK) {
      // An empty line (two breaks in a row): the line after it starts at the indent too.
      lines.push({ start: i, end: i, last: true, endHalf: false, indent: lineIndent });
      i++;
      first = true;
      continue;
    }
    const fill = fillAt(lines.length);
    const fit: Fit = fitLine(units, i, fill - lineIndent, measureText, hyphenation, (hyphenation?.measure ?? fill) - lineIndent, tight && { ...tight, measure: tight.measure - lineIndent });
    let end = fit.end;
    while (end > i && units.kind[end - 1] === SPACE) end--;
    const last = fit.forced || fit.end >= units.length;
    lines.push({ start: i, end, last, endHalf: fit.endHalf, indent: lineIndent });
    i = fit.forced ? fit.end + 1 : fit.end;
    // After a forced break (a poem's line) the next line starts at the indent again.
    first = fit.forced;
  }
  return lines;
}
