/**
 * `hanpress lint [dir] [--format text|json|github] [--fix]`: punctuation and character usage of
 * the manuscript per GB/T 15834 / 15835. Exit 1 while an error-level finding remains.
 */
import path from 'node:path';
import { writeOutputsAtomically } from '../../pipeline/output.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fixMarkdown, type AppliedFix } from '../../lint/fix.js';
import { lintLevels } from '../../lint/lint.js';
import { lintFiles } from '../../lint/project.js';
import type { LoadedProject } from '../../load/project.js';
import { loadProject } from '../../load/project.js';
import { overWarningLimit, printDiagnostics, tally, type OutputSettings } from '../output.js';
import { findProject } from '../project.js';
import { errorCount, FORMAT_OPTION, onlyPositionals, OUTPUT_OPTIONS, outputSettings, shown, type CommandSpec, type Io } from '../io.js';

function summary(diagnostics: Diagnostic[], dir: string, settings: OutputSettings, io: Io): void {
  const counted = tally(diagnostics, settings);
  if (counted === undefined) io.out(`${shown(dir, io)}: no lint findings`);
  else io.err(`\n${counted}`);
}

/** Rewrites every file with safe fixes (all files at once, atomically) and lists the changes. */
async function fixProject(project: LoadedProject, dir: string, io: Io, say: (t: string) => void): Promise<void> {
  const levels = lintLevels(project.meta.lint);
  const outputs: { path: string; bytes: Uint8Array }[] = [];
  const lines: string[] = [];
  for (const source of project.markdown.values()) {
    const input = { file: source.file, text: source.text, bodyLineOffset: source.bodyLineOffset };
    const { text, applied } = fixMarkdown(input, levels);
    if (applied.length === 0) continue;
    const file = path.join(dir, source.file);
    outputs.push({ path: file, bytes: new TextEncoder().encode(text) });
    const shown = path.relative(io.cwd, file);
    lines.push(...applied.map((f: AppliedFix) => `fixed ${shown}:${f.line}:${f.column} ${f.code}: ${f.before} → ${f.after}`));
  }
  await writeOutputsAtomically(outputs);
  say(lines.length > 0 ? `${lines.join('\n')}\n${lines.length} fix(es) in ${outputs.length} file(s)` : 'nothing to fix');
}

export const lintCommand: CommandSpec = {
  options: {
    format: FORMAT_OPTION,
    fix: { type: 'boolean', description: 'rewrite the files with the fixes that cannot change meaning' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = findProject(positionals[0], io.cwd);
    const settings = outputSettings(values, io, dir);
    const format = settings.format;
    const loaded = await loadProject(dir);
    if (!loaded.project) {
      printDiagnostics(loaded.diagnostics, settings, io);
      return 1;
    }
    // With --format json stdout holds only the JSON, so what --fix changed goes to stderr.
    if (values.fix === true) await fixProject(loaded.project, dir, io, format === 'json' ? io.err : io.out);
    const project = values.fix === true ? ((await loadProject(dir)).project ?? loaded.project) : loaded.project;
    const diagnostics = lintFiles(project, 'lint').flatMap((f) => [...f.diagnostics, ...f.findings.map((x) => x.diagnostic)]);
    printDiagnostics(diagnostics, settings, io);
    if (format === 'text') summary(diagnostics, dir, settings, io);
    const over = overWarningLimit(diagnostics, settings, io);
    return errorCount(diagnostics) > 0 || over ? 1 : 0;
  },
};
