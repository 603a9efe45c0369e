/**
 * What a backlist build prints: one line per book as it finishes (what it made, or why it did
 * not), then the errors of the books that failed, in full and positioned, and a closing count.
 */
import path from 'node:path';
import { plural } from '../diagnostics/report.js';
import type { BookOutcome } from '../pipeline/backlist.js';
import { errorCount, shown, type Io } from './io.js';
import { printDiagnostics, type OutputSettings } from './output.js';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** One line for a finished book; pure, so tests can read it. */
export function bookLine(outcome: BookOutcome, io: Pick<Io, 'cwd'>): string {
  const where = `${shown(outcome.dir, io as Io)}${path.sep}`;
  if (outcome.kind === 'crashed') return `failed  ${where}  internal error: ${outcome.message}`;
  if (outcome.kind === 'failed') {
    const first = outcome.diagnostics.find((d) => d.severity === 'error');
    const at = first ? `  first: ${first.file ?? ''}${first.line ? `:${first.line}:${first.column ?? 1}` : ''} ${first.code}` : '';
    return `failed  ${where}  ${plural(errorCount(outcome.diagnostics), 'error')}${at}`;
  }
  const { report } = outcome;
  const parts = [
    ...(report.pdf ? [`${report.pdf.pages} pages`, `PDF ${size(report.pdf.bytes)}`] : []),
    ...(report.epub ? [`EPUB ${size(report.epub.bytes)}`] : []),
    ...(report.print ? ['print files'] : []),
    plural(report.diagnostics.filter((d) => d.severity === 'warning').length, 'warning'),
    `${(report.milliseconds / 1000).toFixed(1)} s`,
  ];
  return `built   ${where}  ${parts.join(', ')}`;
}

/** After every line: the failed books' errors, each book's paths relative to that book. */
export function printBacklistEnd(outcomes: BookOutcome[], settingsOf: (dir: string) => OutputSettings, io: Io, milliseconds: number): number {
  const failed = outcomes.filter((o) => o.kind !== 'built');
  for (const outcome of failed) {
    if (outcome.kind !== 'failed') continue;
    io.err(`\n${shown(outcome.dir, io)}${path.sep}:`);
    printDiagnostics(outcome.diagnostics.filter((d) => d.severity === 'error'), settingsOf(outcome.dir), io);
  }
  const built = outcomes.length - failed.length;
  io.out(`${plural(outcomes.length, 'book')}: ${built} built, ${failed.length} failed, in ${(milliseconds / 1000).toFixed(1)} s`);
  return failed.length > 0 ? 1 : 0;
}
