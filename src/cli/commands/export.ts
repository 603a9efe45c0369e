import path from 'node:path';
import { writeOutputsAtomically } from '../../build/output.js';
import { exportOnix } from '../../export/onix.js';
import { onlyPositionals, printDiagnostics, reportFailure, stringOption, UsageError, type Command } from '../io.js';

export const exportCommand: Command = {
  name: 'export',
  usage: `  hanpress export onix [dir] [--out <file>]
                                          write an ONIX 3.0 record of the print book (default: stdout)`,
  options: { out: { type: 'string', short: 'o' } },
  async run(positionals, values, io) {
    const [kind, dirArg] = positionals;
    if (kind !== 'onix') {
      throw new UsageError(kind === undefined ? 'Missing export format: use onix.' : `Unknown export format ${kind}: use onix.`);
    }
    onlyPositionals(positionals, 2);
    const dir = path.resolve(io.cwd, dirArg ?? '.');
    const outFile = stringOption(values, 'out');
    return reportFailure('export', dir, io, async () => {
      const { xml, diagnostics } = await exportOnix(dir, io.env);
      printDiagnostics(diagnostics, 'text', dir, io);
      if (outFile === undefined) {
        io.out(xml.replace(/\n$/, ''));
        return 0;
      }
      const target = path.resolve(io.cwd, outFile);
      await writeOutputsAtomically([{ path: target, bytes: Buffer.from(xml, 'utf8') }]);
      io.out(`exported ${path.relative(io.cwd, target)}`);
      return 0;
    });
  },
};
