/**
 * `hanpress preflight <file.pdf> [--cover] [--format text|json|github]`: checks a PDF against
 * the PDF/X rules a printing house's preflight rejects first (src/print/preflight). Exit 1
 * while an error-level finding remains.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { preflight, type PreflightReport } from '../../print/preflight/index.js';
import { errorCount, onlyPositionals, parseFormat, printDiagnostics, UsageError, type Command, type Io } from '../io.js';

function summary(report: PreflightReport, file: string, io: Io): string {
  const errors = errorCount(report.findings);
  const what = `${path.relative(io.cwd, file)}: ${report.pdfx ?? 'not PDF/X'}, ${report.pages} page(s)`;
  if (report.findings.length === 0) return `${what}: preflight passed`;
  return `${what}: ${errors} error(s), ${report.findings.length - errors} warning(s)`;
}

export const preflightCommand: Command = {
  name: 'preflight',
  usage: `  hanpress preflight <file.pdf> [--cover] [--format text|json|github]
                                          check a print PDF: PDF/X keys, output intent, boxes, no RGB, K-only text, fonts`,
  options: { format: { type: 'string' }, cover: { type: 'boolean' } },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const format = parseFormat(values.format);
    if (positionals[0] === undefined) throw new UsageError('preflight needs a PDF file, e.g. hanpress preflight dist/book-print.pdf.');
    const file = path.resolve(io.cwd, positionals[0]);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      printDiagnostics([diagnostic('preflight/unreadable', { message: `Cannot read ${path.relative(io.cwd, file)} (${reason}).` })], format, io.cwd, io);
      return 1;
    }
    const report = await preflight(bytes, { file: path.relative(io.cwd, file), cover: values.cover === true });
    printDiagnostics(report.findings, format, io.cwd, io);
    if (format === 'json' && report.findings.length === 0) io.out('[]');
    if (format === 'text') (report.findings.length === 0 ? io.out : io.err)(summary(report, file, io));
    return errorCount(report.findings) > 0 ? 1 : 0;
  },
};
