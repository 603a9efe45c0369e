/**
 * Types of the CJK line composer. The composer is generic in the run style `S` it carries
 * through (font, weight, link …): it only asks the injected `Measure` how wide a piece of text
 * is in a style, so it stays a pure function of its inputs and can be tested without fonts.
 */
import type { Hyphenation } from './hyphenate.js';

/** A piece of paragraph text in one style. `\n` inside `text` is a forced line break. */
export interface StyledText<S> {
  text: string;
  style: S;
  /**
   * Set as one word: no ¼-em gap between its ideographs and Latin characters and no break
   * inside it (a figure or table number, 图2-1, 第2章).
   */
  tight?: boolean;
}

/**
 * Width in points of `text` set in `style`; `halfWidth` asks for the font's `halt` forms
 * (punctuation compressed to half an em). Must be the font object that renders the text.
 */
export interface Measure<S> {
  (text: string, style: S, halfWidth: boolean): number;
  /**
   * Optional: where this measure's widths of texts one UTF-16 code unit long in `style` are
   * kept, by code unit, 0 where not known yet (undefined: measure each). Most units are one
   * ideograph or mark, a book of them measured one call each: the composer reads them from
   * here and writes in what it measured. Styles that measure alike may share one.
   */
  widths?(style: S, halfWidth: boolean): Float64Array | undefined;
}

export interface ComposeOptions<S = unknown> {
  /** Line length in points. */
  measure: number;
  /** First-line indent in points (2 em for body paragraphs, 0 for captions and the like). */
  indent: number;
  /**
   * Width lines are filled to while breaking (default: the measure). A little less makes the
   * paragraph break earlier and justify looser, which is how widows are pushed off a page.
   */
  fill?: number | ((line: number) => number);
  /**
   * Divide a Latin word at the line end (src/cjk/hyphenate.ts) rather than spread the line's
   * ideographs more than a quarter em; without it, words are divided only when longer than a line.
   */
  hyphenation?: Hyphenation<S>;
  /**
   * How far past the measure, in points, a line filled tighter than the measure may be set by
   * closing up its characters; beyond that only by compressing its marks to half width
   * (标点挤压). Unset: lines close up as far as the fill asks.
   */
  tightBase?: number;
}

/**
 * One piece of a composed line, to be emitted as one text object: `spacing` is added after
 * each glyph except the last (PDF character spacing; the renderer places each piece itself), `halfWidth`
 * sets the piece in the font's half-width punctuation forms.
 */
export interface Segment<S> {
  text: string;
  style: S;
  spacing: number;
  halfWidth: boolean;
  /** Width as measured, spacing aside: the renderer places the next piece from it without measuring again. */
  width: number;
}

export interface ComposedLine<S> {
  segments: Array<Segment<S>>;
  /** Left offset in points (the first-line indent). */
  indent: number;
  /** The last line of the paragraph, or the line before a forced break: not justified. */
  last: boolean;
  /** Natural width in points before justification. */
  natural: number;
}
