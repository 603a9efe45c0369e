/**
 * Print boxes (ISO 32000 §14.11.2) and crop marks (裁切线).
 *
 * The boxes are computed in trim coordinates (the trimmed page is [0 0 W H]) and grow outward
 * from there; render.ts moves them, and everything it draws, by the same offset so the
 * MediaBox starts at the origin.
 *
 *   TrimBox  = the trimmed page.
 *   BleedBox = TrimBox + bleed (3 mm by default) on every side.
 *   MediaBox = BleedBox (a BleedBox outside the MediaBox is cut back to it, so the sheet must
 *              hold the bleed); with crop marks, BleedBox + a slug that carries the marks.
 *   CropBox  = TrimBox without marks, so a screen shows the page as the reader will hold it;
 *              left out with marks, so the sheet the printer sees shows them.
 */
import { POINTS_PER_MM } from '../../typeset/geometry.js';

export const DEFAULT_BLEED_MM = 3;
/** Beyond the bleed: room for the marks and a little white to the sheet edge. */
export const SLUG_MM = 9;
/** Marks start at the bleed edge, so none can show on a page trimmed a little off. */
export const MARK_LENGTH_MM = 6;
/** 0.25 pt is the usual hairline for crop marks. */
export const MARK_WIDTH_PT = 0.25;

export interface PrintBoxOptions {
  /** Bleed beyond the trim on every side, in millimetres. */
  bleedMm: number;
  /** Grow the sheet by a slug and draw crop marks at the corners (`hanpress build --print`). */
  cropMarks: boolean;
}

export type Box = [number, number, number, number];

export interface PageBoxes {
  mediaBox: Box;
  bleedBox: Box;
  trimBox: Box;
  /** Absent when the viewer should show the whole sheet. */
  cropBox?: Box;
}

function grow(box: Box, by: number): Box {
  return [box[0] - by, box[1] - by, box[2] + by, box[3] + by];
}

/** Rounded to 1/1000 pt: the file must not depend on float noise. */
function round(box: Box): Box {
  return box.map((n) => Math.round(n * 1000) / 1000) as Box;
}

export function pageBoxes(width: number, height: number, options: PrintBoxOptions): PageBoxes {
  const trim: Box = [0, 0, width, height];
  const bleed = grow(trim, options.bleedMm * POINTS_PER_MM);
  if (!options.cropMarks) return { mediaBox: round(bleed), bleedBox: round(bleed), trimBox: trim, cropBox: trim };
  const media = grow(bleed, SLUG_MM * POINTS_PER_MM);
  return { mediaBox: round(media), bleedBox: round(bleed), trimBox: trim };
}

export interface MarkLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The eight crop marks, two per corner, on the extensions of the trim edges, in top-down
 * page coordinates (origin at the trim's top left).
 */
export function cropMarkLines(width: number, height: number, bleedMm: number): MarkLine[] {
  const from = bleedMm * POINTS_PER_MM;
  const to = from + MARK_LENGTH_MM * POINTS_PER_MM;
  const lines: MarkLine[] = [];
  for (const x of [0, width]) {
    for (const y of [0, height]) {
      const outX = x === 0 ? -1 : 1;
      const outY = y === 0 ? -1 : 1;
      lines.push({ x1: x + outX * from, y1: y, x2: x + outX * to, y2: y });
      lines.push({ x1: x, y1: y + outY * from, x2: x, y2: y + outY * to });
    }
  }
  return lines;
}
