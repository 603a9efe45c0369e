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
 * A paragraph's units as parallel arrays, unit i at index i of each. A setting works on a
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

/** One-code-unit texts, made once each: most units are one ideograph or one mark, set again and again. */
const SINGLES = new Array<string | undefined>(0x10000);

function cut(text: string, start: number, end: number): string {
  if (end !== start + 1) return text.slice(start, end);
  const code = text.charCodeAt(start);
  return (SINGLES[code] ??= String.fromCharCode(code));
}

/** Units cut but not yet measured: text, kind, the tight flag and where each was cut from. */
interface Cut {
  length: number;
  text: string[];
  kind: Uint8Array;
  flags: Uint16Array;
  source: Uint32Array;
  start: Int32Array;
  spaces: boolean;
}

/** Runs → unmeasured units, cut from the run's text by code point (no string building). */
function split<S>(runs: Array<StyledText<S>>): Cut {
  let most = 0;
  for (const run of runs) most += run.text.length;
  // Sized for the most units there can be (one per code unit), cut to length at the end.
  const out: Cut = { length: 0, text: new Array<string>(most), kind: new Uint8Array(most), flags: new Uint16Array(most), source: new Uint32Array(most), start: new Int32Array(most), spaces: false };
  let r = 0;
  const add = (text: string, kind: number, tight: boolean, at: number): void => {
    out.text[out.length] = text;
    out.kind[out.length] = kind;
    if (tight) out.flags[out.length] = TIGHT;
    if (kind === SPACE) out.spaces = true;
    out.source[out.length] = r;
    out.start[out.length] = at;
    out.length++;
  };
  for (; r < runs.length; r++) {
    const { text } = runs[r] as StyledText<S>;
    const tight = runs[r]?.tight === true;
    let start = 0;
    let kind = -1;
    let prev = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 0;
      const next = i + (cp > 0xffff ? 2 : 1);
      const k = cp < 0x10000 ? (UNIT_KINDS[cp] as number) : unitKind(kindOfCodePoint(cp));
      if (kind === -1 || kind !== k || !joins(k, prev, cp)) {
        if (kind !== -1) add(cut(text, start, i), kind, tight, start);
        start = i;
        kind = k;
      }
      prev = cp;
      i = next;
    }
    if (kind !== -1) add(cut(text, start, text.length), kind, tight, start);
  }
  out.text.length = out.length;
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
  const out: Cut = { length: 0, text: [], kind: new Uint8Array(cut.length), flags: new Uint16Array(cut.length), source: new Uint32Array(cut.length), start: new Int32Array(cut.length), spaces: true };
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
  const { length: n, text, kind, flags, source, start } = resolveSpaces(split(runs));
  const styles = runs.map((run) => run.style);
  const width = new Float64Array(n);
  const half = new Float64Array(n);
  // Each unit's widths and edge rules, from its text as resolved (a source space may be U+3000 now).
  for (let i = 0; i < n; i++) {
    const t = text[i] ?? '';
    const s = styles[source[i] ?? 0] as S;
    const k = kind[i];
    // By code unit, as the tests on the first and last character always were.
    const first = t.charCodeAt(0);
    const punct = k === PUNCT;
    const w = k === BREAK ? 0 : measure(t, s, false);
    width[i] = w;
    half[i] = punct ? measure(t, s, true) : w;
    let f = flags[i] ?? 0;
    if (k === PAIR || noStartCode(first)) f |= NO_START;
    if (noEndCode(t.charCodeAt(t.length - 1))) f |= NO_END;
    if (punct && kindOfCodePoint(first) === 'open') f |= OPENING;
    if ((k === CJK || punct) && t.length === 1) f |= SPACEABLE;
    flags[i] = f;
  }
  for (let i = 0; i < n; i++) {
    const f = flags[i] ?? 0;
    if (kind[i] === PUNCT) {
      const opening = (f & OPENING) !== 0;
      if (!opening && kind[i + 1] === PUNCT && i + 1 < n) flags[i] = f | SQUEEZE_NEXT;
      else if (opening && i > 0 && kind[i - 1] === PUNCT && ((flags[i - 1] ?? 0) & OPENING) !== 0) flags[i] = f | SQUEEZE_PREV;
    }
    const t = text[i] ?? '';
    if (kind[i] === PAIR && t.length === 1 && charKind(t) === 'dash') {
      const range = i > 0 && i + 1 < n && isDigit(text[i - 1]?.slice(-1)) && isDigit(text[i + 1]?.[0]);
      if (range) flags[i] = (flags[i] ?? 0) | RANGE_DASH;
    }
  }
  const sources = runs.map((run) => run.text);
  return new Units(n, text, styles, kind.subarray(0, n), flags.subarray(0, n), width, half, sources, source.subarray(0, n), start.subarray(0, n));
}
