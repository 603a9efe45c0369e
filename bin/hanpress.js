#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so there is no separate compile step
// between editing src/ and running a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
