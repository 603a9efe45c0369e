/**
 * Per-build settings every stage may read. No module-level state: a build gets one of these.
 */
import type { FontConfig } from '../fonts/config.js';
import type { ByteCache, StepMemo } from './memo.js';
import type { ChapterPool } from '../typeset/cached-chapter.js';

export interface BuildContext {
  /** The date written into outputs (dcterms:modified, PDF dates, zip entries). */
  buildDate: Date;
  fonts: FontConfig;
  /** Per-chapter work answered from the cache across runs (src/pipeline/memo.ts); absent: computed. */
  memo?: StepMemo;
  /** The PDF writer's page content streams by key, kept in the same cache. */
  pageCache?: ByteCache;
  /** The EPUB's deflated entries by content (src/writers/epub/zip.ts), kept in the same cache. */
  zipCache?: ByteCache;
  /** Worker threads that compose chapters (a big book on a machine with more than one core). */
  pool?: ChapterPool;
}

/** Honours SOURCE_DATE_EPOCH (reproducible-builds.org); otherwise the edition date. */
export function resolveBuildDate(env: NodeJS.ProcessEnv, editionDate: string): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const [year, month] = editionDate.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
}
