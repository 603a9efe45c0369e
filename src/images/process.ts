/**
 * Images prepared for an e-book: what a retailer accepts and a reader can hold in memory.
 * Raster images are auto-rotated from their EXIF orientation, shrunk to at most 1600 px on the
 * long side (never enlarged), converted to sRGB, stripped of all metadata except their
 * density, and written as JPEG (photos stay JPEG) or PNG (everything else: line art, alpha,
 * GIF's first frame). SVG is a core EPUB format and is embedded as src/images/svg.ts
 * sanitises it (no script, handler or external reference). sharp's output is a
 * pure function of the input bytes and these settings, so builds stay reproducible.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSharp } from './sharp.js';
import { BuildFailure, diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText } from '../files/text.js';

export const MAX_LONG_SIDE = 1600;
const JPEG_QUALITY = 85;

export interface PreparedImage {
  bytes: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png' | 'image/svg+xml';
  /** File extension with its dot, matching mediaType. */
  extension: '.jpg' | '.png' | '.svg';
  /** Pixel size as written (CSS px for SVG, when the SVG declares it). */
  width?: number;
  height?: number;
}

/** The extensions hanpress reads; anything else is left out with a diagnostic in `check`. */
export { IMAGE_EXTENSIONS } from './names.js';

function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function prepareSvg(input: Buffer, file: string): Promise<PreparedImage> {
  const decoded = decodeText(input);
  if ('problem' in decoded) throw new BuildFailure([diagnostic(decoded.problem.code, { ...decoded.problem, file })]);
  // The sanitiser (and sax) load only for a book that has an SVG.
  const { sanitiseSvg } = await import('./svg.js');
  const result = sanitiseSvg(decoded.text, file);
  // `check` refuses such a file first; this guards a caller that skipped it.
  if (result.svg === undefined) throw new BuildFailure(result.diagnostics);
  const clean = Buffer.from(result.svg, 'utf8');
  // Size only: librsvg reads the declared width/height (or viewBox) of the sanitised file.
  const sharp = await loadSharp();
  const meta = await sharp(clean).metadata().catch(() => undefined);
  return { bytes: bytesOf(clean), mediaType: 'image/svg+xml', extension: '.svg', width: meta?.width, height: meta?.height };
}

export async function prepareImage(file: string): Promise<PreparedImage> {
  const input = await readFile(file);
  if (path.extname(file).toLowerCase() === '.svg') return prepareSvg(input, file);
  const sharp = await loadSharp();
  const source = sharp(input, { animated: false });
  const meta = await source.metadata();
  const photo = meta.format === 'jpeg';
  const pixels = await source
    .rotate()
    .resize({ width: MAX_LONG_SIDE, height: MAX_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Encoded from bare pixels: sharp's withDensity() also keeps the input's EXIF (camera,
  // GPS, owner fields), so the only way to write the density alone is to have no EXIF left.
  const { width, height, channels } = pixels.info;
  let pipeline = sharp(pixels.data, { raw: { width, height, channels } });
  if (meta.density) pipeline = pipeline.withDensity(meta.density);
  pipeline = photo ? pipeline.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:2:0' }) : pipeline.png({ compressionLevel: 9 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return {
    bytes: bytesOf(data),
    mediaType: photo ? 'image/jpeg' : 'image/png',
    extension: photo ? '.jpg' : '.png',
    width: info.width,
    height: info.height,
  };
}
