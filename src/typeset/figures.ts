/**
 * Figure sizes: the pixels at print resolution, shrunk (never enlarged) to the measure and to
 * the room left on a page, keeping the aspect ratio.
 */

import type { VectorGraphic } from './model.js';

/** Print resolution a figure's pixels are set at before it is shrunk to fit the type area. */
export const PRINT_PPI = 300;

export interface ImageSize {
  width: number;
  height: number;
  /** A vector figure (SVG): drawn as paths into the figure's box. */
  vector?: VectorGraphic;
}

/** Pixel sizes of the book's figures by image key (chapter id + src). */
export type ImageSizes = ReadonlyMap<string, ImageSize>;

export function figureSize(image: ImageSize, maxWidth: number, maxHeight: number): ImageSize {
  const natural = { width: (image.width * 72) / PRINT_PPI, height: (image.height * 72) / PRINT_PPI };
  const scale = Math.min(1, maxWidth / natural.width, maxHeight / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}
