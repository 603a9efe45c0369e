/**
 * `hanpress preflight <file.pdf> [--cover] [--format text|json|github]`: checks a PDF against
 * the PDF/X rules a printing house's preflight rejects first (src/print/preflight). Exit 1
 * while an error-level finding remains.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { preflight, type PreflightReport } from '../../print/preflight/index.js';
import { printDiagnostics } from '../output.js';
import { errorCount, FORMAT_OPTION, onlyPositionals, OUTPUT_OPTIONS, outputSettings, UsageError, type CommandSpec, type Io } from '../io.js';

function summary(report: PreflightReport, file: string, io: Io): string {
  const errors = errorCount(report.findings);
  const what = `${path.relative(io.cwd, file)}: ${report.pdfx ?? 'not PDF/X'}, ${report.pages} page(s)`;
  if (report.findings.length === 0) return `${what}: preflight passed`;
  return `${what}: ${errors} error(s), ${report.findings.length - errors} warning(s)`;
}

export const preflightCommand: CommandSpec = {
  options: {
    format: FORMAT_OPTION,
    cover: { type: 'boolean', description: 'the PDF is a cover (spine and flaps), not the book block' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const settings = outputSettings(values, io, io.cwd);
    const format = settings.format;
    if (positionals[0] === undefined) throw new UsageError('preflight needs a PDF file, e.g. hanpress preflight dist/book-print.pdf.');
    const file = path.resolve(io.cwd, positionals[0]);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      printDiagnostics([diagnostic('preflight/unreadable', { message: `Cannot read ${path.relative(io.cwd, file)} (${reason}).` })], settings, io);
      return 1;
    }
    const report = await preflight(bytes, { file: path.relative(io.cwd, file), cover: values.cover === true });
    printDiagnostics(report.findings, settings, io);
    if (format === 'text') (report.findings.length === 0 ? io.out : io.err)(summary(report, file, io));
    return errorCount(report.findings) > 0 ? 1 : 0;
  },
};
