/**
 * The hanpress command line: finds the command, parses its arguments, runs it, sets the exit
 * code. User mistakes never end in a stack trace: a mistake in the command line is exit code 2
 * with a suggestion and a pointer to the command's help.
 */
import { readFileSync } from 'node:fs';
import { BuildFailure, diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { suggest } from '../diagnostics/suggest.js';
import { parseArguments } from './args.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, GLOBAL_OPTIONS, globalHelp } from './help.js';
import { explainInstallProblem, INSTALL_EXIT_CODE } from './install.js';
import { UsageError, type Command, type CommandEntry, type Io } from './io.js';

export type { Io } from './io.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function findCommand(name: string): CommandEntry {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const near = suggest(name, [...COMMANDS.map((c) => c.name), 'help']);
  throw new UsageError(`Unknown command ${name}.${near ? ` Did you mean ${near}?` : ''}`);
}

/** The named command with its module loaded (its options, help and work). */
async function loadCommand(name: string): Promise<Command> {
  const { load, ...summary } = findCommand(name);
  return { ...summary, ...(await load()) };
}

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
  // A library that cannot be loaded is a broken install, not a bug: say what to run instead.
  const install = explainInstallProblem(error);
  if (install !== undefined) {
    io.err(`hanpress: ${install}`);
    if (debug) io.err(error instanceof Error && error.stack ? error.stack : String(error));
    return INSTALL_EXIT_CODE;
  }
  const bug = diagnostic('internal/bug', { message: `Unexpected error: ${oneLine(error)}` });
  io.err(formatDiagnostics([bug], 'text', { root: io.cwd, cwd: io.cwd }));
  if (debug) io.err(error instanceof Error && error.stack ? error.stack : String(error));
  return BUG_EXIT_CODE;
}

export function wantsDebug(argv: string[]): boolean {
  return argv.includes('--debug');
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  const name = at < 0 ? undefined : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (name === undefined || name === 'help') {
    const { positionals, values } = parseArguments(rest, GLOBAL_OPTIONS);
    if (values.version) {
      io.out(version());
      return 0;
    }
    const topic = positionals[0];
    if (topic !== undefined) {
      io.out(commandHelp(await loadCommand(topic)));
      return 0;
    }
    io.out(globalHelp(COMMANDS));
    return name === 'help' || values.help === true ? 0 : 2;
  }
  const command = await loadCommand(name);
  const { positionals, values } = parseArguments(rest, { ...command.options, ...GLOBAL_OPTIONS }, command.name);
  if (values.version) {
    io.out(version());
    return 0;
  }
  if (values.help) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(positionals, values, io);
  } catch (error) {
    // A command's own usage mistakes point to its help.
    if (error instanceof UsageError && error.command === undefined) throw new UsageError(error.message, command.name);
    throw error;
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `hanpress ${error.command} --help` : 'hanpress --help';
      io.err(`${error.message}\nRun ${help} for the usage.`);
      return 2;
    }
    if (error instanceof BuildFailure) {
      io.err(formatDiagnostics(error.diagnostics, 'text', { root: io.cwd, cwd: io.cwd }));
      return 1;
    }
    return reportBug(error, io, wantsDebug(argv));
  }
}
