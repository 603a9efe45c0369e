/**
 * Decodes an image the way the build will, so `check` refuses what the build could not read:
 * a corrupt or truncated file, more pixels than sharp accepts, or content that is not the
 * raster format its name says (an SVG renamed .png would be rendered by librsvg).
 */
import { readFile, stat } from 'node:fs/promises';
import { loadSharp } from './sharp.js';

/** Bytes read from one image file at most; the largest print scans stay well below. */
export const IMAGE_BYTE_LIMIT = 256 * 1024 * 1024;

const RASTER_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff']);

export type ImageProblem = { kind: 'corrupt' | 'too-large'; reason: string };

function reasonOf(error: unknown): string {
  const first = (error as Error).message.split('\n')[0] ?? '';
  // libvips prefixes its loader's name (VipsJpeg: …), which says nothing to a user.
  return first.replace(/^Input (buffer|file) (has|contains) /, '').replace(/^[a-z ]*:?\s*Vips\w+:\s*/i, '').trim() || 'unreadable data';
}

/** undefined when the raster image at `file` (a real path) decodes. */
export async function probeRaster(file: string): Promise<ImageProblem | undefined> {
  const { size } = await stat(file);
  if (size > IMAGE_BYTE_LIMIT) return { kind: 'too-large', reason: `the file is ${Math.round(size / 1024 / 1024)} MB` };
  const input = await readFile(file);
  // sharp (libvips, a quarter second to load) only for a book that has an image or a cover.
  const sharp = await loadSharp();
  try {
    const meta = await sharp(input).metadata();
    if (!meta.format || !RASTER_FORMATS.has(meta.format)) {
      return { kind: 'corrupt', reason: `the file holds ${meta.format ?? 'unknown'} data, not a raster image` };
    }
    // A thumbnail decodes every byte of the image (a truncated file fails here), cheaply.
    await sharp(input, { failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    return undefined;
  } catch (error) {
    const reason = reasonOf(error);
    return { kind: /pixel limit/i.test(reason) ? 'too-large' : 'corrupt', reason };
  }
}
