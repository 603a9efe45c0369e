/**
 * The thread beside the PDF (src/pipeline/beside.ts starts it): its own build session on the
 * same project reads the project's files while the build's thread parses them, and takes the
 * book that thread parsed when it was parsed from the same text (parsing it again cost this
 * thread a quarter of a second); it subsets the EPUB's fonts (in a thread of its own) while it
 * checks the book, draws its generated cover (none of which needs the pagination), and makes
 * the EPUB when the PDF's pagination arrives. The EPUB's modules (its writers, the font
 * subsetter …) load once the book is there, and are held only once they are needed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Book } from '../model/book.js';
import type { epubFonts } from '../writers/epub/index.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BesideJob, EpubOrder, FromBeside, ToBeside } from './beside.js';
import { projectKey } from './beside.js';
import { DiskCache } from './disk-cache.js';
import { hashOf } from './cache-key.js';
import { NO_MEMO, type StepMemo } from './memo.js';
import { BuildSession, type ParsedBook } from './session.js';
import type { LoadedProject } from '../load/project.js';

const job = workerData as BesideJob;
const send = (message: FromBeside, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);

/** The first message of each kind, as a promise. */
function next<K extends ToBeside['kind']>(kind: K): Promise<Extract<ToBeside, { kind: K }>> {
  return new Promise((resolve) => {
    const hear = (message: ToBeside): void => {
      if (message.kind !== kind) return;
      parentPort?.off('message', hear);
      resolve(message as Extract<ToBeside, { kind: K }>);
    };
    parentPort?.on('message', hear);
  });
}

/**
 * The EPUB's font subsets and generated cover are made before the pagination arrives and asked
 * for again by writeEpub: this build's answers are kept in memory in front of the cache across
 * runs (or of none, with --no-cache), so they are made, or read, once.
 */
function keptMemo(memo: StepMemo): StepMemo {
  const made = new Map<string, Promise<unknown>>();
  return {
    ...memo,
    getAsync: <T>(step: string, inputs: unknown, compute: () => Promise<T>): Promise<T> => {
      const key = hashOf(step, inputs);
      let value = made.get(key) as Promise<T> | undefined;
      if (!value) made.set(key, (value = memo.getAsync(step, inputs, compute)));
      return value;
    },
  };
}

function withSheets(book: Book, order: EpubOrder): Book {
  if (book.meta.print.sheets !== undefined || order.sheets === undefined) return book;
  return { ...book, meta: { ...book.meta, print: { ...book.meta.print, sheets: order.sheets } } };
}

/**
 * What the EPUB needs besides the pagination, begun before the checks: the font subsets — in a
 * thread of their own, whose end frees harfbuzz's memory (about 100 MB that stayed here until
 * this thread ended), so it subsets while this thread checks — and meanwhile the generated
 * cover (Pango's text layers and a 1600×2400 composite, drawn by libvips' threads). Resolves
 * once the subsetting thread runs (or the fonts came from the cache); `made` once both are
 * made; `fonts` with the subsets, for writeEpub.
 */
async function epubPrelude(session: BuildSession, book: Book): Promise<{ ctx: Awaited<ReturnType<BuildSession['context']>>; made: Promise<void>; fonts: Promise<Awaited<ReturnType<typeof epubFonts>>> }> {
  const base = await session.context(book);
  const ctx = { ...base, memo: keptMemo(base.memo ?? NO_MEMO) };
  const front = session.front(book.meta);
  let started = (): void => {};
  const running = new Promise<void>((resolve) => (started = resolve));
  const fonts = import('../writers/epub/index.js').then(({ epubFonts }) => epubFonts(book, front, ctx, { thread: true, started }));
  fonts.catch(() => undefined);
  // Begun after the subsets, the cover's last steps came after the pagination, when the EPUB
  // (and so the build) waited for them.
  const cover = (async (): Promise<void> => {
    const { COVER_FILE, coverImage } = await import('../images/cover.js');
    if (!existsSync(path.join(book.root, COVER_FILE))) await coverImage(book.root, front.titlePage, ctx.fonts, ctx.memo);
  })();
  const made = (async (): Promise<void> => {
    const { deflateAhead } = await import('../writers/epub/zip.js');
    const { fonts: subsets } = await fonts;
    started();
    await cover;
    // The subsets' deflated bytes for the zip, made while this thread would wait for the
    // pagination, not after it, when the EPUB is the last thing the build waits for.
    for (const font of subsets.fonts) deflateAhead(font.bytes, ctx.zipCache);
  })();
  // A failure surfaces when the EPUB is made (awaited below: the worker fails, and the build's
  // thread makes the EPUB and reports it).
  made.catch(() => started());
  await running;
  return { ctx, made, fonts };
}

async function run(): Promise<void> {
  const epubOrder = next('epub');
  const cache = job.cache ? new DiskCache(job.dir) : undefined;
  // The build's thread parses the same project: its book is taken when made from the same text.
  const given = next('book');
  const parsedElsewhere = async (project: LoadedProject): Promise<ParsedBook | undefined> => {
    const { source, parsed } = await given;
    return source === projectKey(project) ? parsed : undefined;
  };
  const session = new BuildSession({ dir: job.dir, env: job.env, parsedElsewhere, ...(cache ? { cache } : {}) });
  const parsed = await session.book();
  const parses = parsed.book !== undefined && ![...parsed.loadDiagnostics, ...parsed.diagnostics].some((d) => d.severity === 'error');
  const prelude = job.epub && parses && parsed.book ? await epubPrelude(session, parsed.book) : undefined;
  const { book, diagnostics } = await session.checked();
  const loaded = await session.loaded();
  send({ kind: 'checked', diagnostics, source: loaded.project ? projectKey(loaded.project) : '' });
  if (prelude && book && !diagnostics.some((d) => d.severity === 'error')) {
    const { ctx } = prelude;
    const [{ writeEpub }, { verifyEpub }] = await Promise.all([import('../writers/epub/index.js'), import('../verify/verify.js')]);
    const { order } = await epubOrder;
    const final = withSheets(book, order);
    // The pagination may come before the subsets are made: the documents are made meanwhile,
    // and the zip waits for the subsets deflated ahead (prelude.made).
    const begun = { ready: prelude.made, ...(final === book ? { fonts: prelude.fonts } : {}) };
    const bytes = await writeEpub(final, session.front(final.meta), ctx, order.pagination, begun);
    send({ kind: 'epub', bytes, verified: verifyEpub(bytes) }, [bytes.buffer as ArrayBuffer]);
  }
  const keys = cache?.usedKeys() ?? [];
  await cache?.flush({ prune: false });
  send({ kind: 'keys', keys });
  parentPort?.close();
}

void run();
