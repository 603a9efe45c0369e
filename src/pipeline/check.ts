/**
 * Everything `build` checks before it writes, usable alone by `hanpress check`: the build
 * session's check step (src/pipeline/session.ts), without a cache.
 */
import type { RuleContext } from '../validate/rules.js';
import { BuildSession, type CheckedProject } from './session.js';

export type { CheckedProject } from './session.js';

export async function checkProject(dir: string, cx?: RuleContext): Promise<CheckedProject> {
  return new BuildSession({ dir, ...(cx ? { rules: cx } : {}) }).checked();
}
