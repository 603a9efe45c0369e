/**
 * A broken line → segments (one text object each) and full justification. Ideographs and
 * marks of one style go into one segment; the slack is spread as character spacing over the
 * gaps *inside* such segments, so it falls between ideographs only — never inside a Latin word,
 * inside ——/…… (Noto draws —— as one glyph, and PDF character spacing applies per glyph), or
 * into the ¼-em gaps beside Latin text. The line's last unit is a segment of its own without
 * spacing, so the right edge is exact. Widths are re-measured per segment as the renderer will
 * measure them (kerning included), so the line fills the measure to rounding.
 */
import { gapBefore, squeezable, type LineRange } from './breaker.js';
import type { ComposedLine, Measure, Segment } from './types.js';
import { LATIN, PUNCT, SPACE, SPACEABLE, SQUEEZE_NEXT, SQUEEZE_PREV, type Units } from './units.js';

type Kind = 'spaced' | 'latin' | 'fixed';

/** Rounding slack in points. */
const EPSILON = 0.01;

/** No mark compressed: shared by every line that compresses none (most), never added to. */
const NONE: ReadonlySet<number> = new Set<number>();

/**
 * What drafts() knows of each segment of the line it drafts, by the segment's index (scratch
 * lists reused line after line, rather than an object per segment): its kind and, while its text
 * is still to be made from its units, the units [from, to) it holds — the text is made once the
 * line is drafted (a slice of the run's text where it can be: no characters copied); from −1:
 * the text is the segment's own (a space, a divided word's head).
 */
const kinds: Kind[] = [];
const froms: number[] = [];
const tos: number[] = [];

/** Segment i's text is its own from now on. */
function ownText<S>(segments: Array<Segment<S>>, i: number, units: Units<S>): void {
  const from = froms[i] ?? -1;
  const to = tos[i] ?? -1;
  if (from >= 0 && to - from > 1) (segments[i] as Segment<S>).text = textOf(units, from, to);
  froms[i] = -1;
}

function textOf<S>(units: Units<S>, from: number, to: number): string {
  return units.piece(from, to) ?? units.text.slice(from, to).join('');
}

function halfHere<S>(units: Units<S>, k: number, line: LineRange, squeezed: ReadonlySet<number>): boolean {
  if (units.kind[k] !== PUNCT) return false;
  const f = units.flags[k] ?? 0;
  return (f & SQUEEZE_NEXT) !== 0 || ((f & SQUEEZE_PREV) !== 0 && k > line.start) || (line.endHalf && k === line.end - 1) || squeezed.has(k);
}

function kindOf<S>(units: Units<S>, k: number, half: boolean, isLastUnit: boolean): Kind {
  if (half || isLastUnit) return 'fixed';
  if (units.has(k, SPACEABLE)) return 'spaced';
  const kind = units.kind[k];
  if (kind === LATIN || kind === SPACE) return 'latin';
  return 'fixed';
}

/**
 * Where the units from `k` on stop only lengthening a spaced segment of the run before them
 * (most of a line of Chinese): one spaceable unit after another of the same run, none set
 * half-width, up to `stop`. drafts() skips them in one step instead of asking each unit's gap,
 * half width, kind and style. (No gap comes between two of them: a gap goes between an
 * ideograph and a Latin word, and a Latin word is not spaceable.)
 */
function spacedUntil<S>(units: Units<S>, k: number, stop: number, squeezed: ReadonlySet<number>): number {
  const { kind, flags, source } = units;
  const run = source[k - 1];
  for (; k < stop; k++) {
    const f = flags[k] ?? 0;
    if ((f & SPACEABLE) === 0 || source[k] !== run) return k;
    // A mark after the line's first unit is half-width when squeezed against its neighbour or chosen to be.
    if (kind[k] === PUNCT && ((f & (SQUEEZE_NEXT | SQUEEZE_PREV)) !== 0 || (squeezed.size > 0 && squeezed.has(k)))) return k;
  }
  return k;
}

/** Appends a segment of `kind` made from unit `from` (−1: its text is its own); its index. */
function add<S>(out: Array<Segment<S>>, segment: Segment<S>, kind: Kind, from: number): number {
  const i = out.length;
  kinds[i] = kind;
  froms[i] = from;
  tos[i] = from + 1;
  out.push(segment);
  return i;
}

