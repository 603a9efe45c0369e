import path from 'node:path';
import { buildBook, type BuildReport } from '../../build/build.js';
import { onlyPositionals, printDiagnostics, reportFailure, stringOption, type Command } from '../io.js';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function summary(report: BuildReport, cwd: string): string {
  const rel = (p: string): string => path.relative(cwd, p);
  return [
    `built ${rel(report.epub.path)}  ${formatBytes(report.epub.bytes)}`,
    `built ${rel(report.pdf.path)}  ${report.pdf.pages} pages, ${formatBytes(report.pdf.bytes)}`,
    `in ${(report.milliseconds / 1000).toFixed(1)} s`,
  ].join('\n');
}

export const buildCommand: Command = {
  name: 'build',
  usage: [
    `  hanpress build [dir] [--out <dir>]      build <dir>/book.yaml into an EPUB and a PDF (default out: dist/)`,
    `        [--print]                         PDF for the printer: crop marks outside the 3 mm bleed`,
  ].join('\n'),
  options: { out: { type: 'string', short: 'o' }, print: { type: 'boolean' } },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    const outDir = path.resolve(io.cwd, stringOption(values, 'out') ?? 'dist');
    return reportFailure('build', dir, io, async () => {
      const report = await buildBook({ dir, outDir, env: io.env, print: values.print === true });
      printDiagnostics(report.diagnostics, 'text', dir, io);
      io.out(summary(report, io.cwd));
      return 0;
    });
  },
};
