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

interface Piece<S> {
  text: string;
  style: S;
  kind: UnitKind;
}

/** Runs → pieces of one unit each, cut from the run's text by code point (no string building). */
function split<S>(runs: Array<StyledText<S>>): Array<Piece<S>> {
  const out: Array<Piece<S>> = [];
  for (const { text, style } of runs) {
    let start = 0;
    let kind: UnitKind | undefined;
    let prev = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 0;
      const next = i + (cp > 0xffff ? 2 : 1);
      const k = unitKind(kindOfCodePoint(cp));
      if (kind === undefined || kind !== k || !joins(k, prev, cp)) {
        if (kind !== undefined) out.push({ text: text.slice(start, i), style, kind });
        start = i;
        kind = k;
      }
      prev = cp;
      i = next;
    }
    if (kind !== undefined) out.push({ text: text.slice(start), style, kind });
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
  const out: T[] = [];
  pieces.forEach((p, i) => {
    if (p.kind !== 'space') {
      out.push(p);
      return;
    }
    const before = pieces[i - 1];
    const after = pieces[i + 1];
    if (before?.kind === 'latin' && after?.kind === 'latin') out.push(p);
    else if (before?.kind === 'cjk' && before.text !== IDEOGRAPHIC_SPACE && (after?.kind === 'cjk' || (after?.kind === 'punct' && charKind(after.text) === 'open'))) {
      // Still a space to the breaker: a line may break at it, and it vanishes there.
      out.push({ ...p, text: IDEOGRAPHIC_SPACE });
    }
  });
  return out;
}

function isPunct(u: { kind: UnitKind } | undefined): boolean {
  return u?.kind === 'punct';
}

export function buildUnits<S>(runs: Array<StyledText<S>>, measure: Measure<S>): Array<Unit<S>> {
  const pieces = resolveSpaces(split(runs));
  const units = pieces.map((p): Unit<S> => {
    // By code unit, as the tests on the first and last character always were.
    const first = p.text.charCodeAt(0);
    const width = p.kind === 'break' ? 0 : measure(p.text, p.style, false);
    const punct = p.kind === 'punct';
    return {
      text: p.text,
      style: p.style,
      kind: p.kind,
      noStart: p.kind === 'pair' || noStartCode(first),
      noEnd: noEndCode(p.text.charCodeAt(p.text.length - 1)),
      opening: punct && kindOfCodePoint(first) === 'open',
      squeeze: 'none',
      width,
      half: punct ? measure(p.text, p.style, true) : width,
      spaceable: (p.kind === 'cjk' || punct) && p.text.length === 1,
      splitBefore: false,
      rangeDash: false,
    };
  });
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
