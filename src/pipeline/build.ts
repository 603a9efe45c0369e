/**
 * One build: load → validate → parse/model → derive → write EPUB and PDF → verify → write
 * files. Returns diagnostics as data; the CLI decides how to print them.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildFailure, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { deriveFrontPages } from '../derive/front-pages.js';
import { loadFontConfig } from '../fonts/config.js';
import { checkProject } from './check.js';
import { resolveBuildDate, type BuildContext } from './context.js';
import { checkOutputTargets, writeOutputsAtomically } from './output.js';
import { writeEpub } from '../writers/epub/index.js';
import { writePdf, type PdfOptions } from '../writers/pdf/index.js';
import { verifyEpub, verifyPdf } from '../verify/verify.js';
import { printSpecDiagnostics, sheetsForPages } from '../verify/print-spec.js';
import type { Book } from '../model/book.js';
import type { PrintPagination } from '../model/pagination.js';
import type { YamlSource } from '../load/yaml-source.js';
import { printCacheKey, readPrintCache, writePrintCache } from './print-cache.js';
import { makePrintFiles, type PrintFiles } from '../print/files.js';

export interface BuildOptions {
  /** Book project directory (holds book.yaml). */
  dir: string;
  /** Output directory; created when missing. */
  outDir: string;
  env?: NodeJS.ProcessEnv;
  /** Also write the printer's files: the PDF/X book block and the cover (`--print`). */
  print?: boolean;
  /** Build only one of the two outputs (`--only`). */
  only?: 'epub' | 'pdf';
  /** Told what the build is doing, for a progress line. */
  progress?: (text: string) => void;
}

export interface BuiltFile {
  path: string;
  bytes: number;
}

export interface BuildReport {
  epub: BuiltFile;
  pdf: BuiltFile & { pages: number };
  /** With --print: the PDF/X book block and the cover spread. */
  print?: { block: BuiltFile & { pages: number }; cover: BuiltFile & { spineMm: number }; pdfx: string };
  milliseconds: number;
  /** Warnings that did not stop the build. */
  diagnostics: Diagnostic[];
}

/** A build with `only` set makes one of the two files. */
export type OneOutputReport = Omit<BuildReport, 'epub' | 'pdf'> & Partial<Pick<BuildReport, 'epub' | 'pdf'>>;

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

/**
 * `--only epub`: the page-list and computed 印张 of the last PDF of this same book, or a
 * warning that the EPUB has none.
 */
async function cachedPrint(book: Book, key: string, metaSource: YamlSource | undefined): Promise<{ final: Book; pagination?: PrintPagination; diagnostics: Diagnostic[] }> {
  const cache = await readPrintCache(book.root, key);
  if (!cache) {
    return {
      final: book,
      diagnostics: [
        diagnostic('build/no-page-list', {
          message: 'This EPUB has no page-list of the print edition: no PDF of the book as it is now has been built.',
        }),
        ...(book.meta.print.sheets === undefined
          ? [
              diagnostic('build/no-sheets', {
                ...(metaSource ? { file: metaSource.file, ...metaSource.positionOf(['print']) } : {}),
                message: 'The copyright page has no 印张: it is computed from the PDF, which this build does not make.',
              }),
            ]
          : []),
      ],
    };
  }
  const sheets = book.meta.print.sheets ?? cache.sheets;
  const final: Book = sheets === undefined ? book : { ...book, meta: { ...book.meta, print: { ...book.meta.print, sheets } } };
  return { final, ...(cache.pagination ? { pagination: cache.pagination } : {}), diagnostics: [] };
}

/**
 * The book block is the same layout as the screen PDF, rendered again in K-only ink with crop
 * marks; src/print/files.ts makes it PDF/X, builds the cover and preflights both.
 */
async function printFiles(final: Book, ctx: BuildContext, outDir: string, metaSource: YamlSource | undefined): Promise<PrintFiles> {
  const render = (): ReturnType<typeof writePdf> => writePdf(final, deriveFrontPages(final.meta), ctx, { cropMarks: true, ink: true });
  const print = await makePrintFiles(final, ctx, path.resolve(outDir), render, metaSource);
  failIfErrors(verifyPdf(print.block.bytes, print.block.pages));
  return print;
}

