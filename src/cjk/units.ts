/**
 * Paragraph text → units: the pieces a line may not split. An ideograph or a mark is one unit;
 * a Latin word (letters, digits and the ASCII marks inside it), a run of —— or …… and a forced
 * break are one unit each. Each unit knows its width, its half width (punctuation), and how it
 * meets its neighbours: may a line start or end with it, is it squeezed against the next mark.
 *
 * Speed: a book is cut into millions of units, most of them one ideograph each, so a
 * paragraph's units are parallel arrays (`Units`) rather than an object per unit: a unit costs
 * two references and a few bytes of typed arrays instead of an object of a dozen fields, and
 * the young heap fills a third as fast.
 */
import { charKind, isDigit, kindOfCodePoint, noEndCode, noStartCode, type CharKind } from './classes.js';
import type { Measure, StyledText } from './types.js';

/** Unit kinds (the `kind` array's values). */
export const CJK = 0;
export const PUNCT = 1;
/** A run of —— or …… (or one dash or ellipsis). */
export const PAIR = 2;
export const LATIN = 3;
export const SPACE = 4;
export const BREAK = 5;

/** Unit flags (bits of the `flags` array). */
export const NO_START = 1 << 0;
export const NO_END = 1 << 1;
/** An opening mark (brackets, quotes). */
export const OPENING = 1 << 2;
/** One BMP character set as one glyph on the em grid: may take justification spacing. */
export const SPACEABLE = 1 << 3;
/** Split from the end of an over-long Latin word: a line may break before it. */
export const SPLIT_BEFORE = 1 << 4;
/** A single dash between digits (2015—2017): no break on either side. */
export const RANGE_DASH = 1 << 5;
/** From a tight run (图2-1): no gap and no break next to another unit of it. */
export const TIGHT = 1 << 6;
/**
 * Punctuation compression against a neighbouring mark: SQUEEZE_NEXT = a closing mark or stop
 * followed by another mark loses its right half; SQUEEZE_PREV = an opening mark after another
 * opening mark loses its left half (the font's `halt` forms do exactly this).
 */
export const SQUEEZE_NEXT = 1 << 7;
export const SQUEEZE_PREV = 1 << 8;
/**
 * What the breaker asks of the boundary before a unit at every setting, learnt once per
 * paragraph (markEdges): a line may start with this unit (canBreakBefore); Chinese meets Latin
 * text here (a ¼-em gap may go before it: breaker.ts gapBefore).
 */
export const BREAKABLE = 1 << 9;
export const MIXED = 1 << 10;

/**
 * A paragraph's units as parallel arrays, unit i at index i of each (the typed arrays may be
 * longer than `length`: they are sized for one unit per code unit). A setting works on a
 * `view()`: the arrays are shared with the paragraph's other settings until the breaker divides
 * a word (`divide`), which gives the view arrays of its own.
 */
export class Units<S> {
  constructor(
    public length: number,
    public text: string[],
    /** The styles of the runs the units were cut from (a unit's style is its run's: styleOf). */
    public readonly styles: readonly S[],
    public kind: Uint8Array,
    public flags: Uint16Array,
    /** Width in points. */
    public width: Float64Array,
    /** Width in half-width form (punctuation only; equal to width otherwise). */
    public half: Float64Array,
    /** The texts of the runs the units were cut from. */
    public readonly sources: readonly string[],
    /** The run each unit was cut from (an index into sources). */
    public source: Uint32Array,
    /** Where in its run's text the unit's text starts; -1 when it is not a piece of it (a resolved space, a divided word). */
    public start: Int32Array,
  ) {}

  view(): Units<S> {
    return new Units(this.length, this.text, this.styles, this.kind, this.flags, this.width, this.half, this.sources, this.source, this.start);
  }

  styleOf(i: number): S {
    return this.styles[this.source[i] ?? 0] as S;
  }

