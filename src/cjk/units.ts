/**
 * Paragraph text → units: the pieces a line may not split. An ideograph or a mark is one unit;
 * a Latin word (letters, digits and the ASCII marks inside it), a run of —— or …… and a forced
 * break are one unit each. Each unit knows its width, its half width (punctuation), and how it
 * meets its neighbours: may a line start or end with it, is it squeezed against the next mark.
 */
import { charKind, isDigit, noEnd, noStart, type CharKind } from './classes.js';
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

/** Characters that join the previous one into a unit of the same kind. */
function joins(kind: UnitKind, prevChar: string, ch: string): boolean {
  if (kind === 'latin') return true;
  // —— and …… (and longer runs) never split; — next to … does not join.
  if (kind === 'pair') return charKind(prevChar) === charKind(ch);
  return kind === 'space';
}

function split<S>(runs: Array<StyledText<S>>): Array<{ text: string; style: S; kind: UnitKind }> {
  const out: Array<{ text: string; style: S; kind: UnitKind }> = [];
  for (const run of runs) {
    let last: { text: string; style: S; kind: UnitKind } | undefined;
    for (const ch of run.text) {
      const kind = unitKind(charKind(ch));
      if (last && last.kind === kind && joins(kind, last.text.slice(-1), ch)) {
        last.text += ch;
        continue;
      }
      last = { text: ch, style: run.style, kind };
      out.push(last);
    }
  }
  return out;
}

/** Spaces count only between Latin words; next to Chinese text the ¼-em gap replaces them. */
function dropSpaces<T extends { kind: UnitKind }>(pieces: T[]): T[] {
  return pieces.filter((p, i) => {
    if (p.kind !== 'space') return true;
    return pieces[i - 1]?.kind === 'latin' && pieces[i + 1]?.kind === 'latin';
  });
}

function isPunct(u: { kind: UnitKind } | undefined): boolean {
  return u?.kind === 'punct';
}

export function buildUnits<S>(runs: Array<StyledText<S>>, measure: Measure<S>): Array<Unit<S>> {
  const pieces = dropSpaces(split(runs));
  const units = pieces.map((p): Unit<S> => {
    const first = p.text[0] ?? '';
    const lastChar = p.text.slice(-1);
    const width = p.kind === 'break' ? 0 : measure(p.text, p.style, false);
    const punct = p.kind === 'punct';
    return {
      text: p.text,
      style: p.style,
      kind: p.kind,
      noStart: p.kind === 'pair' || noStart(first),
      noEnd: noEnd(lastChar),
      opening: punct && charKind(first) === 'open',
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
