/**
 * What `build --watch` prints: the first build as a build does, then one line per rebuild —
 * what changed, how long, how many pages — and the positioned errors of a save that broke the
 * book (the out folder keeps the last good build).
 */
import { plural } from '../diagnostics/report.js';
import type { WatchEvent } from '../pipeline/watch.js';
import { errorCount, type Io } from './io.js';
import { printDiagnostics, type OutputSettings } from './output.js';

function changedText(changed: string[]): string {
  if (changed.length === 0) return 'the first build';
  const shown = changed.slice(0, 3).join(', ');
  return changed.length > 3 ? `${shown} and ${changed.length - 3} more` : shown;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One line for a rebuild; pure, so tests can read it. */
export function watchLine(event: WatchEvent): string {
  if (event.kind === 'failed') {
    return `${changedText(event.changed)}: failed in ${seconds(event.milliseconds)}, ${plural(errorCount(event.diagnostics), 'error')}; the out folder keeps the last build — save again to rebuild`;
  }
  const { report } = event;
  const made = [report.pdf ? `${report.pdf.pages} pages` : undefined, report.epub ? 'EPUB' : undefined, report.print ? 'print files' : undefined].filter(Boolean).join(', ');
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const what = `${made}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`;
  if (event.changed.length === 0) return `built in ${seconds(event.milliseconds)} — ${what}; watching for saves (Ctrl-C to stop)`;
  return `${changedText(event.changed)}: rebuilt in ${seconds(event.milliseconds)} — ${what}`;
}

export function printWatchEvent(event: WatchEvent, settings: OutputSettings, io: Io): void {
  io.tty?.status('');
  // Errors always; warnings only for the first build (they rarely change with a save).
  if (event.kind === 'failed') printDiagnostics(event.diagnostics.filter((d) => d.severity === 'error'), settings, io);
  else if (event.changed.length === 0) printDiagnostics(event.report.diagnostics, settings, io);
  io.out(watchLine(event));
}