  /**
   * The text of units [from, to) when it is one piece of one run's text (then a slice of it: no
   * characters copied), else undefined.
   */
  piece(from: number, to: number): string | undefined {
    const run = this.source[from];
    const at = this.start[from] ?? -1;
    if (run === undefined || at < 0) return undefined;
    let end = at;
    for (let i = from; i < to; i++) {
      if (this.source[i] !== run || this.start[i] !== end) return undefined;
      end += this.text[i]?.length ?? 0;
    }
    return this.sources[run]?.slice(at, end);
  }

  has(i: number, flag: number): boolean {
    return ((this.flags[i] ?? 0) & flag) !== 0;
  }

  /**
   * Unit j replaced by its head (`head`, which a line may end with) and its tail (`tail`, a
   * line may break before it), both with their widths as measured and no half-width form.
   */
  divide(j: number, head: string, headWidth: number, tail: string, tailWidth: number): void {
    const n = this.length;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(from: T, make: (size: number) => T): T => {
      const to = make(n + 1);
      to.set(from.subarray(0, j + 1));
      to.set(from.subarray(j + 1, n), j + 2);
      to[j + 1] = from[j] as number;
      return to;
    };
    this.text = [...this.text.slice(0, j), head, tail, ...this.text.slice(j + 1, n)];
    this.kind = grow(this.kind, (size) => new Uint8Array(size));
    this.flags = grow(this.flags, (size) => new Uint16Array(size));
    this.width = grow(this.width, (size) => new Float64Array(size));
    this.half = grow(this.half, (size) => new Float64Array(size));
    this.source = grow(this.source, (size) => new Uint32Array(size));
    this.start = grow(this.start, (size) => new Int32Array(size));
    this.start[j] = this.start[j + 1] = -1;
    this.length = n + 1;
    const flags = this.flags[j] ?? 0;
    this.flags[j] = flags & ~NO_END;
    this.flags[j + 1] = (flags & ~NO_START) | SPLIT_BEFORE;
    this.width[j] = this.half[j] = headWidth;
    this.width[j + 1] = this.half[j + 1] = tailWidth;
    // The boundaries the new texts touch: a number's unit is looked for one unit past a space.
    markEdges(this, Math.max(0, j - 1), Math.min(this.length, j + 3));
  }
}

/** Units of measure that stay on the line of the number before them ("120 ns", "1 GB", "3 GHz"). */
const UNIT = /^(?:[kMGTPEµu]?(?:s|m|g|B|b|Hz|W|V|A|F|FLOPS|bit|bits|byte|bytes)|ns|ms|min|h|d|KB|KiB|MiB|GiB|TiB|cm|mm|km|kg|mg|px|pt|em|dpi|ppi|°C|℃|%|x|×|K|M|G|T|P|KF|MF|GF|TF|PF)(?:\/s)?[.,;:!?)]*$/u;

/** The space at `i` separates a number from its unit: no break there. */
export function numberAndUnit<S>(units: Units<S>, i: number): boolean {
  if (i < 1 || i + 1 >= units.length) return false;
  return units.kind[i - 1] === LATIN && /\d$/.test(units.text[i - 1] ?? '') && units.kind[i + 1] === LATIN && UNIT.test(units.text[i + 1] ?? '');
}

/** A line may start with unit i (clreq's prohibitions, words and ranges kept whole). */
export function canBreakBefore<S>(units: Units<S>, i: number): boolean {
  if (i < 1 || i >= units.length) return true;
  const a = units.kind[i - 1];
  const b = units.kind[i];
  const fa = units.flags[i - 1] ?? 0;
  const fb = units.flags[i] ?? 0;
  if (b === BREAK || a === SPACE || (fa & fb & TIGHT) !== 0) return false;
  if (b === SPACE) return (fa & NO_END) === 0 && !numberAndUnit(units, i);
  if ((fb & SPLIT_BEFORE) !== 0) return true;
  if ((fb & NO_START) !== 0 || (fa & NO_END) !== 0) return false;
  if (a === LATIN && b === LATIN) return false;
  return ((fa | fb) & RANGE_DASH) === 0;
}

