#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so there is no separate compile step
// between editing src/ and running a build.
import { register } from 'tsx/esm/api';

register();
const { main, reportBug, wantsDebug } = await import('../src/cli/main.ts');
const argv = process.argv.slice(2);
const io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  env: process.env,
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
