/**
 * Figures for the print PDF: every local image a chapter names, through the same sharp
 * pipeline as the EPUB (src/images/process.ts: orientation, sRGB, no metadata, at most
 * 1600 px on the long side), embedded as PNG or JPEG data. SVG and remote images are left
 * out, as `check` already warns; a figure that is left out never stops the build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { IMAGE_EXTENSIONS, prepareImage } from '../../images/process.js';
import { allChapters, type Book, type Chapter } from '../../model/book.js';
import { chapterImages } from '../../model/walk.js';
import { imageKey } from '../../typeset/blocks.js';
import type { ImageSizes } from '../../typeset/figures.js';

export interface PdfImage {
  /** PNG or JPEG bytes pdfkit embeds. */
  bytes: Buffer;
  width: number;
  height: number;
}

export type PdfImages = ReadonlyMap<string, PdfImage>;

/** What the typesetting stage needs of the images: their pixel sizes. */
export function imageSizes(images: PdfImages): ImageSizes {
  return new Map([...images].map(([key, image]) => [key, { width: image.width, height: image.height }]));
}

/** Absolute path of a local image, relative to the Markdown file that names it. */
function localFile(book: Book, chapter: Chapter, src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  const file = path.resolve(book.root, path.dirname(chapter.file), decodeURI(src.split(/[?#]/)[0] ?? ''));
  return file.startsWith(path.resolve(book.root) + path.sep) ? file : undefined;
}

export async function collectPdfImages(book: Book): Promise<PdfImages> {
  const byFile = new Map<string, PdfImage>();
  const out = new Map<string, PdfImage>();
  for (const chapter of allChapters(book)) {
    for (const { image } of chapterImages(chapter)) {
      const file = localFile(book, chapter, image.src);
      const ext = file && path.extname(file).toLowerCase();
      if (!file || !ext || ext === '.svg' || !IMAGE_EXTENSIONS.has(ext) || !existsSync(file)) continue;
      let prepared = byFile.get(file);
      if (!prepared) {
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
