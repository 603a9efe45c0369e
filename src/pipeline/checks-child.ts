/**
 * The checks beside the PDF, in a second process (src/pipeline/checks-beside.ts forks it): the
 * build session's check step — lint, images, glyph coverage … — and the EPUB's font subsets,
 * which need no pagination. The subsets reach the EPUB through the cache across runs; the
 * diagnostics and the cache keys this process used come back as data.
 */
import { epubFonts } from '../writers/epub/index.js';
import { DiskCache } from './disk-cache.js';
import type { ChecksJob, ChecksOutcome } from './checks-beside.js';
import { BuildSession } from './session.js';

async function run(job: ChecksJob): Promise<ChecksOutcome> {
  const cache = new DiskCache(job.dir);
  const session = new BuildSession({ dir: job.dir, env: job.env, cache });
  const { book, diagnostics } = await session.checked();
  if (book && !diagnostics.some((d) => d.severity === 'error')) await epubFonts(book, session.front(book.meta), await session.context(book));
  const keys = cache.usedKeys();
  await cache.flush({ prune: false });
  return { diagnostics, keys };
}

process.once('message', (job: ChecksJob) => {
  void run(job).then((outcome) => process.send?.(outcome, () => process.disconnect()));
});
