/**
 * The one place that wires the pipeline: config → book → derived → typeset → PDF / EPUB. Each
 * step runs at most once per session and only when asked, so `export onix` reads book.yaml
 * alone, `proof` never writes an EPUB, and a build shares one parse, one font config and one
 * set of front pages between its two outputs. A session sees the project as it is when a step
 * first reads it; `build --watch` starts a new session per save and keeps the cache across
 * them (src/pipeline/disk-cache.ts), never the steps.
 */
import path from 'node:path';
import { deriveFrontPages, type FrontPages } from '../derive/front-pages.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadFontConfig } from '../fonts/config.js';
import { lintLevels, lintMarkdown } from '../lint/lint.js';
import { loadProject, type LoadedProject } from '../load/project.js';
import type { YamlSource } from '../load/yaml-source.js';
import { assembleBook, type ChapterParser } from '../model/assemble.js';
import type { Book } from '../model/book.js';
import type { BookMetadata } from '../model/metadata.js';
import type { PrintPagination } from '../model/pagination.js';
import { parseChapterBody } from '../markdown/blocks.js';
import { coverDiagnostics } from '../validate/cover.js';
import { projectGlyphCoverage } from '../validate/glyph-coverage.js';
import { imageDiagnostics } from '../validate/images.js';
import { manuscriptDiagnostics } from '../validate/manuscript-rules.js';
import { missingCharDiagnostics } from '../validate/missing-chars.js';
import { printFormatDiagnostics } from '../validate/print-format.js';
import type { RuleContext } from '../validate/rules.js';
import { unlistedMarkdown } from '../validate/unlisted.js';
import type { PdfOptions, PdfOutput } from '../writers/pdf/index.js';
import type { ChapterPool } from '../typeset/cached-chapter.js';
import { sheetsForPages } from '../verify/print-spec.js';
import { codeKey, fontFilesKey, hashOf } from './cache-key.js';
import { resolveBuildDate, type BuildContext } from './context.js';
import type { DiskCache } from './disk-cache.js';
import { NO_MEMO, type ByteCache, type StepMemo } from './memo.js';

// The writers and what they load (pdfkit, fontkit, sharp) are imported when a PDF or an EPUB
// is made, never for check, lint or export onix.
const pdfWriter = () => import('../writers/pdf/index.js');
const epubWriter = () => import('../writers/epub/index.js');

export interface SessionOptions {
  /** Book project directory (holds book.yaml). */
  dir: string;
  env?: NodeJS.ProcessEnv;
  /** Today's date for the rules that need it. */
  rules?: RuleContext;
  /** The cache across runs; without one every step computes. */
  cache?: DiskCache;
  /** Threads that compose chapters with this one (src/pipeline/compose-pool.ts); without: all here. */
  pool?: ChapterPool;
  /**
   * The book as another thread parsed it from this project's text, or undefined (its text was
   * other than `project`'s, or it did not parse): then it is parsed here (the worker beside the PDF).
   */
  parsedElsewhere?: (project: LoadedProject) => Promise<ParsedBook | undefined>;
}

/** A parsed book and the diagnostics of parsing it (not of loading the project). */
export interface ParsedBook {
  book: Book;
  diagnostics: Diagnostic[];
}

type Loaded = Awaited<ReturnType<typeof loadProject>>;

export interface CheckedProject {
  book?: Book;
  /** book.yaml with positions, for rules that run after the build (page count). */
  metaSource?: YamlSource;
  diagnostics: Diagnostic[];
}

export interface LaidOut {
  /** The book with 印张 computed from the page count when book.yaml leaves it out. */
  final: Book;
  pdf: PdfOutput;
}

