/**
 * The files a printing house accepts (`hanpress build --print`): `<slug>-print.pdf`, the book
 * block as PDF/X, and `<slug>-cover.pdf`, the cover spread. Both are preflighted before they
 * are written: an error means hanpress made a file a printer would reject, and the build
 * fails; warnings (an assumed paper, a narrow spine, a soft image) are reported.
 *
 * The book block is rendered by the caller (`render`): the renderer paints in K-only ink with
 * crop marks and print boxes; everything after that — PDF/X identification, output intent,
 * cover, preflight — is here and works on the rendered bytes.
 */
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { BuildContext } from '../pipeline/context.js';
import { deriveFrontPages } from '../derive/front-pages.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Book } from '../model/book.js';
import { buildCover } from '../cover/index.js';
import { resolveOutputIntent } from './intent.js';
import { finishPdfx, PDFX_STANDARDS, type PdfxStandard } from './pdfx.js';
import { boxOf } from './preflight/objects.js';
import { preflight } from './preflight/index.js';

export interface RenderedBlock {
  bytes: Uint8Array;
  pageCount: number;
}

export interface PrintFile {
  path: string;
  bytes: Uint8Array;
}

export interface PrintFiles {
  block: PrintFile & { pages: number };
  cover: PrintFile & { spineMm: number };
  pdfx: string;
  diagnostics: Diagnostic[];
}

export function pdfxStandard(book: Book): PdfxStandard {
  return book.meta.print.pdfx === 'PDF/X-1a' ? 'x1a' : 'x4';
}

/** The trimmed page of the book block, read from its first page's TrimBox. */
async function trimSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = pdf.getPage(0);
  const trim = boxOf(pdf.context, page.node.get(PDFName.of('TrimBox'))) ?? boxOf(pdf.context, page.node.MediaBox());
  if (!trim) throw new Error('internal: the book block has no page box');
  return { width: trim[2] - trim[0], height: trim[3] - trim[1] };
}

export async function makePrintFiles(
  book: Book,
  ctx: BuildContext,
  outDir: string,
  render: () => Promise<RenderedBlock>,
  metaSource?: YamlSource,
): Promise<PrintFiles> {
  const standard = pdfxStandard(book);
  const { resolved, diagnostics: intentProblems } = await resolveOutputIntent(book, metaSource);
  if (!resolved) throw new BuildFailure(intentProblems);
  const rendered = await render();
  const block = await finishPdfx(rendered.bytes, {
    standard,
    intent: resolved.intent,
    identity: `${book.meta.isbn} book block`,
    title: deriveFrontPages(book.meta).displayTitle,
  });
  const trim = await trimSize(block);
  const cover = await buildCover({
    book,
    front: deriveFrontPages(book.meta),
    ctx,
    pages: rendered.pageCount,
    trimWidth: trim.width,
    trimHeight: trim.height,
    standard,
    intent: resolved,
    ...(metaSource ? { metaSource } : {}),
  });
  const slug = book.meta.slug;
  const blockPath = path.join(outDir, `${slug}-print.pdf`);
  const coverPath = path.join(outDir, `${slug}-cover.pdf`);
  const findings = [
    // Absolute paths: the files are outside the project, where diagnostics' paths are relative to.
    ...(await preflight(block, { file: blockPath })).findings,
    ...(await preflight(cover.bytes, { file: coverPath, cover: true })).findings,
  ];
  if (findings.some((f) => f.severity === 'error')) throw new BuildFailure(findings);
  return {
    block: { path: blockPath, bytes: block, pages: rendered.pageCount },
    cover: { path: coverPath, bytes: cover.bytes, spineMm: cover.spine.mm },
    pdfx: PDFX_STANDARDS[standard].version,
    diagnostics: [...cover.diagnostics, ...findings],
  };
}
