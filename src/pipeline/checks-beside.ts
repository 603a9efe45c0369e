/**
 * Both cores: while the main process lays out and draws the PDF, a second process runs the
 * checks (lint, images, glyph coverage …) and makes the EPUB's font subsets. A build whose
 * checks find an error writes nothing, as before; the PDF made meanwhile is dropped.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { forkOnce, siblingModule } from './fork.js';

export interface ChecksJob {
  dir: string;
  env: NodeJS.ProcessEnv;
}

export interface ChecksOutcome {
  diagnostics: Diagnostic[];
  /** Cache entries the checks used, so the main build's prune keeps them. */
  keys: string[];
}

const CHILD = siblingModule('checks-child');

/** Undefined when the second process could not do its work: the caller checks in-process. */
export async function checksBeside(job: ChecksJob): Promise<ChecksOutcome | undefined> {
  const result = await forkOnce<ChecksOutcome>(CHILD, job, { ...process.env, ...job.env });
  return result.ok ? result.message : undefined;
}
