import path from 'node:path';
import { checkProject } from '../../build/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { errorCount, onlyPositionals, parseFormat, printDiagnostics, type Command, type Io } from '../io.js';

function checkSummary(diagnostics: Diagnostic[], dir: string, io: Io): string {
  const errors = errorCount(diagnostics);
  if (diagnostics.length === 0) return `${path.relative(io.cwd, dir) || '.'}: no errors`;
  return `\n${errors} error(s), ${diagnostics.length - errors} warning(s)`;
}

export const checkCommand: Command = {
  name: 'check',
  usage: `  hanpress check [dir] [--format text|json|github] [--strict]
                                          validate the book without building; --strict fails on warnings`,
  options: { format: { type: 'string' }, strict: { type: 'boolean' } },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    const format = parseFormat(values.format);
    const { diagnostics } = await checkProject(dir);
    printDiagnostics(diagnostics, format, dir, io);
    if (format === 'text') io.err(checkSummary(diagnostics, dir, io));
    if (format === 'json' && diagnostics.length === 0) io.out('[]');
    const failing = values.strict === true ? diagnostics.length : errorCount(diagnostics);
    return failing > 0 ? 1 : 0;
  },
};
