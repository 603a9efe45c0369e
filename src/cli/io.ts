/**
 * What every command shares: the streams it writes to, usage errors, printing diagnostics.
 */
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type ReportFormat } from '../diagnostics/report.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A mistake in the command line itself: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  /** Usage lines shown by --help, already indented as the help text sets them. */
  usage: string;
  /** node:util parseArgs option descriptors this command accepts. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(positionals: string[], values: Record<string, string | boolean | undefined>, io: Io): Promise<number>;
}

export function parseFormat(value: string | boolean | undefined): ReportFormat {
  if (value === undefined || value === 'text' || value === 'json' || value === 'github') return value ?? 'text';
  throw new UsageError(`Unknown --format ${String(value)}: use text, json or github.`);
}

export function printDiagnostics(diagnostics: Diagnostic[], format: ReportFormat, root: string, io: Io): void {
  if (diagnostics.length === 0) return;
  const text = formatDiagnostics(diagnostics, format, { root, cwd: io.cwd });
  (format === 'json' ? io.out : io.err)(text);
}

export function errorCount(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

/** Runs a command's work; a BuildFailure becomes printed diagnostics and exit code 1. */
export async function reportFailure(
  what: string,
  root: string,
  io: Io,
  work: () => Promise<number>,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    printDiagnostics(error.diagnostics, 'text', root, io);
    io.err(`\n${what} failed: ${errorCount(error.diagnostics)} error(s); nothing was written.`);
    return 1;
  }
}

export function onlyPositionals(positionals: string[], max: number): void {
  if (positionals.length > max) throw new UsageError(`Unexpected argument ${positionals[max]}.`);
}

export function stringOption(values: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