/** An ideograph next to a Latin word, either way round, at unit i. */
function mixedBefore<S>(units: Units<S>, i: number): boolean {
  if (i < 1 || i >= units.length) return false;
  const a = units.kind[i - 1];
  const b = units.kind[i];
  return (a === CJK && b === LATIN) || (a === LATIN && b === CJK);
}

/** BREAKABLE and MIXED of the boundary before unit i (canBreakBefore reads neither bit). */
function edgeFlags<S>(units: Units<S>, i: number): number {
  return (canBreakBefore(units, i) ? BREAKABLE : 0) | (mixedBefore(units, i) ? MIXED : 0);
}

/** BREAKABLE and MIXED of units [from, to), from the flags, kinds and texts as they are now. */
function markEdges<S>(units: Units<S>, from: number, to: number): void {
  const { flags } = units;
  for (let i = from; i < to; i++) {
    // Neither bit is read to work them out: they can be cleared first and set in any order.
    flags[i] = (flags[i] ?? 0) & ~(BREAKABLE | MIXED);
    flags[i] = (flags[i] ?? 0) | edgeFlags(units, i);
  }
}

function unitKind(kind: CharKind): number {
  switch (kind) {
    case 'cjk':
      return CJK;
    case 'open':
    case 'close':
      return PUNCT;
    case 'dash':
    case 'ellipsis':
      return PAIR;
    case 'latin':
      return LATIN;
    case 'space':
      return SPACE;
    case 'break':
      return BREAK;
  }
}

/** The unit kind of every BMP code unit, made once: split asks for every character of a book. */
const UNIT_KINDS = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) table[cp] = unitKind(kindOfCodePoint(cp));
  return table;
})();

/** Characters (code points) that join the previous one into a unit of the same kind. */
function joins(kind: number, prev: number, cp: number): boolean {
  if (kind === LATIN) return true;
  // —— and …… (and longer runs) never split; — next to … does not join.
  if (kind === PAIR) return kindOfCodePoint(prev) === kindOfCodePoint(cp);
  return kind === SPACE;
}

/**
 * The edge rules of a one-code-unit unit by its code unit, learnt once each (UNKNOWN: not yet):
 * NO_START and NO_END as the classes give them, and OPENING for an opening mark (a unit of kind
 * PUNCT takes it). Most units are one ideograph or one mark.
 */
const EDGES = new Uint16Array(0x10000).fill(0xffff);
const UNKNOWN = 0xffff;

function edgesOf(cu: number): number {
  let edges = EDGES[cu] ?? UNKNOWN;
  if (edges === UNKNOWN) edges = EDGES[cu] = (noStartCode(cu) ? NO_START : 0) | (noEndCode(cu) ? NO_END : 0) | (kindOfCodePoint(cu) === 'open' ? OPENING : 0);
  return edges;
}

/** One-code-unit texts, made once each: most units are one ideograph or one mark, set again and again. */
const SINGLES = new Array<string | undefined>(0x10000);

function cut(text: string, start: number, end: number): string {
  if (end !== start + 1) return text.slice(start, end);
  const code = text.charCodeAt(start);
  return (SINGLES[code] ??= String.fromCharCode(code));
}

/**
 * A paragraph's per-unit typed arrays, all views of one stretch of a shared slab: a typed array
 * of its own is an ArrayBuffer with memory of its own outside the heap, and six of them for each
 * paragraph set (about 4 µs a paragraph to make, and outside memory the collector keeps count
 * of) cost more than cutting the units. A slab lives while a paragraph cut from it is still
 * being set; its stretches are never handed out twice, so each starts zeroed.
 */
interface Columns {
  kind: Uint8Array;
  flags: Uint16Array;
  source: Uint32Array;
  start: Int32Array;
  width: Float64Array;
  half: Float64Array;
}

const SLAB_BYTES = 1 << 20;
/** Bytes a unit takes in a slab: width and half (8 each), source and start (4 each), flags (2), kind (1). */
const UNIT_BYTES = 27;
let slab: ArrayBuffer | undefined;
let slabUsed = 0;

