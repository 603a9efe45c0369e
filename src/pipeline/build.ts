/**
 * One build: check → write EPUB and PDF → verify → write files, through a build session
 * (src/pipeline/session.ts). Returns diagnostics as data; the CLI decides how to print them.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildFailure, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkOutputTargets, writeOutputsAtomically } from './output.js';
import { verifyEpub, verifyPdf } from '../verify/verify.js';
import { printSpecDiagnostics } from '../verify/print-spec.js';
import { orphanPageDiagnostics, shortPageDiagnostics } from '../verify/short-pages.js';
import type { Book } from '../model/book.js';
import type { PrintPagination } from '../model/pagination.js';
import type { YamlSource } from '../load/yaml-source.js';
import { printCacheKey, readPrintCache, writePrintCache } from './print-cache.js';
import type { PrintFiles } from '../print/files.js';
import type { PdfOutput } from '../writers/pdf/index.js';
import { Beside, type BesideEpub } from './beside.js';
import { ComposePool } from './compose-pool.js';
import { DiskCache } from './disk-cache.js';
import { BuildSession } from './session.js';
import { defaultThreads } from './threads.js';

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
  /**
   * The cache across runs: false ignores it (`--no-cache`); a DiskCache is shared by the
   * builds of a warm process (`--watch`); absent, the project's .hanpress-cache/ is used.
   */
  cache?: DiskCache | false;
  /**
   * Run the checks in a second process beside the PDF (when the build makes both outputs
   * through the cache). Default: for a book of more than BESIDE_FROM characters; true: always;
   * false: never (they run first, in this process).
   */
  checksBeside?: boolean;
  /** Threads the build may use (`--jobs`; default: one per core). 1 keeps every step in this thread. */
  threads?: number;
  /** Characters to compose from which other threads help (default POOL_FROM; tests force the pool with 0). */
  poolFrom?: number;
}

export interface ThreadsUsed {
  /** Threads the build could use. */
  threads: number;
  /** Chapters composed by other threads than the build's own. */
  composedElsewhere: number;
  /** The checks ran and the EPUB was made in the worker thread beside the PDF. */
  checksBeside: boolean;
  epubBeside: boolean;
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
  /** How the build shared its work between threads (`--jobs`). */
  threads: ThreadsUsed;
  /** Warnings that did not stop the build. */
  diagnostics: Diagnostic[];
}

/** A build with `only` set makes one of the two files. */
export type OneOutputReport = Omit<BuildReport, 'epub' | 'pdf'> & Partial<Pick<BuildReport, 'epub' | 'pdf'>>;

