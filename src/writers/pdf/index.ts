/**
 * Print PDF writer: Book + generated front pages → typeset pages (src/typeset) → PDF bytes
 * written by hanpress's own writer (render.ts).
 */
import type { BuildContext } from '../../pipeline/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import type { Book } from '../../model/book.js';
import type { PrintPagination } from '../../model/pagination.js';
import { loadDesign, mergeDesign } from '../../typeset/design.js';
import { fontBookFor } from './warm-fonts.js';
import { loadFormats, pageGeometry, trimmedSize } from '../../typeset/geometry.js';
import { chapterJobs, flowContext, typesetBook, type TypesetBook } from '../../typeset/index.js';
import { composeChapters } from '../../typeset/cached-chapter.js';
import { NO_MEMO } from '../../pipeline/memo.js';
import { Typography } from '../../typeset/design.js';
import { collectPdfImages, imageSizes } from './images.js';
import { inkImages } from './ink.js';
import { infoDictionary, pdfMetadata, xmpPacket } from './metadata.js';
import { DEFAULT_BLEED_MM } from './print-boxes.js';
import { renderPages } from './render.js';
import type { PageCache } from './page-cache.js';
import type { ShortPage } from '../../typeset/short-page.js';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface PdfOutput {
  bytes: Uint8Array;
  pageCount: number;
  /** Where the print edition puts each chapter opening and top-level block. */
  pagination: PrintPagination;
  /** Widows and orphans that could not be kept off their page by loosening a paragraph. */
  unresolvedWidows: number;
  /** The pages they left short, with the paragraph an editor could change (`pdf/short-page`). */
  shortPages: ShortPage[];
  /** Pages filled by leaving a paragraph's first line alone at the foot (`pdf/orphan-line`). */
  orphanPages: ShortPage[];
  /** Milliseconds spent setting the pages and writing them (for the bench and --watch lines). */
  timings: { typesetMs: number; writeMs: number };
  /** The set pages, when asked for (PdfOptions.keepPages). */
  typeset?: TypesetBook;
}

export interface PdfOptions {
  /** Grow the sheet by a slug with crop marks (`hanpress build --print`). */
  cropMarks?: boolean;
  /** Bleed beyond the trim in millimetres (default 3). */
  bleedMm?: number;
  /** The print book block: K-only ink and greyscale figures (src/print/ink.ts, `--print`). */
  ink?: boolean;
  /** Page content streams by content hash: a page drawn before is not drawn again (default: ctx.pageCache). */
  pageCache?: PageCache;
  /**
   * Hears the pagination as soon as the pages are set, before they are drawn; answers true when
   * that starts work in another thread (the EPUB made beside), which then has the other core:
   * the streams are deflated on this thread (render.ts RenderOptions.deflateHere).
   */
  paginated?: (pagination: PrintPagination) => boolean | undefined;
  /** Return the set pages (PdfOutput.typeset), for drawing the same book again. */
  keepPages?: boolean;
  /**
   * Pages this book was set in by an earlier writePdf (its PdfOutput.typeset): drawn, not set
   * again. The print book block is the screen PDF's pages in other ink with crop marks; setting
   * them a second time cost the seconds of the first and was the peak of a --print build's
   * memory (the build's heap grew to 340 MB).
   */
  typeset?: TypesetBook;
}

export async function writePdf(book: Book, front: FrontPages, ctx: BuildContext, options: PdfOptions = {}): Promise<PdfOutput> {
  const [formats, house] = await Promise.all([loadFormats(), loadDesign()]);
  const design = mergeDesign(house, book.design);
  const trim = trimmedSize(book.meta.print, formats);
  const geometry = pageGeometry(trim, design, new Typography(design).bodyLeading);
  const fonts = fontBookFor(ctx.fonts);
  const collected = await collectPdfImages(book);
  const images = options.ink ? await inkImages(collected) : collected;
  const started = performance.now();
  const sizes = imageSizes(images);
  // With a pool (a big book), the chapters are composed in worker threads first; the rest of
  // typesetting (pagination) needs them all.
  const composed = ctx.pool && !options.typeset
    ? await composeChapters(chapterJobs(book, design), flowContext(fonts, design, geometry, sizes), ctx.memo ?? NO_MEMO, ctx.pool, { fonts: ctx.fonts, design, geometry, images: sizes })
    : undefined;
  const typeset = options.typeset ?? typesetBook({ book, front, fonts, design, geometry, images: sizes, ...(ctx.memo ? { memo: ctx.memo } : {}), ...(composed ? { composed } : {}) });
  const producer = { creator: 'hanpress', producer: `hanpress ${VERSION}` };
  const metadata = pdfMetadata(book.meta, front, ctx.buildDate, producer);
  const boxes = { bleedMm: options.bleedMm ?? DEFAULT_BLEED_MM, cropMarks: options.cropMarks ?? false };
  const pagination: PrintPagination = { isbn: book.meta.isbn, marks: typeset.marks };
  const othersBusy = options.paginated?.(pagination) === true;
  const typesetDone = performance.now();
  const bytes = await renderPages(typeset.pages, fonts, geometry, images, {
    info: infoDictionary(metadata),
    language: book.meta.language,
    boxes,
    ink: options.ink ?? false,
    xmp: xmpPacket(metadata),
    ...(othersBusy ? { deflateHere: true } : {}),
    // The build session keeps page streams in the project's cache (ctx.pageCache).
    ...((options.pageCache ?? ctx.pageCache) ? { pageCache: options.pageCache ?? ctx.pageCache } : {}),
  });
  const timings = { typesetMs: typesetDone - started, writeMs: performance.now() - typesetDone };
  return { bytes, pageCount: typeset.pages.length, pagination, unresolvedWidows: typeset.unresolvedWidows, shortPages: typeset.shortPages, orphanPages: typeset.orphanPages, timings, ...(options.keepPages ? { typeset } : {}) };
}
