/**
 * Maths in the print flow. Inline formulas enter the composer as one placeholder character
 * whose style carries the formula's outlines (InlineGraphic): the composer sees an unbreakable
 * Latin word of the formula's width, so it keeps the ¼-em space to ideographs and never breaks
 * inside; the renderer draws the outlines instead of the character. Display formulas are boxes
 * of whole grid slots, centred on the measure (never justified), shrunk to fit when wider,
 * with their equation number right-aligned on the formula's baseline.
 */
import type { Block } from '../model/book.js';
import { renderTex, TexError } from '../maths/tex.js';
import type { FontBook } from './fonts.js';
import type { Grid } from './grid.js';
import { slotsFor } from './grid.js';
import type { Box, InlineGraphic, RunStyle, TextLine } from './model.js';

function lineWidth(line: TextLine): number {
  const last = line.runs.at(-1);
  return last ? last.x + last.width : 0;
}

/** OBJECT REPLACEMENT CHARACTER: what an inline formula is to the composer. */
export const MATH_PLACEHOLDER = '\ufffc';

/**
 * A formula's outlines at a text size. A formula that does not parse was reported by the
 * Markdown stage as an error, which stops the build; an empty graphic is only a safety net.
 */
export function inlineMath(tex: string, display: boolean, size: number): InlineGraphic {
  try {
    const out = renderTex(tex, display);
    return { graphic: out.graphic, width: out.width * size, height: out.height * size, ascent: out.ascent * size };
  } catch (error) {
    if (!(error instanceof TexError)) throw error;
    return { graphic: { width: 1, height: 1, paths: [], texts: [] }, width: 0, height: 0, ascent: 0 };
  }
}

/** Width of a run as drawn: a formula's own width, else the font's. */
export function measureRun(fonts: FontBook, text: string, style: RunStyle, half: boolean): number {
  if (style.math && text === MATH_PLACEHOLDER) return style.math.width;
  return fonts.measure(text, style, half);
}

export interface DisplayMathContext {
  fonts: FontBook;
  grid: Grid;
  /** Text size the formula is set at (the body size). */
  size: number;
  /** Space above and below the formula, in points. */
  space: number;
}

/** A display formula centred on the measure; `number` (e.g. （2-1）) right-aligned on its baseline. */
export function displayMathBox(block: Extract<Block, { type: 'math' }>, cx: DisplayMathContext, numberLine?: TextLine, blockIndex?: number): Box {
  const { grid, size, space } = cx;
  const math = inlineMath(block.tex, true, size);
  const numberWidth = numberLine ? lineWidth(numberLine) + size : 0;
  // Centred on the whole measure; with a number, it must stay clear of the number on both sides.
  const room = grid.width - 2 * numberWidth;
  const scale = math.width > room && math.width > 0 ? room / math.width : 1;
  const width = math.width * scale;
  const height = math.height * scale;
  const ascent = math.ascent * scale;
  const slots = slotsFor(height + 2 * space, grid.pitch);
  const top = (slots * grid.pitch - height) / 2;
  const box: Box = { kind: 'box', slots, items: [], blockIndex };
  box.items.push({ kind: 'vector', role: 'formula', x: (grid.width - width) / 2, y: top, width, height, graphic: math.graphic });
  if (numberLine) box.items.push({ kind: 'text', x: grid.width - lineWidth(numberLine), baseline: top + ascent, line: numberLine });
  return box;
}
