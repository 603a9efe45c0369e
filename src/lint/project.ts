/**
 * Lint over a loaded book project: every Markdown file in the reading order. `hanpress lint`
 * uses each rule's own level; `check` and `build` report every rule as a warning unless
 * book.yaml's `lint:` sets the rule's level itself.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedProject } from '../load/project.js';
import { lintLevels, lintMarkdown, type LintedFinding } from './lint.js';

export interface FileLint {
  file: string;
  text: string;
  findings: LintedFinding[];
  diagnostics: Diagnostic[];
}

export type LintMode = 'lint' | 'check';

export function lintFiles(project: LoadedProject, mode: LintMode): FileLint[] {
  const levels = lintLevels(project.meta.lint, mode === 'check' ? 'warning' : undefined);
  return [...project.markdown.values()].map((source) => {
    const input = { file: source.file, text: source.text, bodyLineOffset: source.bodyLineOffset };
    return { file: source.file, text: source.text, ...lintMarkdown(input, levels) };
  });
}

/** Every lint diagnostic of the project, as `check` and `build` report them. */
export function lintProject(project: LoadedProject, mode: LintMode = 'check'): Diagnostic[] {
  return lintFiles(project, mode).flatMap((f) => [...f.diagnostics, ...f.findings.map((x) => x.diagnostic)]);
}
