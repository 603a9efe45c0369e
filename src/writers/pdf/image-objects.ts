/**
 * Figures as image XObjects (ISO 32000 §8.9.5): JPEG data passes through as DCTDecode (no
 * re-encoding, no loss); anything else (PNG) is decoded by sharp to 8-bit samples and written
 * FlateDecode, its alpha channel as a soft mask.
 */
import { deflateSync } from 'node:zlib';
import { loadSharp } from '../../images/sharp.js';
import type { PdfImage } from './images.js';
import type { PdfFile } from './file.js';
import { name, type PdfDict, type Ref } from './syntax.js';

const SPACES = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' } as const;

/** Components of a baseline or progressive JPEG, from its SOF marker; undefined if not a JPEG. */
export function jpegComponents(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[at + 9];
    at += 2 + length;
  }
  return undefined;
}

function flate(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(data, { level: 6 }));
}

/** Writes the image (and its soft mask) and returns the XObject's reference. */
export async function writeImage(file: PdfFile, image: PdfImage): Promise<Ref> {
  const base: PdfDict = { Type: name('XObject'), Subtype: name('Image'), Width: image.width, Height: image.height, BitsPerComponent: 8 };
  const components = jpegComponents(image.bytes);
  if (components === 1 || components === 3 || components === 4) {
    // Adobe CMYK JPEGs store inverted samples; sharp writes none, so no /Decode is needed.
    return file.stream({ ...base, ColorSpace: name(SPACES[components]), Filter: name('DCTDecode') }, image.bytes);
  }
  const sharp = await loadSharp();
  const { data, info } = await sharp(image.bytes).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  const colours = channels >= 3 ? 3 : 1;
  const hasAlpha = channels === 2 || channels === 4;
  const pixels = info.width * info.height;
  const colour = Buffer.alloc(pixels * colours);
  const alpha = hasAlpha ? Buffer.alloc(pixels) : undefined;
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < colours; c++) colour[p * colours + c] = data[p * channels + c] ?? 0;
    if (alpha) alpha[p] = data[p * channels + channels - 1] ?? 255;
  }
  const dims = { Width: info.width, Height: info.height };
  const mask = alpha && !alpha.every((a) => a === 255)
    ? file.stream({ ...base, ...dims, ColorSpace: name('DeviceGray'), Filter: name('FlateDecode') }, flate(alpha))
    : undefined;
  return file.stream({ ...base, ...dims, ColorSpace: name(colours === 3 ? 'DeviceRGB' : 'DeviceGray'), Filter: name('FlateDecode'), SMask: mask }, flate(colour));
}