export class BuildSession {
  readonly dir: string;
  private readonly steps = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SessionOptions) {
    this.dir = path.resolve(options.dir);
  }

  private once<T>(name: string, compute: () => Promise<T>): Promise<T> {
    let step = this.steps.get(name) as Promise<T> | undefined;
    if (!step) {
      step = compute();
      this.steps.set(name, step);
    }
    return step;
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  /** book.yaml, the book's design and every chapter's text. */
  loaded(): Promise<Loaded> {
    return this.once('loaded', () => loadProject(this.dir, this.options.rules));
  }

  /**
   * book.yaml and the design alone, checked: no chapter is read, parsed or linted (`export
   * onix`). The project it returns has no chapter texts.
   */
  metadata(): Promise<{ meta?: BookMetadata; diagnostics: Diagnostic[] }> {
    return this.once('metadata', async () => {
      const { project, diagnostics } = this.steps.has('loaded') ? await this.loaded() : await loadProject(this.dir, this.options.rules, { chapters: false });
      if (!project) return { diagnostics };
      const format = await printFormatDiagnostics(project.meta, project.metaSource, { overrides: project.design, source: project.designSource });
      return { meta: project.meta, diagnostics: [...diagnostics, ...format] };
    });
  }

  /** The font config: the project's fonts.yaml or hanpress's. */
  fonts(): Promise<BuildContext['fonts']> {
    return this.once('fonts', () => loadFontConfig(this.dir, this.env));
  }

  /**
   * What every cache key starts from: hanpress's code, book.yaml, the book's design and the
   * font files. A change to any of them can change every chapter's result.
   */
  private caches(project: LoadedProject): Promise<{ memo: StepMemo; pageCache?: ByteCache; zipCache?: ByteCache }> {
    return this.once('caches', async () => {
      const cache = this.options.cache;
      if (!cache) return { memo: NO_MEMO };
      const fonts = await this.fonts().catch(() => undefined);
      const settings = hashOf(codeKey(), project.metaSource.text, project.design ?? null, fonts ?? null, fontFilesKey(fonts));
      return { memo: cache.memo(settings), pageCache: cache.bytes(settings, 'pdf-page', { packed: true }), zipCache: cache.bytes(settings, 'epub-zip') };
    });
  }

  private async memo(project: LoadedProject): Promise<StepMemo> {
    return (await this.caches(project)).memo;
  }

  /** The typed book: every chapter parsed (from the cache when its text is unchanged). */
  book(): Promise<{ book?: Book; metaSource?: YamlSource; loadDiagnostics: Diagnostic[]; diagnostics: Diagnostic[] }> {
    return this.once('book', async () => {
      const loaded = await this.loaded();
      if (!loaded.project) return { loadDiagnostics: loaded.diagnostics, diagnostics: [] };
      const given = await this.options.parsedElsewhere?.(loaded.project);
      if (given) return { ...given, metaSource: loaded.project.metaSource, loadDiagnostics: loaded.diagnostics };
      const memo = await this.memo(loaded.project);
      const parse: ChapterParser = (source, id) =>
        memo.get('parse', { body: source.body, file: source.file, offset: source.bodyLineOffset, id }, () => parseChapterBody(source.body, source.file, source.bodyLineOffset, id));
      const { book, diagnostics } = assembleBook(loaded.project, parse);
      return { book, metaSource: loaded.project.metaSource, loadDiagnostics: loaded.diagnostics, diagnostics };
    });
  }

  /** How many characters the chapter files hold (what decides whether work goes to another process). */
  async characters(): Promise<number> {
    const { project } = await this.loaded();
    return project ? [...project.markdown.values()].reduce((n, source) => n + source.text.length, 0) : 0;
  }

  /** Lint of every chapter as check and build report it (cached per chapter text). */
  private lint(project: LoadedProject, memo: StepMemo): Diagnostic[] {
    const levels = lintLevels(project.meta.lint, 'warning');
    return [...project.markdown.values()].flatMap((source) => {
      const input = { file: source.file, text: source.text, bodyLineOffset: source.bodyLineOffset };
      const linted = memo.get('lint', { input, levels }, () => lintMarkdown(input, levels));
      return [...linted.diagnostics, ...linted.findings.map((f) => f.diagnostic)];
    });
  }

  /** Everything `check` reports and `build` checks before it writes. */
  checked(): Promise<CheckedProject> {
    return this.once('checked', async () => {
      const { book, metaSource, loadDiagnostics, diagnostics } = await this.book();
      const project = (await this.loaded()).project;
      if (!book || !project || !metaSource) return { diagnostics: loadDiagnostics };
      return {
        book,
        metaSource,
        diagnostics: [
          ...loadDiagnostics,
          ...(await unlistedMarkdown(this.dir, project.meta)),
          ...diagnostics,
          ...(await imageDiagnostics(book)),
          ...(await coverDiagnostics(this.dir)),
          ...(await printFormatDiagnostics(book.meta, metaSource, { overrides: project.design, source: project.designSource })),
          ...manuscriptDiagnostics(book, metaSource),
          ...this.lint(project, await this.memo(project)),
          ...missingCharDiagnostics(project.markdown.values()),
          ...(await projectGlyphCoverage(book)),
        ],
      };
    });
  }

  /** The date and fonts every writer reads, and the cache the stages ask. */
  context(book: Book): Promise<BuildContext> {
    return this.once('context', async () => {
      const loaded = await this.loaded();
      return {
        buildDate: resolveBuildDate(this.env, book.meta.edition.date),
        fonts: await this.fonts(),
        ...(loaded.project ? await this.caches(loaded.project) : {}),
        ...(this.options.pool ? { pool: this.options.pool } : {}),
      };
    });
  }

  /** The generated pages of a book's metadata (title, copyright, board). */
  front(meta: BookMetadata): FrontPages {
    return deriveFrontPages(meta);
  }

  /**
   * The screen PDF. A book that leaves 印张 out gets it from the page count: the number printed
   * on the copyright page cannot change how many pages there are, so one more render with the
   * computed value is final. `laidOut` hears the final book and its pagination as soon as the
   * pages are set, before they are drawn (the EPUB beside the PDF needs no more). `keepPages`:
   * the final PDF keeps its set pages (PdfOutput.typeset) for the print book block.
   */
  print(book: Book, laidOut?: (final: Book, pagination: PrintPagination) => boolean | undefined, keepPages = false): Promise<LaidOut> {
    return this.once('print', async () => layOutPrint(book, await this.context(book), laidOut, keepPages));
  }

  /** The PDF rendered with other options (the print book block: ink and crop marks). */
  async pdf(book: Book, options: PdfOptions): Promise<PdfOutput> {
    const { writePdf } = await pdfWriter();
    return writePdf(book, this.front(book.meta), await this.context(book), options);
  }

  /** The EPUB of the final book, with the print edition's page-list when there is one. */
  async epub(book: Book, pagination?: PrintPagination): Promise<Uint8Array> {
    const { writeEpub } = await epubWriter();
    return writeEpub(book, this.front(book.meta), await this.context(book), pagination);
  }
}

async function layOutPrint(book: Book, ctx: BuildContext, laidOut: ((final: Book, pagination: PrintPagination) => boolean | undefined) | undefined, keepPages: boolean): Promise<LaidOut> {
  const { writePdf } = await pdfWriter();
  const known = book.meta.print.sheets !== undefined;
  const first = await writePdf(book, deriveFrontPages(book.meta), ctx, { ...(known && laidOut ? { paginated: (pagination: PrintPagination) => laidOut(book, pagination) } : {}), keepPages: known && keepPages });
  if (known) return { final: book, pdf: first };
  const sheets = sheetsForPages(first.pageCount, book.meta.print.fold);
  const final: Book = { ...book, meta: { ...book.meta, print: { ...book.meta.print, sheets } } };
  return { final, pdf: await writePdf(final, deriveFrontPages(final.meta), ctx, { ...(laidOut ? { paginated: (pagination: PrintPagination) => laidOut(final, pagination) } : {}), keepPages }) };
}
