/**
 * One build: load → validate → parse/model → derive → write EPUB and PDF → verify → write
 * files. Returns diagnostics as data; the CLI decides how to print them.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { deriveFrontPages } from '../derive/front-pages.js';
import { loadFontConfig } from '../fonts/config.js';
import { checkProject } from './check.js';
import { resolveBuildDate, type BuildContext } from './context.js';
import { writeOutputsAtomically } from './output.js';
import { writeEpub } from '../writers/epub/index.js';
import { writePdf, type PdfOptions } from '../writers/pdf/index.js';
import { verifyEpub, verifyPdf } from '../verify/verify.js';
import { printSpecDiagnostics, sheetsForPages } from '../verify/print-spec.js';
import type { Book } from '../model/book.js';
import type { PrintPagination } from '../model/pagination.js';

export interface BuildOptions {
  /** Book project directory (holds book.yaml). */
  dir: string;
  /** Output directory; created when missing. */
  outDir: string;
  env?: NodeJS.ProcessEnv;
  /** Print sheet: crop marks in a slug around the bleed (`--print`). */
  print?: boolean;
}

export interface BuiltFile {
  path: string;
  bytes: number;
}

export interface BuildReport {
  epub: BuiltFile;
  pdf: BuiltFile & { pages: number };
  milliseconds: number;
  /** Warnings that did not stop the build. */
  diagnostics: Diagnostic[];
}

function failIfErrors(diagnostics: Diagnostic[]): void {
  if (diagnostics.some((d) => d.severity === 'error')) throw new BuildFailure(diagnostics);
}

type PdfOutput = Awaited<ReturnType<typeof writePdf>>;

/**
 * Renders the PDF. A book that leaves 印张 out gets it from the page count: the number printed
 * on the copyright page cannot change how many pages there are, so one more render with the
 * computed value is final.
 */
export async function layOutPrint(book: Book, ctx: BuildContext, options: PdfOptions = {}): Promise<{ final: Book; pdf: PdfOutput }> {
  const first = await writePdf(book, deriveFrontPages(book.meta), ctx, options);
  if (book.meta.print.sheets !== undefined) return { final: book, pdf: first };
  const sheets = sheetsForPages(first.pageCount, book.meta.print.fold);
  const final: Book = { ...book, meta: { ...book.meta, print: { ...book.meta.print, sheets } } };
  return { final, pdf: await writePdf(final, deriveFrontPages(final.meta), ctx, options) };
}

/** The print pages for the EPUB's page-list, once the PDF writer reports them (issue 4). */
function printPagination(pdf: { pageCount: number; pagination?: PrintPagination }): PrintPagination | undefined {
  return pdf.pagination;
}

/** Throws BuildFailure with positioned diagnostics when the book cannot be built. */
export async function buildBook(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const dir = path.resolve(options.dir);
  const { book, metaSource, diagnostics } = await checkProject(dir);
  if (!book) throw new BuildFailure(diagnostics);
  failIfErrors(diagnostics);
  const ctx: BuildContext = {
    buildDate: resolveBuildDate(options.env ?? process.env, book.meta.edition.date),
    fonts: await loadFontConfig(dir),
  };
  const { final, pdf } = await layOutPrint(book, ctx, { cropMarks: options.print ?? false });
  const epub = await writeEpub(final, deriveFrontPages(final.meta), ctx, printPagination(pdf));
  failIfErrors([...verifyEpub(epub), ...verifyPdf(pdf.bytes, pdf.pageCount)]);
  diagnostics.push(...printSpecDiagnostics(book.meta, pdf.pageCount, metaSource));
  const outDir = path.resolve(options.outDir);
  const epubPath = path.join(outDir, `${book.meta.slug}.epub`);
  const pdfPath = path.join(outDir, `${book.meta.slug}.pdf`);
  await writeOutputsAtomically([
    { path: epubPath, bytes: epub },
    { path: pdfPath, bytes: pdf.bytes },
  ]);
  return {
    epub: { path: epubPath, bytes: epub.length },
    pdf: { path: pdfPath, bytes: pdf.bytes.length, pages: pdf.pageCount },
    milliseconds: performance.now() - started,
    diagnostics,
  };
}
