/**
 * The EPUB's font subsets made in a thread of their own that ends when they are made.
 * harfbuzz (WebAssembly) grows its memory to hold a CJK face and its subsetting plan, about
 * 100 MB for 水浒传's body face, and a WebAssembly memory never shrinks: made in the thread
 * beside the PDF, it stayed there while the build's thread drew the PDF's pages, the build's
 * peak of memory. A thread's memory goes with the thread.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkerModule } from '../pipeline/threads.js';

export interface SubsetJob {
  path: string;
  codePoints: number[];
  postscriptName?: string;
}

export interface FromSubsetter {
  index: number;
  bytes: Uint8Array;
}

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `subset-worker${path.extname(here)}`);
}

/**
 * Every job's subset, in order: made in the thread, or — when it cannot start, fails or ends
 * before the last — made by `here` (which then meets whatever the thread met, and reports it
 * as a subsetting in this thread would).
 */
export async function subsetInThread(jobs: SubsetJob[], here: (job: SubsetJob) => Promise<Uint8Array>, started?: () => void): Promise<Uint8Array[]> {
  const made: (Uint8Array | undefined)[] = jobs.map(() => undefined);
  await new Promise<void>((resolve) => {
    try {
      const worker = startWorkerModule(workerFile(), jobs);
      started?.();
      worker.on('message', (m: FromSubsetter) => void (made[m.index] = m.bytes));
      // A failure costs time, not the build: what the thread did not send is made here.
      worker.on('error', () => {});
      worker.on('exit', () => resolve());
    } catch {
      resolve();
    }
  });
  const all: Uint8Array[] = [];
  for (const [i, job] of jobs.entries()) all.push(made[i] ?? (await here(job)));
  return all;
}