/** The line's segments; their kinds are in `kinds` by index until the next line is drafted. */
function drafts<S>(units: Units<S>, line: LineRange, measure: Measure<S>, squeezed: ReadonlySet<number>): Array<Segment<S>> {
  const out: Array<Segment<S>> = [];
  let current = -1;
  // The units a spaced segment may take in one step: not the line's last (set apart) nor one set half-width at its end.
  const stop = Math.min(units.length, line.last && !line.endHalf ? line.end : line.end - 1);
  for (let k = line.start; k < line.end && k < units.length; k++) {
    const text = units.text[k] ?? '';
    const style = units.styleOf(k);
    const gap = k > line.start ? gapBefore(units, k, measure) : 0;
    if (gap > 0) {
      // The space is set in the face whose space gapBefore chose (the narrower one).
      const prev = units.styleOf(k - 1);
      const spaceStyle = measure(' ', prev, false) <= measure(' ', style, false) ? prev : style;
      add(out, { text: ' ', style: spaceStyle, spacing: 0, halfWidth: false, width: 0 }, 'fixed', -1);
      current = -1;
    }
    const half = halfHere(units, k, line, squeezed);
    const lastUnit = !line.last && k === line.end - 1;
    const open = current >= 0 ? (out[current] as Segment<S>) : undefined;
    if (lastUnit && units.kind[k] === LATIN && text.length > 1) {
      // Keep all but the final letter stretchable for the no-ideograph fallback below.
      const chars = Array.from(text);
      const head = chars.slice(0, -1).join('');
      if (open && kinds[current] === 'latin' && open.style === style) {
        ownText(out, current, units);
        open.text += head;
      } else add(out, { text: head, style, spacing: 0, halfWidth: false, width: 0 }, 'latin', -1);
      current = add(out, { text: chars.at(-1) ?? '', style, spacing: 0, halfWidth: false, width: 0 }, 'fixed', -1);
      continue;
    }
    const kind = kindOf(units, k, half, lastUnit);
    if (open && kind !== 'fixed' && kinds[current] === kind && open.style === style) {
      if ((froms[current] ?? -1) >= 0 && tos[current] === k) tos[current] = k + 1;
      else {
        ownText(out, current, units);
        open.text += text;
        continue;
      }
    } else current = add(out, { text, style, spacing: 0, halfWidth: half, width: 0 }, kind, k);
    if (kind === 'spaced' && k + 1 < stop) k = (tos[current] = spacedUntil(units, k + 1, stop, squeezed)) - 1;
  }
  for (let i = 0; i < out.length; i++) ownText(out, i, units);
  return out;
}

/**
 * The marks a line set more than `base` over its measure compresses (标点挤压): as few as
 * give back the excess, spread evenly along the line rather than bunched at one end.
 */
function squeezedMarks<S>(units: Units<S>, line: LineRange, room: number, base: number | undefined, measure: Measure<S>): ReadonlySet<number> {
  if (base === undefined) return NONE;
  let natural = 0;
  const marks: number[] = [];
  for (let k = line.start; k < line.end; k++) {
    const half = halfHere(units, k, line, NONE);
    natural += (k > line.start ? gapBefore(units, k, measure) : 0) + ((half ? units.half[k] : units.width[k]) as number);
    if (!half && squeezable(units, k) > 0) marks.push(k);
  }
  let excess = natural - room - base;
  if (excess <= 0 || marks.length === 0) return NONE;
  const out = new Set<number>();
  for (let n = 1; n <= marks.length && excess > 0; n++) {
    out.clear();
    excess = natural - room - base;
    for (let i = 0; i < n; i++) {
      const k = marks[Math.floor(((i + 0.5) * marks.length) / n)] as number;
      out.add(k);
      excess -= squeezable(units, k);
    }
  }
  return out;
}

function naturalOf<S>(parts: Array<Segment<S>>, measureText: Measure<S>): number {
  let natural = 0;
  for (const segment of parts) {
    segment.width = measureText(segment.text, segment.style, segment.halfWidth);
    natural += segment.width;
  }
  return natural;
}

export function justifyLine<S>(units: Units<S>, line: LineRange, measure: number, measureText: Measure<S>, base?: number): ComposedLine<S> {
  let parts = drafts(units, line, measureText, NONE);
  let natural = naturalOf(parts, measureText);
  // Only a line set tighter than closing up allows has marks to compress.
  if (base !== undefined && natural > measure - line.indent + base + EPSILON) {
    parts = drafts(units, line, measureText, squeezedMarks(units, line, measure - line.indent, base, measureText));
    natural = naturalOf(parts, measureText);
  }
  let spacedGaps = 0;
  let latinGaps = 0;
  for (let i = 0; i < parts.length; i++) {
    const gaps = (parts[i] as Segment<S>).text.length - 1;
    if (kinds[i] === 'spaced') spacedGaps += gaps;
    else if (kinds[i] === 'latin') latinGaps += gaps;
  }
  const slack = measure - line.indent - natural;
  // Between ideographs when there are any; a line of Latin text alone is letter-spaced instead.
  const into: Kind = spacedGaps > 0 ? 'spaced' : 'latin';
  const gaps = spacedGaps > 0 ? spacedGaps : latinGaps;
  // A last line is set at its natural width unless a tighter setting made it overrun the
  // measure (a paragraph pulled up a line): then it is closed up to the measure like the rest.
  if ((!line.last || slack < -EPSILON) && gaps > 0) {
    const spacing = slack / gaps;
    for (let i = 0; i < parts.length; i++) {
      const segment = parts[i] as Segment<S>;
      if (kinds[i] === into && segment.text.length > 1) segment.spacing = spacing;
    }
  }
  return { segments: parts, indent: line.indent, last: line.last, natural };
}
