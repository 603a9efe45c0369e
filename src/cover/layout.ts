/**
 * The cover spread's geometry, in points, pdfkit's top-down coordinates with the origin at
 * the sheet's top left: [slug][bleed][flap][back][spine][front][flap][bleed][slug] across,
 * [slug][bleed][height][bleed][slug] down. The trim is the whole flat cover as it is cut;
 * the folds are where it wraps the book block (and the flaps fold in).
 */
import { POINTS_PER_MM } from './units.js';

export const BLEED_MM = 3;
/** Beyond the bleed: room for crop and fold marks. */
export const SLUG_MM = 9;
export const MARK_LENGTH_MM = 6;

export type Box = [number, number, number, number];

export interface Panel {
  x: number;
  width: number;
}

export interface CoverLayout {
  sheet: { width: number; height: number };
  /** The trimmed spread (top-down: x, y, width, height). */
  trim: { x: number; y: number; width: number; height: number };
  bleed: number;
  back: Panel;
  spine: Panel;
  front: Panel;
  flaps?: { left: Panel; right: Panel };
  /** x of every fold, left to right. */
  folds: number[];
}

export interface CoverSize {
  /** One panel: the book block's trim, in points. */
  trimWidth: number;
  trimHeight: number;
  spineMm: number;
  flapMm?: number;
}

export function coverLayout(size: CoverSize): CoverLayout {
  const bleed = BLEED_MM * POINTS_PER_MM;
  const slug = SLUG_MM * POINTS_PER_MM;
  const spineWidth = size.spineMm * POINTS_PER_MM;
  const flap = (size.flapMm ?? 0) * POINTS_PER_MM;
  const x0 = slug + bleed;
  const y0 = slug + bleed;
  const back = { x: x0 + flap, width: size.trimWidth };
  const spine = { x: back.x + back.width, width: spineWidth };
  const front = { x: spine.x + spine.width, width: size.trimWidth };
  const trimWidth = 2 * size.trimWidth + spineWidth + 2 * flap;
  const flaps = flap > 0 ? { left: { x: x0, width: flap }, right: { x: front.x + front.width, width: flap } } : undefined;
  const folds = flaps ? [back.x, spine.x, front.x, flaps.right.x] : [spine.x, front.x];
  return {
    sheet: { width: trimWidth + 2 * (bleed + slug), height: size.trimHeight + 2 * (bleed + slug) },
    trim: { x: x0, y: y0, width: trimWidth, height: size.trimHeight },
    bleed,
    back,
    spine,
    front,
    ...(flaps ? { flaps } : {}),
    folds,
  };
}

/** The PDF boxes (bottom-up user space) of the spread: MediaBox = the sheet. */
export function pdfBoxes(layout: CoverLayout): { media: Box; bleed: Box; trim: Box } {
  const { sheet, trim, bleed } = layout;
  const round = (b: Box): Box => b.map((n) => Math.round(n * 1000) / 1000) as Box;
  const bottom = sheet.height - trim.y - trim.height;
  const trimBox: Box = [trim.x, bottom, trim.x + trim.width, bottom + trim.height];
  return {
    media: round([0, 0, sheet.width, sheet.height]),
    bleed: round([trimBox[0] - bleed, trimBox[1] - bleed, trimBox[2] + bleed, trimBox[3] + bleed]),
    trim: round(trimBox),
  };
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Crop marks at the spread's four corners and fold marks above and below each fold, all outside the bleed. */
export function marks(layout: CoverLayout): { crop: Line[]; fold: Line[] } {
  const { trim, bleed } = layout;
  const from = bleed;
  const to = bleed + MARK_LENGTH_MM * POINTS_PER_MM;
  const left = trim.x;
  const right = trim.x + trim.width;
  const top = trim.y;
  const foot = trim.y + trim.height;
  const crop: Line[] = [];
  for (const x of [left, right]) {
    for (const y of [top, foot]) {
      const dx = x === left ? -1 : 1;
      const dy = y === top ? -1 : 1;
      crop.push({ x1: x + dx * from, y1: y, x2: x + dx * to, y2: y });
      crop.push({ x1: x, y1: y + dy * from, x2: x, y2: y + dy * to });
    }
  }
  const fold = layout.folds.flatMap((x) => [
    { x1: x, y1: top - from, x2: x, y2: top - to },
    { x1: x, y1: foot + from, x2: x, y2: foot + to },
  ]);
  return { crop, fold };
}
