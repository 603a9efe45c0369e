import path from 'node:path';
import { makeProof, PageListError } from '../../proof/index.js';
import { printDiagnostics } from '../output.js';
import { findProject } from '../project.js';
import { onlyPositionals, OUTPUT_OPTIONS, outputSettings, reportFailure, shown, stringOption, UsageError, type CommandSpec } from '../io.js';

export const proofCommand: CommandSpec = {
  details: 'Lays the PDF out in memory (no EPUB or PDF is written). Default spreads: title page, copyright page, first TOC page, first part opener, the densest body spread, the first page with notes.',
  options: {
    out: { type: 'string', short: 'o', value: '<file.png>', description: 'the PNG to write (default: dist/<slug>-proof.png in the project)' },
    pages: { type: 'string', value: '<list>', description: 'the pages to show instead, e.g. 1,2,17-18' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = findProject(positionals[0], io.cwd);
    const settings = outputSettings(values, io, dir);
    const pages = stringOption(values, 'pages');
    if (values.pages !== undefined && pages === undefined) throw new UsageError('--pages needs a list, e.g. --pages 1,2,17-18.');
    return reportFailure('proof', settings, io, async () => {
      const out = stringOption(values, 'out');
      try {
        const report = await makeProof({
          dir,
          // Without --out, makeProof names the file after the book's slug.
          ...(out === undefined ? {} : { out: path.resolve(io.cwd, out) }),
          env: io.env,
          ...(pages === undefined ? {} : { pages }),
          // Without --out the sheet goes beside the build's outputs.
          cwd: path.join(dir, 'dist'),
        });
        printDiagnostics(report.diagnostics, settings, io);
        const spreads = report.spreads.map((s) => `  ${[s.left, s.right].filter(Boolean).join('–')}  ${s.labels.join(' · ')}`);
        io.out([`proof ${shown(report.out, io)}  ${report.spreads.length} spreads of ${report.pageCount} pages`, ...spreads].join('\n'));
        return 0;
      } catch (error) {
        if (error instanceof PageListError) throw new UsageError(error.message);
        throw error;
      }
    });
  },
};
