/**
 * Forks one of the pipeline's child modules (a backlist book, the checks beside the PDF) and
 * returns the one message it sends back. From the TypeScript sources (a checkout, the tests)
 * the child loads through tsx, found from here rather than from the folder the user runs in;
 * compiled, it needs nothing.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { V8_FLAGS } from './v8-flags.js';

function execArgvFor(file: string): string[] {
  if (!file.endsWith('.ts')) return [];
  const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs');
  return ['--import', pathToFileURL(tsx).href];
}

/** `name` is the module's name beside this one, without extension. */
export function siblingModule(name: string): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `${name}${path.extname(here)}`);
}

export type ForkResult<T> = { ok: true; message: T } | { ok: false; reason: string };

/** Sends `job`, resolves with the child's one answer, or why there was none (it crashed). */
export function forkOnce<T>(file: string, job: unknown, env: NodeJS.ProcessEnv): Promise<ForkResult<T>> {
  return new Promise((resolve) => {
    // With the CLI's V8 settings, which a process's own code sets too late for its imports.
    const child = fork(file, [], { execArgv: [...V8_FLAGS, ...execArgvFor(file)], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env });
    let answer: ForkResult<T> | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('message', (message) => {
      answer = { ok: true, message: message as T };
    });
    child.on('exit', (code, signal) => {
      const last = stderr.trim().split('\n').at(-1) ?? '';
      resolve(answer ?? { ok: false, reason: `the process ended (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}` });
    });
    child.send(job as object);
  });
}
