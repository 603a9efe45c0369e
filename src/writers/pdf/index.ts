/**
 * Print PDF writer: Book + generated front pages → PDF bytes, laid out by pdfmake from the
 * page design in templates/pdf/.
 */
import type { BuildContext } from '../../build/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import type { Book } from '../../model/book.js';
import type { PageMark, PrintPagination } from '../../model/pagination.js';
import { loadDesign, Typography } from './design.js';
import { buildDocument } from './document.js';
import { collectPdfImages } from './images.js';
import { inkDocument, inkImages } from './ink.js';
import { loadFormats, pageGeometry, trimmedSize } from './geometry.js';
import { pdfMetadata, xmpPacket } from './metadata.js';
import { PDFMAKE_VERSION } from './pdfmake.js';
import { DEFAULT_BLEED_MM } from './print-boxes.js';
import { renderPdf } from './render.js';

export interface PdfOutput {
  bytes: Uint8Array;
  pageCount: number;
  /** Where the print edition puts each chapter opening and top-level block. */
  pagination: PrintPagination;
}

export interface PdfOptions {
  /** Set paragraphs with pdfmake's own line breaking instead of the composer (benchmarks). */
  plainPdfmake?: boolean;
  /** Grow the sheet by a slug with crop marks (`hanpress build --print`). */
  cropMarks?: boolean;
  /** Bleed beyond the trim in millimetres (default 3). */
  bleedMm?: number;
  /** The print book block: K-only ink and greyscale figures (src/print/ink.ts, `--print`). */
  ink?: boolean;
}

export async function writePdf(book: Book, front: FrontPages, ctx: BuildContext, options: PdfOptions = {}): Promise<PdfOutput> {
  const [formats, design] = await Promise.all([loadFormats(), loadDesign()]);
  const trim = trimmedSize(book.meta.print, formats);
  const typo = await Typography.create(design, ctx.fonts);
  const geometry = pageGeometry(trim, design, typo.bodyLeading);
  const producer = { creator: 'hanpress', producer: `hanpress (pdfmake ${PDFMAKE_VERSION}, PDFKit)` };
  const images = options.ink ? await inkImages(await collectPdfImages(book)) : await collectPdfImages(book);
  const built = buildDocument(book, front, ctx, typo, geometry, producer, options.plainPdfmake ?? false, images);
  const plan = options.ink ? { ...built, ...inkDocument(built.doc, built.content) } : built;
  const xmp = xmpPacket(pdfMetadata(book.meta, front, ctx.buildDate, producer));
  let marks: PageMark[] = [];
  const afterLayout = (): void => {
    // Marks first: printing folios in the TOC rewrites the positions they are read from.
    marks = plan.pages.marks();
    plan.pages.printFoliosInToc();
  };
  const boxes = { bleedMm: options.bleedMm ?? DEFAULT_BLEED_MM, cropMarks: options.cropMarks ?? false };
  const rendered = await renderPdf({ ...plan, afterLayout }, ctx.fonts, geometry, xmp, boxes);
  return { ...rendered, pagination: { isbn: book.meta.isbn, marks } };
}
