import path from 'node:path';
import { makeProof, PageListError } from '../../proof/index.js';
import { onlyPositionals, printDiagnostics, reportFailure, stringOption, UsageError, type Command } from '../io.js';

export const proofCommand: Command = {
  name: 'proof',
  usage: [
    `  hanpress proof [dir] [--out <file.png>] [--pages <list>]`,
    `                                          PNG contact sheet of spreads of the PDF, for review (default: <slug>-proof.png)`,
  ].join('\n'),
  options: { out: { type: 'string', short: 'o' }, pages: { type: 'string' } },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    const pages = stringOption(values, 'pages');
    if (values.pages !== undefined && pages === undefined) throw new UsageError('--pages needs a list, e.g. --pages 1,2,17-18.');
    return reportFailure('proof', dir, io, async () => {
      const out = stringOption(values, 'out');
      try {
        const report = await makeProof({
          dir,
          // Without --out, makeProof names the file after the book's slug.
          ...(out === undefined ? {} : { out: path.resolve(io.cwd, out) }),
          env: io.env,
          ...(pages === undefined ? {} : { pages }),
          cwd: io.cwd,
        });
        printDiagnostics(report.diagnostics, 'text', dir, io);
        const spreads = report.spreads.map((s) => `  ${[s.left, s.right].filter(Boolean).join('–')}  ${s.labels.join(' · ')}`);
        io.out([`proof ${path.relative(io.cwd, report.out)}  ${report.spreads.length} spreads of ${report.pageCount} pages`, ...spreads].join('\n'));
        return 0;
      } catch (error) {
        if (error instanceof PageListError) throw new UsageError(error.message);
        throw error;
      }
    });
  },
};
