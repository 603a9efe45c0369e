/**
 * What every command shares: the streams it writes to, its description for help and argument
 * parsing, usage errors, and the one place that prints diagnostics (cli/output.ts).
 */
import path from 'node:path';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { plural, type ReportFormat } from '../diagnostics/report.js';
import { suggest } from '../diagnostics/suggest.js';
import { printDiagnostics, type OutputSettings } from './output.js';

export interface Io {
  /** Results: what was built, checked, exported. */
  out: (text: string) => void;
  /** Diagnostics, progress and usage mistakes. */
  err: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * Set when stderr is a terminal: colour and the progress line are used only then. `status`
   * rewrites one line in place (an empty text clears it).
   */
  tty?: { columns: number; status: (text: string) => void };
}

/** A mistake in the command line itself: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the message points to. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One letter: `-o`. */
  short?: string;
  /** How help names the value: `<dir>`. */
  value?: string;
  /** Also accepted as `--no-<name>`, which sets it to false. */
  negatable?: boolean;
  /** One line for help. */
  description: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** What the list of commands shows; enough to dispatch without loading the command. */
export interface CommandSummary {
  name: string;
  /** Positional arguments as help shows them: `[dir]`. */
  args: string;
  /** One line for the list of commands. */
  summary: string;
}

/** What a command's own module holds: its options, its help and its work. */
export interface CommandSpec {
  /** More text for the command's own help (examples, defaults). */
  details?: string;
  /** Options this command accepts besides the global ones (--help, --version). */
  options: Record<string, OptionSpec>;
  run(positionals: string[], values: OptionValues, io: Io): Promise<number>;
}

/**
 * A command in the list: its module, and with it the libraries it needs, is imported only when
 * the command is named, so `hanpress --version` loads none of them.
 */
export interface CommandEntry extends CommandSummary {
  load(): Promise<CommandSpec>;
}

export type Command = CommandSummary & CommandSpec;

/** How diagnostics are printed: every command that prints diagnostics takes these. */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  quiet: { type: 'boolean', short: 'q', description: 'print errors only: no warnings, no progress line' },
  verbose: { type: 'boolean', description: 'print every warning in full instead of a summary by rule' },
  'max-warnings': { type: 'string', value: '<n>', description: 'exit with code 1 when there are more than n warnings (for CI)' },
  color: { type: 'boolean', negatable: true, description: 'colour on or off (default: on a terminal, unless NO_COLOR is set)' },
};

export const FORMAT_OPTION: OptionSpec = {
  type: 'string',
  value: 'text|json|github',
  description: 'diagnostics as text, as JSON on stdout, or as GitHub Actions annotations',
};

export function parseFormat(value: string | boolean | undefined): ReportFormat {
  if (value === undefined || value === 'text' || value === 'json' || value === 'github') return value ?? 'text';
  const near = typeof value === 'string' ? suggest(value, ['text', 'json', 'github']) : undefined;
  throw new UsageError(`Unknown --format ${String(value)}: use text, json or github.${near ? ` Did you mean ${near}?` : ''}`);
}

function parseMaxWarnings(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw new UsageError(`--max-warnings needs a whole number, e.g. --max-warnings 0 (got ${String(value)}).`);
}

/** Colour: --color / --no-color win; then NO_COLOR (any value) and FORCE_COLOR; then a terminal. */
export function useColor(values: OptionValues, io: Io): boolean {
  if (typeof values.color === 'boolean') return values.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.tty !== undefined;
}

export function outputSettings(values: OptionValues, io: Io, root: string): OutputSettings {
  return {
    format: parseFormat(values.format),
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    color: useColor(values, io),
    root,
  };
}

export function errorCount(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

/** Runs a command's work; a BuildFailure becomes printed diagnostics and exit code 1. */
export async function reportFailure(
  what: string,
  settings: OutputSettings,
  io: Io,
  work: () => Promise<number>,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    io.tty?.status('');
    printDiagnostics(error.diagnostics, settings, io);
    io.err(`\n${what} failed: ${plural(errorCount(error.diagnostics), 'error')}; nothing was written.`);
    return 1;
  }
}

export function onlyPositionals(positionals: string[], max: number, command?: string): void {
  if (positionals.length > max) throw new UsageError(`Unexpected argument ${positionals[max]}.`, command);
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A path as the user should see it: relative to where they are, `.` for that folder itself. */
export function shown(file: string, io: Io): string {
  return path.relative(io.cwd, file) || '.';
}
