/**
 * `hanpress build --watch`: a build, then one more after every save, in one warm process. Each
 * rebuild is a new build session (it sees the project as saved) sharing one cache across runs,
 * whose entries of the last build stay in memory, so only the edited chapters are worked
 * again. Outputs are written all-or-nothing as by every build; a save that breaks the book
 * reports its positioned errors, leaves the out folder as it was, and the watch goes on.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildBook, type BuildOptions, type OneOutputReport } from './build.js';
import { DiskCache } from './disk-cache.js';
import { CACHE_DIR } from './print-cache.js';

export type WatchEvent =
  | { kind: 'built'; changed: string[]; report: OneOutputReport; milliseconds: number }
  | { kind: 'failed'; changed: string[]; diagnostics: Diagnostic[]; milliseconds: number };

export interface WatchOptions extends BuildOptions {
  /** Ends the watch (Ctrl-C in the CLI). */
  signal: AbortSignal;
  /** Saves closer together than this make one rebuild (editors write a file in steps). */
  settleMs?: number;
}

/** Folders and files whose changes are not the book's: outputs, the cache, editors' temporaries. */
export function ignoredChange(relative: string, outDirRelative: string | undefined): boolean {
  const parts = relative.split(/[\\/]/);
  if (parts.some((p) => p.startsWith('.') || p === 'node_modules' || p === 'dist')) return true;
  if (parts[0] === CACHE_DIR) return true;
  const name = parts.at(-1) ?? '';
  if (name.endsWith('~') || /\.(swp|swx|tmp)$/.test(name) || name.startsWith('#')) return true;
  if (outDirRelative && !outDirRelative.startsWith('..') && (relative === outDirRelative || relative.startsWith(`${outDirRelative}${path.sep}`))) return true;
  return false;
}

async function once(options: BuildOptions, changed: string[]): Promise<WatchEvent> {
  const started = performance.now();
  try {
    const report = await buildBook(options);
    return { kind: 'built', changed, report, milliseconds: performance.now() - started };
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    return { kind: 'failed', changed, diagnostics: error.diagnostics, milliseconds: performance.now() - started };
  }
}

/** Resolves when `signal` aborts; rejects only on a bug (an error that is not a BuildFailure). */
export async function watchBuild(options: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
  const dir = path.resolve(options.dir);
  const cache = options.cache === false ? false : (options.cache ?? new DiskCache(dir));
  const buildOptions: BuildOptions = { ...options, dir, cache };
  const outRelative = path.relative(dir, path.resolve(options.outDir));
  const pending = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failure: unknown;
  let watcher: FSWatcher | undefined;

  return new Promise<void>((resolve, reject) => {
    const finish = (): void => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      void (running ?? Promise.resolve()).then(() => (failure === undefined ? resolve() : reject(failure)));
    };
    const run = (changed: string[]): void => {
      running = once(buildOptions, changed)
        .then((event) => {
          if (!options.signal.aborted) onEvent(event);
        })
        .catch((error: unknown) => {
          failure = error;
          finish();
        })
        .finally(() => {
          running = undefined;
          // Saves during the build make one more.
          if (pending.size > 0 && !options.signal.aborted && failure === undefined) schedule();
        });
    };
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (running) return;
        const changed = [...pending].sort();
        pending.clear();
        run(changed);
      }, options.settleMs ?? 150);
    };
    if (options.signal.aborted) return resolve();
    options.signal.addEventListener('abort', finish, { once: true });
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (!file) return;
      const relative = String(file);
      if (ignoredChange(relative, outRelative)) return;
      pending.add(relative.split(path.sep).join('/'));
      schedule();
    });
    run([]);
  });
}
