/**
 * Chapter composition in worker threads (issue #10: composition per chapter is pure). The
 * build's thread and its helpers take chapters from one shared counter, so a thread that
 * starts late or runs slowly simply takes fewer; a helper's section comes back as the cache's
 * data and goes through the same codec as a cache hit, so the book is the same byte for byte.
 * A helper that fails (or cannot start) only loses its chapters to the build's thread, which
 * composes whatever did not come back — an error in a chapter then surfaces there, as it
 * would without the pool.
 *
 * Helpers are threads of their own, as many as the build's threads leave: the thread beside the
 * PDF (src/pipeline/beside.ts), when there is one, takes one. It does not compose: measured on
 * two cores, a chapter composed in another thread costs about three times its CPU time (the
 * new thread compiles the composer's hot code again, fills its own glyph tables, and the
 * section is copied back), so splitting the work by stage — checks and EPUB beside the PDF —
 * gains more than splitting the composition (docs/build.md, "Both cores").
 */
import type { Worker } from 'node:worker_threads';
import type { ChapterPool, ComposeJob, ComposeSettings } from '../typeset/cached-chapter.js';
import { startWorker } from './threads.js';

/**
 * Fewer characters than this to compose are done in the build's thread: a helper needs
 * about 0.1–0.3 s before its first chapter (loading the typesetting modules, opening the
 * faces), and each section it sends costs the build's thread time to receive.
 */
export const POOL_FROM = 100_000;

/** What a helper is given: the chapters (in the shared counter's order) and the settings. */
export interface ComposeWork {
  settings: ComposeSettings;
  jobs: ComposeJob[];
  /** Int32Array over a SharedArrayBuffer: the next index to take. */
  counter: Int32Array;
}

export interface FromComposer {
  k: number;
  section: unknown;
}

export interface PoolOptions {
  /** Threads in all, the build's included (1: everything here). */
  threads: number;
  /** The book's characters: with the share of chapters to compose, whether helpers pay for their start. */
  characters: () => Promise<number>;
  /** Threads the build uses for other work meanwhile (the one beside the PDF). */
  busy?: () => number;
  /** Characters from which helpers are used (default POOL_FROM). */
  from?: number;
  /** false: the build's thread leaves every chapter to the helpers unless they fail (tests). */
  takeHere?: boolean;
}

export class ComposePool implements ChapterPool {
  /** Chapters other threads composed so far (the build report's count). */
  elsewhere = 0;

  constructor(private readonly options: PoolOptions) {}

  async compose(jobs: readonly ComposeJob[], pending: readonly number[], settings: ComposeSettings, here: (index: number) => void): Promise<ReadonlyMap<number, unknown>> {
    const threads = this.options.threads - (this.options.busy?.() ?? 0);
    const work = jobs.length === 0 ? 0 : ((await this.options.characters()) * pending.length) / jobs.length;
    const helpers = work < (this.options.from ?? POOL_FROM) ? 0 : Math.min(threads - 1, pending.length - 1);
    const done = new Set<number>();
    const results = new Map<number, unknown>();
    const take = (m: FromComposer): void => void results.set(pending[m.k] as number, m.section);
    if (helpers > 0) {
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const data: ComposeWork = { settings, jobs: pending.map((i) => jobs[i] as ComposeJob), counter };
      const running = Array.from({ length: helpers }, () => finished(() => startWorker('compose-worker', data), take));
      for (let k = this.options.takeHere === false ? pending.length : Atomics.add(counter, 0, 1); k < pending.length; k = Atomics.add(counter, 0, 1)) {
        const index = pending[k] as number;
        here(index);
        done.add(index);
      }
      await Promise.all(running);
    }
    // What no helper sent back (none started, one failed) is composed here.
    for (const index of pending) if (!done.has(index) && !results.has(index)) here(index);
    this.elsewhere += results.size;
    return results;
  }
}

/** Resolves when the worker has ended, however it ended; `take` hears each section it sent. */
function finished(start: () => Worker, take: (message: FromComposer) => void): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = start();
    } catch {
      resolve();
      return;
    }
    worker.on('message', take);
    worker.on('error', () => {});
    worker.on('exit', () => resolve());
  });
}
