import path from 'node:path';
import { writeOutputsAtomically } from '../../pipeline/output.js';
import { exportOnix } from '../../export/onix.js';
import { printDiagnostics } from '../output.js';
import { findProject } from '../project.js';
import { onlyPositionals, OUTPUT_OPTIONS, outputSettings, reportFailure, shown, stringOption, UsageError, type CommandSpec } from '../io.js';

export const exportCommand: CommandSpec = {
  details: 'book.yaml and the design are checked first (the chapters are not read); nothing is exported while they have errors.',
  options: {
    out: { type: 'string', short: 'o', value: '<file>', description: 'write the record to this file (default: stdout)' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    const [kind, dirArg] = positionals;
    if (kind !== 'onix') {
      throw new UsageError(kind === undefined ? 'Missing export format: use onix.' : `Unknown export format ${kind}: use onix.`);
    }
    onlyPositionals(positionals, 2);
    const dir = findProject(dirArg, io.cwd);
    const outFile = stringOption(values, 'out');
    const settings = outputSettings(values, io, dir);
    return reportFailure('export', settings, io, async () => {
      const { xml, diagnostics } = await exportOnix(dir, io.env);
      printDiagnostics(diagnostics, settings, io);
      if (outFile === undefined) {
        io.out(xml.replace(/\n$/, ''));
        return 0;
      }
      const target = path.resolve(io.cwd, outFile);
      await writeOutputsAtomically([{ path: target, bytes: Buffer.from(xml, 'utf8') }]);
      io.out(`exported ${shown(target, io)}`);
      return 0;
    });
  },
};
