/**
 * A backlist: `hanpress build book-a/ book-b/ …` (what the shell makes of a glob over a books
 * folder) builds many books in one run, one process per book and as many at once as the machine
 * has cores. Each book is an ordinary build (its own cache, its own out folder);
 * a book that fails is reported and the others go on.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildOptions, OneOutputReport } from './build.js';

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

const CHILD = fileURLToPath(new URL(`./backlist-child${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * From the TypeScript sources (a checkout, the tests) the child needs tsx to load; compiled, it
 * does not. tsx is found from here, not from the folder the user runs in.
 */
function childExecArgv(): string[] {
  if (!CHILD.endsWith('.ts')) return [];
  const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs');
  return ['--import', pathToFileURL(tsx).href];
}

function buildOne(dir: string, options: BacklistOptions): Promise<BookOutcome> {
  return new Promise((resolve) => {
    const child = fork(CHILD, [], { execArgv: childExecArgv(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, ...options.env } });
    let outcome: BookOutcome | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('message', (message) => {
      outcome = message as BookOutcome;
    });
    child.on('exit', (code, signal) => {
      const last = stderr.trim().split('\n').at(-1) ?? '';
      resolve(outcome ?? { kind: 'crashed', dir, message: `the build process ended (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}` });
    });
    child.send({ dir, outDir: options.outDirOf(dir), print: options.print, only: options.only, env: options.env, noCache: options.noCache });
  });
}

/** Builds every book, `jobs` at a time; `onBook` hears each as it finishes. Outcomes in the order of `dirs`. */
export async function buildBacklist(options: BacklistOptions, onBook: (outcome: BookOutcome) => void): Promise<BookOutcome[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), options.dirs.length));
  const outcomes: BookOutcome[] = new Array<BookOutcome>(options.dirs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.dirs.length) {
      const i = next++;
      const outcome = await buildOne(options.dirs[i] as string, options);
      outcomes[i] = outcome;
      onBook(outcome);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return outcomes;
}
