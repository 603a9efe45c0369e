/**
 * The line grid (版心网格): the text block is `lines` slots of `pitch` points. Every body line
 * sits centred on a slot, so lines on facing pages and on both sides of a leaf register; every
 * other block takes whole slots, so the text after it returns to the grid.
 */

/** Top of the ideographic em box above the baseline, in ems (Noto CJK: 880/1000). */
export const EM_TOP = 0.88;
/** Bottom of the ideographic em box below the baseline, in ems. */
export const EM_BOTTOM = 0.12;

export interface Grid {
  lines: number;
  pitch: number;
  width: number;
  /** Body type size: the em box each slot centres. */
  bodySize: number;
}

/** Whole slots a block of `height` points takes (at least one). */
export function slotsFor(height: number, pitch: number): number {
  return Math.max(1, Math.ceil(height / pitch - 1e-6));
}

/** Baseline of text of `size` whose em box is centred in the band [top, top + height]. */
export function centredBaseline(top: number, height: number, size: number): number {
  return top + (height - size) / 2 + EM_TOP * size;
}

/** Baseline of a line of `size` on grid slot `slot`. */
export function slotBaseline(slot: number, grid: Grid, size: number): number {
  return centredBaseline(slot * grid.pitch, grid.pitch, size);
}
