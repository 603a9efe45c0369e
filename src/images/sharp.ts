/**
 * sharp (libvips) loaded when an image is first processed: loading it costs a quarter second
 * of CPU (and more of the clock on a busy machine), which a book without figures, a warm
 * rebuild whose cover and images come from the cache, and every command that draws no image
 * should not pay.
 */
import type sharpType from 'sharp';

let loading: Promise<typeof sharpType> | undefined;

export function loadSharp(): Promise<typeof sharpType> {
  return (loading ??= import('sharp').then((m) => m.default));
}
