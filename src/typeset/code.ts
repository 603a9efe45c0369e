/**
 * Code blocks in print: the code style's face (the monospace role once the font config has
 * one), lines as written — never justified, never broken inside a token — on a light tint,
 * with a line of space above and below. Each source line is a one-slot box on the grid, so a
 * long listing runs across pages like text, the tint bands of its lines joining into one
 * block; the first two and last two lines are kept together. A line wider than the measure is
 * broken after the last space or punctuation that fits (inside a token only when there is
 * none) and its continuation starts with a visible mark (↪), as listings does.
 */
import type { FontBook } from './fonts.js';
import type { Grid } from './grid.js';
import { centredBaseline } from './grid.js';
import type { Box, FlowItem, Rgb, RunStyle, TextLine } from './model.js';
import { naturalLine } from './text.js';

/** The tint behind code: 6 % black. */
export const CODE_TINT: Rgb = [0.94, 0.94, 0.94];
/** Marks a continuation of a source line that was too long for the measure. */
export const CONTINUATION = '↪';
/** The mark when the code face has no ↪ (Noto Sans Mono has none). */
const CONTINUATION_FALLBACK = '→';
/** Tab stops every four columns. */
const TAB = '    ';

/** Where a code line may break: after a space or one of these (a token never breaks). */
const BREAK_AFTER = /[\s,;.()[\]{}=+\-*/<>:|&]/;

export interface CodeContext {
  fonts: FontBook;
  grid: Grid;
  style: RunStyle;
  /** Padding left and right of the code inside its tint, in points. */
  padding: number;
}

/**
 * Pieces of one source line, each fitting `room` points: split after the last break
 * opportunity that fits; a run with none is split at the last character that fits.
 */
export function wrapCodeLine(text: string, room: number, width: (s: string) => number, mark = CONTINUATION): string[] {
  const pieces: string[] = [];
  let rest = text;
  let first = true;
  while (rest.length > 0) {
    const avail = first ? room : room - width(`${mark} `);
    const chars = Array.from(rest);
    if (width(rest) <= avail) {
      pieces.push(rest);
      break;
    }
    let fit = 0;
    while (fit < chars.length && width(chars.slice(0, fit + 1).join('')) <= avail) fit++;
    let cut = fit;
    for (let i = fit; i > 0; i--) {
      if (BREAK_AFTER.test(chars[i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    cut = Math.max(1, cut);
    pieces.push(chars.slice(0, cut).join(''));
    rest = chars.slice(cut).join('');
    first = false;
  }
  return pieces;
}

function lineBox(line: TextLine, cx: CodeContext, blockIndex: number | undefined, keepWithNext: boolean): Box {
  const { grid, style } = cx;
  const items: Box['items'] = [
    {
      kind: 'vector',
      role: 'artifact',
      x: 0,
      y: 0,
      width: grid.width,
      height: grid.pitch,
      graphic: { width: grid.width, height: grid.pitch, paths: [{ d: `M0 0L${grid.width} 0L${grid.width} ${grid.pitch}L0 ${grid.pitch}Z`, fill: { colour: CODE_TINT, rule: 'nonzero' } }], texts: [] },
    },
    { kind: 'text', x: cx.padding, baseline: centredBaseline(0, grid.pitch, style.size), line },
  ];
  return { kind: 'box', slots: 1, items, ...(blockIndex !== undefined ? { blockIndex } : {}), ...(keepWithNext ? { keepWithNext } : {}) };
}

/** A code block as flow items: a gap, one tinted one-slot box per printed line, a gap. */
export function codeFlow(value: string, cx: CodeContext, blockIndex: number): FlowItem[] {
  const { fonts, grid, style } = cx;
  const width = (s: string): number => fonts.measure(s, style, false);
  const room = grid.width - 2 * cx.padding;
  const printed: TextLine[] = [];
  const mark = fonts.face(style.font, style.bold).hasGlyph(CONTINUATION.codePointAt(0) ?? 0) ? CONTINUATION : CONTINUATION_FALLBACK;
  for (const source of value.replace(/\n$/, '').split('\n')) {
    const pieces = wrapCodeLine(source.replace(/\t/g, TAB), room, width, mark);
    pieces.forEach((piece, i) => printed.push(naturalLine((i > 0 ? `${mark} ` : '') + piece || ' ', style, fonts)));
    if (pieces.length === 0) printed.push(naturalLine(' ', style, fonts));
  }
  const n = printed.length;
  const boxes = printed.map((line, i) => lineBox(line, cx, i === 0 ? blockIndex : undefined, i === 0 ? n > 1 : i >= n - 2 && i < n - 1));
  return [{ kind: 'gap', slots: 1 }, ...boxes, { kind: 'gap', slots: 1 }];
}
