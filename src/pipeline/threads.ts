/**
 * Worker threads of the pipeline's own modules. Compiled (lib/), a worker loads its .js module
 * directly; from the TypeScript sources (a checkout, the tests) it first registers tsx in the
 * new thread, which Node 20 does not pass on to workers.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { siblingModule } from './fork.js';

/** A worker running the pipeline module `name` (beside this one, without extension). */
export function startWorker(name: string, workerData: unknown): Worker {
  return startWorkerModule(siblingModule(name), workerData);
}

/** A worker running the module at `file`: a .js of lib/, or a .ts source through tsx. */
export function startWorkerModule(file: string, workerData: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(pathToFileURL(file), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** How many threads a build uses by default: one per core. */
export function defaultThreads(): number {
  return os.availableParallelism();
}
