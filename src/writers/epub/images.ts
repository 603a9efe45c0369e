/**
 * Images referenced by the chapters, embedded under images/ with names by first appearance.
 * `check` has already refused missing and escaping local images (src/validate/images.ts);
 * remote images are never fetched and are left out here, as are types EPUB does not list as
 * core media. Resizing and conversion are a later issue.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Book, Chapter } from '../../model/book.js';
import { chapterImages } from '../../model/walk.js';
import { allChapters } from '../../model/book.js';

export interface EmbeddedImage {
  /** Package-relative, e.g. images/img001.png */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
}

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

function chapterImageSources(chapter: Chapter): string[] {
  return Array.from(chapterImages(chapter), ({ image }) => image.src);
}

/** Absolute path of a local image, relative to the Markdown file that names it. */
function resolveSource(book: Book, chapter: Chapter, src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  const clean = decodeURI(src.split(/[?#]/)[0] ?? '');
  return path.resolve(book.root, path.dirname(chapter.file), clean);
}

export interface ImageCatalogue {
  images: EmbeddedImage[];
  /** Key: chapter id + NUL + src as written. */
  hrefOf(chapter: Chapter, src: string): string | undefined;
}

export async function collectImages(book: Book): Promise<ImageCatalogue> {
  const images: EmbeddedImage[] = [];
  const byFile = new Map<string, string>();
  const byReference = new Map<string, string>();
  for (const chapter of allChapters(book)) {
    for (const src of chapterImageSources(chapter)) {
      const file = resolveSource(book, chapter, src);
      const mediaType = file ? MEDIA_TYPES[path.extname(file).toLowerCase()] : undefined;
      if (!file || !mediaType || !existsSync(file)) continue;
      let href = byFile.get(file);
      if (!href) {
        href = `images/img${String(images.length + 1).padStart(3, '0')}${path.extname(file).toLowerCase()}`;
        const bytes = await readFile(file);
        images.push({ href, mediaType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        byFile.set(file, href);
      }
      byReference.set(`${chapter.id}\u0000${src}`, href);
    }
  }
  return { images, hrefOf: (chapter, src) => byReference.get(`${chapter.id}\u0000${src}`) };
}