function failIfErrors(diagnostics: Diagnostic[]): void {
  if (diagnostics.some((d) => d.severity === 'error')) throw new BuildFailure(diagnostics);
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
async function printFiles(session: BuildSession, final: Book, typeset: PdfOutput['typeset'], outDir: string, metaSource: YamlSource | undefined): Promise<PrintFiles> {
  // The screen PDF's pages, drawn again: the book block is not set a second time.
  const render = (): ReturnType<BuildSession['pdf']> => session.pdf(final, { cropMarks: true, ink: true, ...(typeset ? { typeset } : {}) });
  // pdf-lib, the cover and preflight load only with --print.
  const { makePrintFiles } = await import('../print/files.js');
  const print = await makePrintFiles(final, await session.context(final), path.resolve(outDir), render, metaSource);
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
  const dir = path.resolve(options.dir);
  const cache = options.cache === false ? undefined : (options.cache ?? new DiskCache(dir));
  const threads = options.threads ?? defaultThreads();
  const helpers: Helpers = { threads };
  if (threads > 1) {
    helpers.pool = new ComposePool({ threads, characters: () => session.characters(), busy: () => (helpers.beside ? 1 : 0), ...(options.poolFrom === undefined ? {} : { from: options.poolFrom }) });
  }
  const session = new BuildSession({ dir, ...(helpers.pool ? { pool: helpers.pool } : {}), ...(options.env ? { env: options.env } : {}), ...(cache ? { cache } : {}) });
  let complete = false;
  try {
    const report = await buildWith(session, options, cache, helpers);
    complete = options.only === undefined;
    return report;
  } finally {
    // This thread writes its entries while the worker beside the PDF writes its own; the
    // prune waits for the worker's keys (sent once its entries are written) and keeps them.
    const besideKeys = helpers.beside?.close();
    // Entries are keyed by content, so even a failed build's are right; only a build that
    // made every output knows which entries are stale.
    await cache?.flush({ prune: complete, ...(besideKeys ? { kept: besideKeys } : {}) });
    await besideKeys;
  }
}

/**
 * A book shorter than this is checked and its EPUB made here: on two cores, where V8's own
 * threads already use part of the second, the worker's start (its modules, its own parse)
 * costs about what it saves below this size (measured in docs/build.md, "Both cores").
 */
export const BESIDE_FROM = 200_000;

/** The build's other threads: how many it may use, and the one beside the PDF once started. */
interface Helpers {
  threads: number;
  pool?: ComposePool;
  beside?: Beside;
}

interface StartedChecks {
  book?: Book;
  metaSource?: YamlSource;
  /** Every diagnostic of the checks, when they are done. */
  diagnostics: Promise<Diagnostic[]>;
  /** The checks run beside the PDF (in `beside`, unless it fails). */
  beside: boolean;
  /** Resolves true when the worker beside the PDF checked the text this build read: its EPUB may be used. */
  besideAnswered?: Promise<boolean>;
}

/**
 * The checks: beside the PDF in a worker thread when the build makes both outputs (the PDF
 * needs only the parsed book), otherwise here and first. A book that does not even parse is
 * checked here in full, so its report is the same either way.
 */
async function startChecks(session: BuildSession, options: BuildOptions, cache: DiskCache | undefined, helpers: Helpers): Promise<StartedChecks> {
  const here = async (): Promise<StartedChecks> => {
    const checked = await session.checked();
    return { ...checked, diagnostics: Promise.resolve(checked.diagnostics), beside: false };
  };
  if (options.only !== undefined || options.checksBeside === false) return here();
  if (options.checksBeside === undefined && (helpers.threads < 2 || (await session.characters()) < BESIDE_FROM)) return here();
  // Started before the book is parsed: the worker loads its modules and parses meanwhile. A
  // cache the caller holds (a warm --watch process) has entries in memory the worker cannot
  // see: then the EPUB is made here, from them.
  const epub = typeof options.cache !== 'object';
  const beside = (helpers.beside = new Beside({ dir: session.dir, env: options.env ?? process.env, cache: cache !== undefined, epub }));
  const parsed = await session.book().catch((error: unknown) => {
    beside.parsed(undefined, undefined);
    throw error;
  });
  const project = (await session.loaded()).project;
  beside.parsed(project, parsed.book ? { book: parsed.book, diagnostics: parsed.diagnostics } : undefined);
  if (!parsed.book || !project || [...parsed.loadDiagnostics, ...parsed.diagnostics].some((d) => d.severity === 'error')) return here();
  const answer = beside.checks(project);
  const diagnostics = answer.then(async (found) => found ?? (await session.checked()).diagnostics);
  return { book: parsed.book, ...(parsed.metaSource ? { metaSource: parsed.metaSource } : {}), diagnostics, beside: true, besideAnswered: answer.then((found) => found !== undefined) };
}

async function buildWith(session: BuildSession, options: BuildOptions, cache: DiskCache | undefined, helpers: Helpers): Promise<OneOutputReport> {
  const started = performance.now();
  const say = options.progress ?? ((): void => {});
  const dir = session.dir;
  say('checking the book');
  const checks = await startChecks(session, options, cache, helpers);
  const { book, metaSource } = checks;
  if (!book) throw new BuildFailure(await checks.diagnostics);
  const report: Omit<OneOutputReport, 'milliseconds' | 'threads'> = { diagnostics: [] };
  let checked = false;
  /** The checks' diagnostics lead the report; an error among them stops the build before anything is written. */
  const takeChecks = async (): Promise<void> => {
    if (checked) return;
    checked = true;
    const diagnostics = await checks.diagnostics;
    failIfErrors(diagnostics);
    report.diagnostics.unshift(...diagnostics);
  };
  if (!checks.beside) await takeChecks();
  const chapters = book.front.length + book.parts.reduce((n, p) => n + p.chapters.length, 0);
  // A bad --out is known now: say so before the slow part, not after it.
  const names = (['epub', 'pdf'] as const).filter((ext) => options.only === undefined || options.only === ext);
  const printNames = options.print && options.only !== 'epub' ? ['print.pdf', 'cover.pdf'] : [];
  checkOutputTargets([...names.map((ext) => outputPath(options.outDir, book, ext)), ...printNames.map((n) => path.join(path.resolve(options.outDir), `${book.meta.slug}-${n}`))]);
  const ctx = await session.context(book);
  const { project } = await session.loaded();
  if (!project) throw new Error('internal: a checked book without its loaded project');
  // It hashes hanpress's code and every chapter: made when needed, not before the first page.
  const printKey = (): string => printCacheKey(project, book.meta, ctx.fonts);
  const outputs: { path: string; bytes: Uint8Array }[] = [];
  let final: Book;
  let pagination: PrintPagination | undefined;
  let besideEpub: Promise<BesideEpub | undefined> | undefined;
  let epubBeside = false;
  if (options.only !== 'epub') {
    say(`laying out the PDF: ${chapters} chapters`);
    // A book the checks refuse (an image that does not decode …) may fail in the PDF first:
    // then the checks' positioned errors are what the user needs.
    // The worker beside makes the EPUB while this thread draws the PDF's pages.
    // True when the EPUB is made beside: the PDF writer then leaves the other core to it.
    const orderEpub = (laidOut: Book, pages: PrintPagination): boolean => {
      if (checks.beside && helpers.beside?.makesEpub && !besideEpub) besideEpub = helpers.beside.epub({ pagination: pages, ...(laidOut.meta.print.sheets === undefined ? {} : { sheets: laidOut.meta.print.sheets }) });
      return besideEpub !== undefined;
    };
    const printed = await session.print(book, orderEpub, options.print === true).catch(async (error: unknown) => {
      await takeChecks();
      throw error;
    });
    final = printed.final;
    pagination = printed.pdf.pagination;
    orderEpub(final, pagination);
    await takeChecks();
    say(`checking the PDF: ${printed.pdf.pageCount} pages`);
    failIfErrors(verifyPdf(printed.pdf.bytes, printed.pdf.pageCount));
    report.diagnostics.push(...printSpecDiagnostics(book.meta, printed.pdf.pageCount, metaSource), ...shortPageDiagnostics(book, printed.pdf.shortPages), ...orphanPageDiagnostics(book, printed.pdf.orphanPages));
    const pdfPath = outputPath(options.outDir, book, 'pdf');
    outputs.push({ path: pdfPath, bytes: printed.pdf.bytes });
    report.pdf = { path: pdfPath, bytes: printed.pdf.bytes.length, pages: printed.pdf.pageCount };
    if (options.print) {
      // The book block is drawn again and parsed for PDF/X and preflight: the build's second
      // peak of memory. The worker beside ends first (it has made the EPUB), so its memory
      // is not added to that peak.
      if (besideEpub) await helpers.beside?.close();
      say('making the print files: PDF/X book block and cover');
      const print = await printFiles(session, printed.final, printed.pdf.typeset, options.outDir, metaSource);
      outputs.push(print.block, print.cover);
      report.diagnostics.push(...print.diagnostics);
      report.print = {
        block: { path: print.block.path, bytes: print.block.bytes.length, pages: print.block.pages },
        cover: { path: print.cover.path, bytes: print.cover.bytes.length, spineMm: print.cover.spineMm },
        pdfx: print.pdfx,
      };
    }
  } else {
    const cached = await cachedPrint(book, printKey(), metaSource);
    final = cached.final;
    pagination = cached.pagination;
    report.diagnostics.push(...cached.diagnostics);
  }
  // Made while the worker beside the PDF may still be making the EPUB.
  const key = report.pdf ? printKey() : undefined;
  await takeChecks();
  if (options.only !== 'pdf') {
    say(`writing the EPUB: ${chapters} chapters`);
    const made = besideEpub && (await checks.besideAnswered) ? await besideEpub : undefined;
    const epub = made?.bytes ?? (await session.epub(final, pagination));
    epubBeside = made !== undefined;
    failIfErrors(made?.verified ?? verifyEpub(epub));
    const epubPath = outputPath(options.outDir, book, 'epub');
    outputs.unshift({ path: epubPath, bytes: epub });
    report.epub = { path: epubPath, bytes: epub.length };
  }
  say('writing the files');
  await writeOutputsAtomically(outputs);
  if (report.pdf && key !== undefined) {
    await writePrintCache(dir, { key, pageCount: report.pdf.pages, ...(final.meta.print.sheets === undefined ? {} : { sheets: final.meta.print.sheets }), ...(pagination ? { pagination } : {}) });
  }
  const threads: ThreadsUsed = {
    threads: helpers.threads,
    composedElsewhere: helpers.pool?.elsewhere ?? 0,
    checksBeside: checks.beside && ((await checks.besideAnswered) ?? false),
    epubBeside,
  };
  return { ...report, threads, milliseconds: performance.now() - started };
}