function columns(size: number): Columns {
  // Rounded to whole doubles, so that the next paragraph's widths start aligned.
  const bytes = (UNIT_BYTES * size + 7) & ~7;
  if (!slab || slabUsed + bytes > slab.byteLength) {
    slab = new ArrayBuffer(Math.max(SLAB_BYTES, bytes));
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += bytes;
  return {
    width: new Float64Array(slab, at, size),
    half: new Float64Array(slab, at + 8 * size, size),
    source: new Uint32Array(slab, at + 16 * size, size),
    start: new Int32Array(slab, at + 20 * size, size),
    flags: new Uint16Array(slab, at + 24 * size, size),
    kind: new Uint8Array(slab, at + 26 * size, size),
  };
}

/** Units cut but not yet measured: text, kind, the tight flag and where each was cut from (widths still to fill in). */
interface Cut extends Columns {
  length: number;
  text: string[];
  spaces: boolean;
}

/** Unit n of `out` is `text`, of `kind`, cut from run `run` at `at`. */
function put(out: Cut, n: number, text: string, kind: number, flags: number, run: number, at: number): void {
  out.text[n] = text;
  out.kind[n] = kind;
  out.flags[n] = flags;
  out.source[n] = run;
  out.start[n] = at;
  if (kind === SPACE) out.spaces = true;
}

/** Runs → unmeasured units, cut from the run's text by code point (no string building). */
function split<S>(runs: Array<StyledText<S>>): Cut {
  let most = 0;
  for (const run of runs) most += run.text.length;
  // Sized for the most units there can be (one per code unit); `length` says how many there are.
  const out: Cut = { length: 0, text: new Array<string>(most), spaces: false, ...columns(most) };
  let n = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as StyledText<S>;
    const { text } = run;
    const flags = run.tight === true ? TIGHT : 0;
    let start = 0;
    let kind = -1;
    let prev = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 0;
      const next = i + (cp > 0xffff ? 2 : 1);
      const k = cp < 0x10000 ? (UNIT_KINDS[cp] as number) : unitKind(kindOfCodePoint(cp));
      if (kind === -1 || kind !== k || !joins(k, prev, cp)) {
        if (kind !== -1) put(out, n++, cut(text, start, i), kind, flags, r, start);
        start = i;
        kind = k;
      }
      prev = cp;
      i = next;
    }
    if (kind !== -1) put(out, n++, cut(text, start, text.length), kind, flags, r, start);
  }
  out.length = n;
  out.text.length = n;
  return out;
}

