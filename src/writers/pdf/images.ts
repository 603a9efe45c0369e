/**
 * Figures for the print PDF: every local image a chapter names, through the same sharp
 * pipeline as the EPUB (src/images/process.ts: orientation, sRGB, no metadata, at most
 * 1600 px on the long side), embedded as PNG or JPEG data. SVG figures are drawn as vectors
 * (src/images/svg-print.ts). Remote images and an SVG that cannot be drawn are left out, as
 * `check` already warns; a figure that is left out never stops the build.
 */
import path from 'node:path';
import { realRoot, resolveInside } from '../../files/contain.js';
import { IMAGE_EXTENSIONS } from '../../images/names.js';
import { imagePath } from '../../validate/images.js';
import { allChapters, type Book, type Chapter } from '../../model/book.js';
import { chapterImages } from '../../model/walk.js';
import { imageKey } from '../../typeset/blocks.js';
import { PRINT_PPI, type ImageSizes } from '../../typeset/figures.js';
import type { VectorGraphic } from '../../typeset/model.js';

/** A vector figure sized like a raster one: its points as pixels at print resolution. */
function vectorImage(graphic: VectorGraphic): PdfImage {
  const k = PRINT_PPI / 72;
  return { bytes: Buffer.alloc(0), width: graphic.width * k, height: graphic.height * k, vector: graphic };
}

export interface PdfImage {
  /** PNG or JPEG bytes the writer embeds (image-objects.ts; empty for a vector figure). */
  bytes: Buffer;
  /** Pixels, or for a vector figure its size in pixels at PRINT_PPI. */
  width: number;
  height: number;
  /** An SVG figure, drawn as paths (src/images/svg-paths.ts). */
  vector?: VectorGraphic;
}

export type PdfImages = ReadonlyMap<string, PdfImage>;

/** What the typesetting stage needs of the images: their pixel sizes. */
export function imageSizes(images: PdfImages): ImageSizes {
  return new Map([...images].map(([key, image]) => [key, { width: image.width, height: image.height, ...(image.vector ? { vector: image.vector } : {}) }]));
}

/**
 * The real path of a local image, relative to the Markdown file that names it, decided as the
 * EPUB decides it: through every symbolic link, a regular file inside the project, else none.
 */
async function localFile(book: Book, chapter: Chapter, src: string, root: string): Promise<string | undefined> {
  const file = REMOTE.test(src) ? undefined : imagePath(src);
  if (file === undefined) return undefined;
  const resolved = await resolveInside([root], path.resolve(book.root, path.dirname(chapter.file), file));
  return resolved.kind === 'file' ? resolved.path : undefined;
}

const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

export async function collectPdfImages(book: Book): Promise<PdfImages> {
  const byFile = new Map<string, PdfImage>();
  const out = new Map<string, PdfImage>();
  const root = await realRoot(book.root);
  for (const chapter of allChapters(book)) {
    for (const { image } of chapterImages(chapter)) {
      const file = await localFile(book, chapter, image.src, root);
      const ext = file && path.extname(file).toLowerCase();
      if (!file || !ext || !IMAGE_EXTENSIONS.has(ext)) continue;
      let prepared = byFile.get(file);
      if (!prepared && ext === '.svg') {
        // Validation has warned (image/svg-print) about an SVG that cannot be drawn.
        const { readSvgVector } = await import('../../images/svg-print.js');
        const svg = await readSvgVector(file);
        if (svg.kind === 'failed') continue;
        prepared = vectorImage(svg.conversion.graphic);
        byFile.set(file, prepared);
      }
      if (!prepared) {
        // sharp (and libvips) only for a book with pictures: the build's thread loads it then.
        const { prepareImage } = await import('../../images/process.js');
        const p = await prepareImage(file);
        if (p.mediaType === 'image/svg+xml' || !p.width || !p.height) continue;
        prepared = { bytes: Buffer.from(p.bytes), width: p.width, height: p.height };
        byFile.set(file, prepared);
      }
      out.set(imageKey(chapter.id, image.src), prepared);
    }
  }
  return out;
}
