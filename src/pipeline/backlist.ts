/**
 * A backlist: `hanpress build book-a/ book-b/ …` (what the shell makes of a glob over a books
 * folder) builds many books in one run, one process per book and as many at once as the machine
 * has cores. Each book is an ordinary build (its own cache, its own out folder);
 * a book that fails is reported and the others go on.
 */
import os from 'node:os';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildOptions, OneOutputReport } from './build.js';
import { forkOnce, siblingModule } from './fork.js';

export type BookOutcome =
  | { kind: 'built'; dir: string; report: OneOutputReport }
  | { kind: 'failed'; dir: string; diagnostics: Diagnostic[] }
  /** A bug (or the process died): the message, for a one-line report. */
  | { kind: 'crashed'; dir: string; message: string };

export interface BacklistOptions extends Pick<BuildOptions, 'print' | 'only' | 'env'> {
  dirs: string[];
  /** Each book's out folder. */
  outDirOf: (dir: string) => string;
  noCache?: boolean;
  /** Books built at once (default: the number of cores). */
  jobs?: number;
}

const CHILD = siblingModule('backlist-child');

async function buildOne(dir: string, options: BacklistOptions, threads: number): Promise<BookOutcome> {
  const job = { dir, outDir: options.outDirOf(dir), print: options.print, only: options.only, env: options.env, noCache: options.noCache, threads };
  const result = await forkOnce<BookOutcome>(CHILD, job, { ...process.env, ...options.env });
  return result.ok ? result.message : { kind: 'crashed', dir, message: `the build ${result.reason}` };
}

/** Builds every book, `jobs` at a time; `onBook` hears each as it finishes. Outcomes in the order of `dirs`. */
export async function buildBacklist(options: BacklistOptions, onBook: (outcome: BookOutcome) => void): Promise<BookOutcome[]> {
  const cores = options.jobs ?? os.availableParallelism();
  const jobs = Math.max(1, Math.min(cores, options.dirs.length));
  // The cores the books at once leave over go to each book's threads.
  const threads = Math.max(1, Math.floor(cores / jobs));
  const outcomes: BookOutcome[] = new Array<BookOutcome>(options.dirs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.dirs.length) {
      const i = next++;
      const outcome = await buildOne(options.dirs[i] as string, options, threads);
      outcomes[i] = outcome;
      onBook(outcome);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return outcomes;
}
