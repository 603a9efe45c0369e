/**
 * A composition thread of the pool (src/pipeline/compose-pool.ts): opens the book's faces, takes
 * chapters one at a time from the counter every thread shares and sends each composed section
 * back as the cache's data, until none is left; then it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeSection } from '../typeset/cached-chapter.js';
import { chapterSection } from '../typeset/chapter.js';
import { FontBook } from '../typeset/fonts.js';
import { flowContext } from '../typeset/index.js';
import type { ComposeWork, FromComposer } from './compose-pool.js';

const { settings, jobs, counter } = workerData as ComposeWork;
const cx = flowContext(new FontBook(settings.fonts), settings.design, settings.geometry, settings.images);
for (let k = Atomics.add(counter, 0, 1); k < jobs.length; k = Atomics.add(counter, 0, 1)) {
  const job = jobs[k];
  if (job) parentPort?.postMessage({ k, section: encodeSection(chapterSection(job.chapter, cx, job.options)) } satisfies FromComposer);
}
