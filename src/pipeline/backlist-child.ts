/**
 * One book of a backlist, in its own process (src/pipeline/backlist.ts forks it): builds the
 * book and sends its outcome to the parent as data. Its own process gives each book its own
 * core and its own memory, and a book that crashes takes only itself down.
 */
import { BuildFailure } from '../diagnostics/diagnostic.js';
import { buildBook, type BuildOptions } from './build.js';
import type { BookOutcome } from './backlist.js';

type Job = Pick<BuildOptions, 'dir' | 'outDir' | 'print' | 'only' | 'env' | 'threads'> & { noCache?: boolean };

async function run(job: Job): Promise<BookOutcome> {
  try {
    const report = await buildBook({ ...job, ...(job.noCache ? { cache: false as const } : {}) });
    return { kind: 'built', dir: job.dir, report };
  } catch (error) {
    if (error instanceof BuildFailure) return { kind: 'failed', dir: job.dir, diagnostics: error.diagnostics };
    return { kind: 'crashed', dir: job.dir, message: error instanceof Error ? error.message : String(error) };
  }
}

process.once('message', (job: Job) => {
  void run(job).then((outcome) => process.send?.(outcome, () => process.disconnect()));
});
