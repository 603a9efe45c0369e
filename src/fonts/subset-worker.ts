/**
 * A thread that subsets the EPUB's fonts (src/fonts/subset-thread.ts starts it): each face in
 * turn, its file read and let go before the next, each subset sent back as it is made; then it
 * ends, and harfbuzz's memory with it.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { subsetFont } from './subset.js';
import type { FromSubsetter, SubsetJob } from './subset-thread.js';

const jobs = workerData as SubsetJob[];
for (const [index, job] of jobs.entries()) {
  const bytes = await subsetFont(await readFile(job.path), job.codePoints, job.postscriptName);
  parentPort?.postMessage({ index, bytes } satisfies FromSubsetter, [bytes.buffer as ArrayBuffer]);
}
