/**
 * The hanpress command line: finds the command, parses its arguments, runs it, sets the exit
 * code. User mistakes never end in a stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BuildFailure, diagnostic } from '../diagnostics/diagnostic.js';
import { COMMANDS } from './commands/index.js';
import { printDiagnostics, UsageError, type Io } from './io.js';

export type { Io } from './io.js';

const USAGE = `Usage:\n${COMMANDS.map((c) => c.usage).join('\n')}\n  hanpress --help | --version`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
} as const;

/** Exit code of an unexpected failure inside hanpress (EX_SOFTWARE of sysexits.h). */
export const BUG_EXIT_CODE = 70;

/** The first line of what was thrown, without the stack: a user sees one line, not a trace. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = text.split('\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * Anything that is not a user mistake we foresaw: printed as `internal/bug` with one line, the
 * stack only with --debug.
 */
export function reportBug(error: unknown, io: Pick<Io, 'err' | 'cwd'>, debug: boolean): number {
  const bug = diagnostic('internal/bug', { message: `Unexpected error: ${oneLine(error)}` });
  printDiagnostics([bug], 'text', io.cwd, { ...io, out: io.err, env: {} });
  if (debug) io.err(error instanceof Error && error.stack ? error.stack : String(error));
  return BUG_EXIT_CODE;
}

export function wantsDebug(argv: string[]): boolean {
  return argv.includes('--debug');
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const command = COMMANDS.find((c) => c.name === name);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) },
  });
  if (values.version) {
    io.out(version());
    return 0;
  }
  if (values.help || name === undefined) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  if (!command) throw new UsageError(`Unknown command ${name}.`);
  return command.run(positionals.slice(1), values as Record<string, string | boolean | undefined>, io);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof BuildFailure) {
      printDiagnostics(error.diagnostics, 'text', io.cwd, io);
      return 1;
    }
    return reportBug(error, io, wantsDebug(argv));
  }
}
