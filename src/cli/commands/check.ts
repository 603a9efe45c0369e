import { checkProject } from '../../pipeline/check.js';
import { overWarningLimit, printDiagnostics, tally } from '../output.js';
import { findProject } from '../project.js';
import { errorCount, FORMAT_OPTION, onlyPositionals, OUTPUT_OPTIONS, outputSettings, shown, type CommandSpec } from '../io.js';

export const checkCommand: CommandSpec = {
  details: 'Exit code 0: no errors; 1: errors (or warnings with --strict, or more than --max-warnings); 2: a usage mistake.',
  options: {
    format: FORMAT_OPTION,
    strict: { type: 'boolean', description: 'fail on warnings too (exit code 1)' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = findProject(positionals[0], io.cwd);
    const settings = outputSettings(values, io, dir);
    const { diagnostics } = await checkProject(dir);
    printDiagnostics(diagnostics, settings, io);
    const errors = errorCount(diagnostics);
    if (settings.format === 'text') {
      const counted = tally(diagnostics, settings);
      if (errors > 0) io.err(`\n${counted ?? ''}`);
      else {
        if (counted) io.err('');
        io.out(`${shown(dir, io)}: no errors${counted ? `; ${counted.replace(/^0 errors, /, '')}` : ''}`);
      }
    }
    const over = overWarningLimit(diagnostics, settings, io);
    const failing = values.strict === true ? diagnostics.length : errors;
    return failing > 0 || over ? 1 : 0;
  },
};
