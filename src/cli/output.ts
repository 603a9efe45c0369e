/**
 * How a command's diagnostics reach the user: text on stderr (errors in full, warnings
 * summarised by rule unless --verbose, none with --quiet), JSON on stdout, GitHub annotations;
 * the closing count line; --max-warnings.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, formatReport, plural, summarisesWarnings, type ReportFormat } from '../diagnostics/report.js';
import type { Io } from './io.js';

export interface OutputSettings {
  format: ReportFormat;
  quiet: boolean;
  verbose: boolean;
  maxWarnings?: number;
  color: boolean;
  /** Project folder the diagnostics' paths are relative to. */
  root: string;
}

export function printDiagnostics(diagnostics: Diagnostic[], settings: OutputSettings, io: Io): void {
  const options = { root: settings.root, cwd: io.cwd, color: settings.color };
  if (settings.format === 'json') {
    io.out(formatDiagnostics(diagnostics, 'json', options));
    return;
  }
  const shown = settings.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length === 0) return;
  if (settings.format === 'github') io.err(formatDiagnostics(shown, 'github', options));
  else io.err(formatReport(shown, { ...options, verbose: settings.verbose }));
}

/** "1 error, 3,826 warnings from 12 rules (…)", or undefined when there is nothing to count. */
export function tally(diagnostics: Diagnostic[], settings: OutputSettings): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (errors === 0 && warnings.length === 0) return undefined;
  const rules = new Set(warnings.map((d) => d.code)).size;
  let text = `${plural(errors, 'error')}, ${plural(warnings.length, 'warning')}`;
  if (rules > 1) text += ` from ${plural(rules, 'rule')}`;
  if (settings.quiet && warnings.length > 0) text += ' (not shown: --quiet)';
  else if (settings.format === 'text' && summarisesWarnings(diagnostics, settings)) text += ' (summarised by rule; --verbose prints each in full)';
  return text;
}

/** True (and says so) when there are more warnings than --max-warnings allows. */
export function overWarningLimit(diagnostics: Diagnostic[], settings: OutputSettings, io: Io): boolean {
  if (settings.maxWarnings === undefined) return false;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings <= settings.maxWarnings) return false;
  io.err(`${plural(warnings, 'warning')}: more than --max-warnings ${settings.maxWarnings} allows.`);
  return true;
}
