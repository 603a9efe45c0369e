/**
 * Images referenced by the chapters, embedded under images/ with names by first appearance.
 * `check` has already refused missing and escaping local images (src/validate/images.ts);
 * remote images are never fetched and are left out here, as are types EPUB does not list as
 * core media. Each file goes through src/images/process.ts (size, colour, metadata) once.
 */
import path from 'node:path';
import { realRoot, resolveInside } from '../../files/contain.js';
import type { Book, Chapter } from '../../model/book.js';
import { chapterImages } from '../../model/walk.js';
import { allChapters } from '../../model/book.js';
import { IMAGE_EXTENSIONS, prepareImage } from '../../images/process.js';
import { imagePath } from '../../validate/images.js';

export interface EmbeddedImage {
  /** Package-relative, e.g. images/img001.png */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
  width?: number;
  height?: number;
}

function chapterImageSources(chapter: Chapter): string[] {
  return Array.from(chapterImages(chapter), ({ image }) => image.src);
}

/**
 * Real path of a local image, relative to the Markdown file that names it. `check` reports an
 * image outside the project (after symbolic links) as an error; the writer never reads one.
 */
async function resolveSource(book: Book, rootReal: string, chapter: Chapter, src: string): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  const clean = imagePath(src);
  if (clean === undefined) return undefined;
  const resolved = await resolveInside([rootReal], path.resolve(book.root, path.dirname(chapter.file), clean));
  return resolved.kind === 'file' ? resolved.path : undefined;
}

export interface ImageCatalogue {
  images: EmbeddedImage[];
  /** The embedded image a Markdown `src` (as written in that chapter) became. */
  imageOf(chapter: Chapter, src: string): EmbeddedImage | undefined;
}

export async function collectImages(book: Book): Promise<ImageCatalogue> {
  const images: EmbeddedImage[] = [];
  const byFile = new Map<string, EmbeddedImage>();
  const byReference = new Map<string, EmbeddedImage>();
  const rootReal = await realRoot(book.root);
  for (const chapter of allChapters(book)) {
    for (const src of chapterImageSources(chapter)) {
      const file = await resolveSource(book, rootReal, chapter, src);
      if (!file || !IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
      let image = byFile.get(file);
      if (!image) {
        const prepared = await prepareImage(file);
        const { bytes, mediaType, width, height } = prepared;
        image = { href: `images/img${String(images.length + 1).padStart(3, '0')}${prepared.extension}`, mediaType, bytes, width, height };
        images.push(image);
        byFile.set(file, image);
      }
      byReference.set(`${chapter.id}\u0000${src}`, image);
    }
  }
  return { images, imageOf: (chapter, src) => byReference.get(`${chapter.id}\u0000${src}`) };
}
