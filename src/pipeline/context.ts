/**
 * Per-build settings every stage may read. No module-level state: a build gets one of these.
 */
import type { FontConfig } from '../fonts/config.js';

export interface BuildContext {
  /** The date written into outputs (dcterms:modified, PDF dates, zip entries). */
  buildDate: Date;
  fonts: FontConfig;
}

/** Honours SOURCE_DATE_EPOCH (reproducible-builds.org); otherwise the edition date. */
export function resolveBuildDate(env: NodeJS.ProcessEnv, editionDate: string): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const [year, month] = editionDate.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
}
