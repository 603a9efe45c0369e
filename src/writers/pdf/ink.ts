/**
 * The print book block's figures (`hanpress build --print`): greyscale, so they print on the
 * black plate alone. Text and rules take the K-only ink in render.ts (src/print/ink.ts).
 */
import { loadSharp } from '../../images/sharp.js';
import type { PdfImage, PdfImages } from './images.js';

/** Figures in greyscale (DeviceGray prints on the black plate), as high-quality JPEG. */
export async function inkImages(images: PdfImages): Promise<PdfImages> {
  const converted = new Map<string, PdfImage>();
  const done = new Map<PdfImage, PdfImage>();
  for (const [key, image] of images) {
    let grey = done.get(image);
    // A vector figure has no pixels: the renderer paints its paths in K.
    if (image.vector) grey = image;
    if (!grey) {
      const sharp = await loadSharp();
      const jpeg = await sharp(image.bytes).flatten({ background: '#ffffff' }).grayscale().toColourspace('b-w').jpeg({ quality: 92 }).toBuffer();
      grey = { ...image, bytes: jpeg };
      done.set(image, grey);
    }
    converted.set(key, grey);
  }
  return converted;
}