function outputPath(outDir: string, book: Book, ext: string): string {
  return path.join(path.resolve(outDir), `${book.meta.slug}.${ext}`);
}

/** Throws BuildFailure with positioned diagnostics when the book cannot be built. */
export async function buildBook(options: BuildOptions & { only?: undefined }): Promise<BuildReport>;
export async function buildBook(options: BuildOptions): Promise<OneOutputReport>;
export async function buildBook(options: BuildOptions): Promise<OneOutputReport> {
  const started = performance.now();
  const say = options.progress ?? ((): void => {});
  const dir = path.resolve(options.dir);
  say('checking the book');
  const { book, metaSource, diagnostics } = await checkProject(dir);
  if (!book) throw new BuildFailure(diagnostics);
  // A font collection is refused only because the EPUB cannot embed it.
  failIfErrors(options.only === 'pdf' ? diagnostics.filter((d) => d.code !== 'fonts/collection-not-embeddable') : diagnostics);
  const chapters = book.front.length + book.parts.reduce((n, p) => n + p.chapters.length, 0);
  // A bad --out is known now: say so before the slow part, not after it.
  const names = (['epub', 'pdf'] as const).filter((ext) => options.only === undefined || options.only === ext);
  const printNames = options.print && options.only !== 'epub' ? ['print.pdf', 'cover.pdf'] : [];
  checkOutputTargets([...names.map((ext) => outputPath(options.outDir, book, ext)), ...printNames.map((n) => path.join(path.resolve(options.outDir), `${book.meta.slug}-${n}`))]);
  const ctx: BuildContext = {
    buildDate: resolveBuildDate(options.env ?? process.env, book.meta.edition.date),
    fonts: await loadFontConfig(dir, options.env ?? process.env),
  };
  const key = printCacheKey(book, ctx.fonts);
  const outputs: { path: string; bytes: Uint8Array }[] = [];
  const report: Omit<OneOutputReport, 'milliseconds'> = { diagnostics };
  let final: Book;
  let pagination: PrintPagination | undefined;
  if (options.only !== 'epub') {
    say(`laying out the PDF: ${chapters} chapters`);
    const printed = await layOutPrint(book, ctx);
    final = printed.final;
    pagination = printed.pdf.pagination;
    say(`checking the PDF: ${printed.pdf.pageCount} pages`);
    failIfErrors(verifyPdf(printed.pdf.bytes, printed.pdf.pageCount));
    diagnostics.push(...printSpecDiagnostics(book.meta, printed.pdf.pageCount, metaSource));
    const pdfPath = outputPath(options.outDir, book, 'pdf');
    outputs.push({ path: pdfPath, bytes: printed.pdf.bytes });
    report.pdf = { path: pdfPath, bytes: printed.pdf.bytes.length, pages: printed.pdf.pageCount };
    if (options.print) {
      say('making the print files: PDF/X book block and cover');
      const print = await printFiles(printed.final, ctx, options.outDir, metaSource);
      outputs.push(print.block, print.cover);
      diagnostics.push(...print.diagnostics);
      report.print = {
        block: { path: print.block.path, bytes: print.block.bytes.length, pages: print.block.pages },
        cover: { path: print.cover.path, bytes: print.cover.bytes.length, spineMm: print.cover.spineMm },
        pdfx: print.pdfx,
      };
    }
  } else {
    const cached = await cachedPrint(book, key, metaSource);
    final = cached.final;
    pagination = cached.pagination;
    diagnostics.push(...cached.diagnostics);
  }
  if (options.only !== 'pdf') {
    say(`writing the EPUB: ${chapters} chapters`);
    const epub = await writeEpub(final, deriveFrontPages(final.meta), ctx, pagination);
    failIfErrors(verifyEpub(epub));
    const epubPath = outputPath(options.outDir, book, 'epub');
    outputs.unshift({ path: epubPath, bytes: epub });
    report.epub = { path: epubPath, bytes: epub.length };
  }
  say('writing the files');
  await writeOutputsAtomically(outputs);
  if (report.pdf) {
    await writePrintCache(dir, { key, pageCount: report.pdf.pages, ...(final.meta.print.sheets === undefined ? {} : { sheets: final.meta.print.sheets }), ...(pagination ? { pagination } : {}) });
  }
  return { ...report, milliseconds: performance.now() - started };
}