export const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * What a source space becomes. Between Latin words it is a word space. Between an ideograph
 * and an ideograph or opening mark it was written on purpose (第一条 为了…, a poem's caesura):
 * it becomes one full-width space (U+3000), and a run of spaces collapses into one; at a line
 * break it vanishes like any space. Next to
 * punctuation or beside Latin text it goes: the marks carry their own white, and the ¼-em gap
 * replaces it between Chinese and Latin.
 */
function resolveSpaces(cut: Cut): Cut {
  // Most Chinese paragraphs have no space at all: then there is nothing to resolve or copy.
  if (!cut.spaces) return cut;
  const { text, kind } = cut;
  const out: Cut = { length: 0, text: [], spaces: true, ...columns(cut.length) };
  const keep = (i: number, as: string): void => {
    out.text.push(as);
    out.kind[out.length] = kind[i] ?? 0;
    out.flags[out.length] = cut.flags[i] ?? 0;
    out.source[out.length] = cut.source[i] ?? 0;
    // A space made U+3000 is no longer a piece of its run's text.
    out.start[out.length] = as === text[i] ? (cut.start[i] ?? -1) : -1;
    out.length++;
  };
  for (let i = 0; i < cut.length; i++) {
    if (kind[i] !== SPACE) {
      keep(i, text[i] ?? '');
      continue;
    }
    const before = i > 0 ? kind[i - 1] : undefined;
    const after = i + 1 < cut.length ? kind[i + 1] : undefined;
    if (before === LATIN && after === LATIN) keep(i, text[i] ?? '');
    else if (before === CJK && text[i - 1] !== IDEOGRAPHIC_SPACE && (after === CJK || (after === PUNCT && charKind(text[i + 1] ?? '') === 'open'))) {
      // Still a space to the breaker: a line may break at it, and it vanishes there.
      keep(i, IDEOGRAPHIC_SPACE);
    }
  }
  return out;
}

export function buildUnits<S>(runs: Array<StyledText<S>>, measure: Measure<S>): Units<S> {
  const { length: n, text, kind, flags, source, start, width, half } = resolveSpaces(split(runs));
  const styles = runs.map((run) => run.style);
  // The run whose style the memos below are of (the units of a run are consecutive).
  let run = -1;
  let s = styles[0] as S;
  let fulls: Float64Array | undefined;
  let halves: Float64Array | undefined;
  // Each unit's widths and edge rules, from its text as resolved (a source space may be U+3000 now).
  for (let i = 0; i < n; i++) {
    const t = text[i] ?? '';
    const k = kind[i];
    const punct = k === PUNCT;
    if (source[i] !== run) {
      run = source[i] ?? 0;
      s = styles[run] as S;
      fulls = measure.widths?.(s, false);
      halves = undefined;
    }
    // Nearly every unit is one code unit: its widths come from the memos and its edge rules
    // from a table by that code unit (−1: a longer unit).
    const cu = t.length === 1 ? t.charCodeAt(0) : -1;
    // Written out rather than a helper: a width returned from a call is a number allocated on
    // the heap, and most units are found in the memo.
    let w = 0;
    if (k !== BREAK) {
      if (fulls !== undefined && cu >= 0) {
        w = fulls[cu] as number;
        if (w === 0) fulls[cu] = w = measure(t, s, false);
      } else w = measure(t, s, false);
    }
    width[i] = w;
    if (punct) {
      halves ??= measure.widths?.(s, true);
      if (halves !== undefined && cu >= 0) {
        let h = halves[cu] as number;
        if (h === 0) halves[cu] = h = measure(t, s, true);
        half[i] = h;
      } else half[i] = measure(t, s, true);
    } else half[i] = w;
    let f = flags[i] ?? 0;
    if (k === PAIR) f |= NO_START;
    if (cu >= 0) {
      // By code unit, as the tests on the first and last character always were.
      const edges = edgesOf(cu);
      f |= edges & (NO_START | NO_END);
      if (punct) f |= (edges & OPENING) | SPACEABLE;
      else if (k === CJK) f |= SPACEABLE;
    } else {
      const first = t.charCodeAt(0);
      if (noStartCode(first)) f |= NO_START;
      if (noEndCode(t.charCodeAt(t.length - 1))) f |= NO_END;
      if (punct && kindOfCodePoint(first) === 'open') f |= OPENING;
    }
    flags[i] = f;
  }
  const sources = runs.map((run) => run.text);
  // The arrays may be longer than n (sized for one unit per code unit): only the first n are units.
  const units = new Units(n, text, styles, kind, flags, width, half, sources, source, start);
  // What a unit's neighbours decide, in one pass: its squeeze or range, then the boundary
  // before it, which reads the flags of the unit and of the one before, final by then.
  for (let i = 0; i < n; i++) {
    let f = flags[i] ?? 0;
    const k = kind[i];
    if (k === PUNCT) {
      const opening = (f & OPENING) !== 0;
      if (!opening && kind[i + 1] === PUNCT && i + 1 < n) f |= SQUEEZE_NEXT;
      else if (opening && i > 0 && kind[i - 1] === PUNCT && ((flags[i - 1] ?? 0) & OPENING) !== 0) f |= SQUEEZE_PREV;
    } else if (k === PAIR) {
      const t = text[i] ?? '';
      if (t.length === 1 && charKind(t) === 'dash' && i > 0 && i + 1 < n && isDigit(text[i - 1]?.slice(-1)) && isDigit(text[i + 1]?.[0])) f |= RANGE_DASH;
    }
    flags[i] = f;
    flags[i] = f | edgeFlags(units, i);
  }
  return units;
}
