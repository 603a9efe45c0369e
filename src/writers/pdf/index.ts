/**
 * Print PDF writer: Book + generated front pages → PDF bytes, laid out by pdfmake from the
 * page design in templates/pdf/.
 */
import type { BuildContext } from '../../build/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import type { Book } from '../../model/book.js';
import { loadDesign, Typography } from './design.js';
import { buildDocument } from './document.js';
import { loadFormats, pageGeometry, trimmedSize } from './geometry.js';
import { pdfMetadata, xmpPacket } from './metadata.js';
import { PDFMAKE_VERSION } from './pdfmake.js';
import { renderPdf } from './render.js';

export async function writePdf(
  book: Book,
  front: FrontPages,
  ctx: BuildContext,
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const [formats, design] = await Promise.all([loadFormats(), loadDesign()]);
  const trim = trimmedSize(book.meta.print, formats);
  const typo = await Typography.create(design, ctx.fonts);
  const geometry = pageGeometry(trim, design, typo.bodyLeading);
  const producer = { creator: 'hanpress', producer: `hanpress (pdfmake ${PDFMAKE_VERSION}, PDFKit)` };
  const doc = buildDocument(book, front, ctx, typo, geometry, producer);
  const xmp = xmpPacket(pdfMetadata(book.meta, front, ctx.buildDate, producer));
  return renderPdf(doc, ctx.fonts, geometry, xmp);
}
