#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so there is no separate compile step
// between editing src/ and running a build.
import { register } from 'tsx/esm/api';

register();
const { main, reportBug, wantsDebug } = await import('../src/cli/main.ts');
const argv = process.argv.slice(2);
const { stderr } = process;
// The progress line and colour are for a person at a terminal, never for a log or a pipe.
const tty = stderr.isTTY
  ? {
      columns: stderr.columns || 80,
      status: (text) => stderr.write(`\r\u001b[K${text.slice(0, (stderr.columns || 80) - 1)}`),
    }
  : undefined;
const io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => stderr.write(`${text}\n`),
  cwd: process.cwd(),
  env: process.env,
  ...(tty ? { tty } : {}),
};
// An error thrown outside the command's promise chain (a stream, a timer) is still a bug
// report of one line, not Node's stack trace.
const onStray = (error) => {
  process.exitCode = reportBug(error, io, wantsDebug(argv));
  process.exit();
};
process.on('uncaughtException', onStray);
process.on('unhandledRejection', onStray);
process.exitCode = await main(argv, io);
