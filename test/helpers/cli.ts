/**
 * Runs the CLI in-process as a user would, capturing stdout and stderr separately. `tty`
 * pretends stderr is a terminal (colour and progress line), recording progress updates.
 */
import { main, type Io } from '../../src/cli/main.js';
import { REPO_ROOT } from './sample.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** Progress-line updates, when run with `tty`. */
  status: string[];
}

export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? {},
    ...(options.tty ? { tty: { columns: 80, status: (t: string) => status.push(t) } } : {}),
  };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), status };
}
