#!/usr/bin/env node
// The CLI runs the JavaScript compiled from src/ into lib/ (scripts/compile.js, run by npm at
// install time), so a start costs Node's own start plus the modules the command needs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const argv = process.argv.slice(2);
// Stack traces are printed only with --debug; mapping them to src/ reads every loaded
// module's source map, so that cost is paid only then.
if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
const fail = (line) => {
  process.stderr.write(`hanpress: ${line}\n`);
  process.exit(70);
};
const root = new URL('..', import.meta.url);
if (!existsSync(new URL('lib/cli/main.js', root)) || !existsSync(new URL('lib/cli/install.js', root))) {
  // Only a checkout can lack lib/: npm install compiles it (the prepare script).
  fail(`the compiled code (lib/) is missing; run npm install (or npm run compile) in ${fileURLToPath(root)}`);
}
const install = await import('../lib/cli/install.js');
const stale = install.staleCompile();
if (stale) fail(stale);
// V8's settings (lib/pipeline/v8-flags.js: the optimising compiler's share of a build's CPU),
// before the commands' code is loaded; worker threads share them.
const { V8_FLAGS } = await import('../lib/pipeline/v8-flags.js');
for (const flag of V8_FLAGS) setFlagsFromString(flag);
let cli;
try {
  cli = await import('../lib/cli/main.js');
} catch (error) {
  const explained = install.explainInstallProblem(error);
  if (!explained) throw error;
  fail(explained);
}
const { main, reportBug, wantsDebug } = cli;
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
