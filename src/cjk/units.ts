/**
 * Paragraph text → units: the pieces a line may not split. An ideograph or a mark is one unit;
 * a Latin word (letters, digits and the ASCII marks inside it), a run of —— or …… and a forced
 * break are one unit each. Each unit knows its width, its half width (punctuation), and how it
 * meets its neighbours: may a line start or end with it, is it squeezed against the next mark.
 */
import { charKind, isDigit, kindOfCodePoint, noEndCode, noStartCode, type CharKind } from './classes.js';
import type { Measure, StyledText } from './types.js';

export type UnitKind = 'cjk' | 'punct' | 'pair' | 'latin' | 'space' | 'break';

export interface Unit<S> {
  text: string;
  style: S;
  kind: UnitKind;
  noStart: boolean;
  noEnd: boolean;
  /** An opening mark (brackets, quotes). */
  opening: boolean;
  /**
   * Punctuation compression against a neighbouring mark: 'next' = a closing mark or stop
   * followed by another mark loses its right half; 'prev' = an opening mark after another
   * opening mark loses its left half (the font's `halt` forms do exactly this).
   */
  squeeze: 'none' | 'next' | 'prev';
  width: number;
  /** Width in half-width form (punctuation only; equal to width otherwise). */
  half: number;
  /** One BMP character set as one glyph on the em grid: may take justification spacing. */
  spaceable: boolean;
  /** Split from the end of an over-long Latin word: a line may break before it. */
  splitBefore: boolean;
  /** A single dash between digits (2015—2017): no break on either side. */
  rangeDash: boolean;
  /** From a tight run (图2-1): no gap and no break next to another unit of it. */
  tight: boolean;
}

function unitKind(kind: CharKind): UnitKind {
  switch (kind) {
    case 'open':
    case 'close':
      return 'punct';
    case 'dash':
    case 'ellipsis':
      return 'pair';
    default:
      return kind;
  }
}

/** Characters (code points) that join the previous one into a unit of the same kind. */
function joins(kind: UnitKind, prev: number, cp: number): boolean {
  if (kind === 'latin') return true;
  // —— and …… (and longer runs) never split; — next to … does not join.
  if (kind === 'pair') return kindOfCodePoint(prev) === kindOfCodePoint(cp);
  return kind === 'space';
}

/** A unit of `text` before it is measured: every field there, so all units share one shape. */
function unit<S>(text: string, style: S, kind: UnitKind, tight: boolean): Unit<S> {
  return { text, style, kind, noStart: false, noEnd: false, opening: false, squeeze: 'none', width: 0, half: 0, spaceable: false, splitBefore: false, rangeDash: false, tight };
}

/** One-code-unit texts, made once each: most units are one ideograph or one mark, set again and again. */
const SINGLES = new Array<string | undefined>(0x10000);

function cut(text: string, start: number, end: number): string {
  if (end !== start + 1) return text.slice(start, end);
  const code = text.charCodeAt(start);
  return (SINGLES[code] ??= String.fromCharCode(code));
}

/** Runs → unmeasured units, cut from the run's text by code point (no string building). */
function split<S>(runs: Array<StyledText<S>>): Array<Unit<S>> {
  const out: Array<Unit<S>> = [];
  for (const run of runs) {
    const { text, style } = run;
    const tight = run.tight === true;
    let start = 0;
    let kind: UnitKind | undefined;
    let prev = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 0;
      const next = i + (cp > 0xffff ? 2 : 1);
      const k = unitKind(kindOfCodePoint(cp));
      if (kind === undefined || kind !== k || !joins(k, prev, cp)) {
        if (kind !== undefined) out.push(unit(cut(text, start, i), style, kind, tight));
        start = i;
        kind = k;
      }
      prev = cp;
      i = next;
    }
    if (kind !== undefined) out.push(unit(cut(text, start, text.length), style, kind, tight));
  }
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
function resolveSpaces<T extends { kind: UnitKind; text: string }>(pieces: T[]): T[] {
  // Most Chinese paragraphs have no space at all: then there is nothing to resolve or copy.
  if (!pieces.some((p) => p.kind === 'space')) return pieces;
  const out: T[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as T;
    if (p.kind !== 'space') {
      out.push(p);
      continue;
    }
    const before = pieces[i - 1];
    const after = pieces[i + 1];
    if (before?.kind === 'latin' && after?.kind === 'latin') out.push(p);
    else if (before?.kind === 'cjk' && before.text !== IDEOGRAPHIC_SPACE && (after?.kind === 'cjk' || (after?.kind === 'punct' && charKind(after.text) === 'open'))) {
      // Still a space to the breaker: a line may break at it, and it vanishes there.
      out.push({ ...p, text: IDEOGRAPHIC_SPACE });
    }
  }
  return out;
}

function isPunct(u: { kind: UnitKind } | undefined): boolean {
  return u?.kind === 'punct';
}

/** A unit's widths and edge rules, from its text as resolved (a source space may be U+3000 now). */
function settle<S>(u: Unit<S>, measure: Measure<S>): void {
  // By code unit, as the tests on the first and last character always were.
  const first = u.text.charCodeAt(0);
  const punct = u.kind === 'punct';
  u.width = u.kind === 'break' ? 0 : measure(u.text, u.style, false);
  u.half = punct ? measure(u.text, u.style, true) : u.width;
  u.noStart = u.kind === 'pair' || noStartCode(first);
  u.noEnd = noEndCode(u.text.charCodeAt(u.text.length - 1));
  u.opening = punct && kindOfCodePoint(first) === 'open';
  u.spaceable = (u.kind === 'cjk' || punct) && u.text.length === 1;
}

export function buildUnits<S>(runs: Array<StyledText<S>>, measure: Measure<S>): Array<Unit<S>> {
  const units = resolveSpaces(split(runs));
  for (const u of units) settle(u, measure);
  units.forEach((u, i) => {
    const prev = units[i - 1];
    const next = units[i + 1];
    if (isPunct(u) && !u.opening && isPunct(next)) u.squeeze = 'next';
    else if (isPunct(u) && u.opening && isPunct(prev) && prev?.opening) u.squeeze = 'prev';
    if (u.kind === 'pair' && u.text.length === 1 && charKind(u.text) === 'dash') {
      u.rangeDash = isDigit(prev?.text.slice(-1)) && isDigit(next?.text[0]);
    }
  });
  return units;
}
