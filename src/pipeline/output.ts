/**
 * Writing outputs all-or-nothing. Every target is checked before anything changes (the folder
 * is a folder we may write, on an ordinary file system; no folder holds a target's name). The
 * new files are written into one temporary folder, `.hanpress-tmp-<pid>-<n>`, beside the
 * targets; only when all are written is each old target moved into that folder and the new one
 * moved into place. Any failure puts every old file back and removes the temporary folder and
 * any folder made for the outputs, so the out folder is as it was. SIGINT, SIGTERM and SIGHUP
 * while writing do the same before the process exits.
 */
import * as fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildFailure, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/** The file operations the writer uses; tests inject faults through them. */
export interface OutputOps {
  mkdir(dir: string): void;
  rmdir(dir: string): void;
  writeFile(file: string, bytes: Uint8Array): Promise<void>;
  rename(from: string, to: string): void;
  rm(target: string): void;
  access(dir: string): void;
}

export const REAL_OPS: OutputOps = {
  mkdir: (dir) => fs.mkdirSync(dir),
  rmdir: (dir) => fs.rmdirSync(dir),
  writeFile: (file, bytes) => writeFile(file, bytes, { flag: 'wx' }),
  rename: (from, to) => fs.renameSync(from, to),
  rm: (target) => fs.rmSync(target, { recursive: true, force: true }),
  access: (dir) => fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK),
};

/** Mount points of kernel file systems, where writing "files" means poking the kernel. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];
/** statfs types of proc, sysfs, devpts, debugfs, tracefs, securityfs, cgroup, cgroup2, bpf. */
const SPECIAL_TYPES = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270, 0xcafe4a11]);

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

function refuse(code: Parameters<typeof diagnostic>[0], file: string, message: string): never {
  throw new BuildFailure([diagnostic(code, { message, file })]);
}

function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.split('\n')[0] ?? ''}` : String(error);
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') refuse('output/not-a-folder', file, `A part of ${file} is a file, not a folder.`);
    return refuse('output/write-failed', file, `Cannot look at ${file} (${reasonOf(error)}); nothing was written.`);
  }
}

function isSpecial(dir: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    // Unresolvable: the access check or the write itself reports it.
    return false;
  }
  if (real === '/dev/shm' || real.startsWith('/dev/shm/')) return false;
  if (SPECIAL_ROOTS.some((root) => real === root || real.startsWith(`${root}/`))) return true;
  try {
    return SPECIAL_TYPES.has(fs.statfsSync(real).type);
  } catch {
    return false;
  }
}

/** Folders to create for `dir` (outermost first), after checking what exists on the way. */
function planFolder(dir: string, ops: OutputOps): string[] {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const stats = lstatOrUndefined(current);
    if (stats) {
      const isDir = stats.isDirectory() || (stats.isSymbolicLink() && fs.statSync(current, { throwIfNoEntry: false })?.isDirectory());
      if (!isDir) refuse('output/not-a-folder', current, `${current} is a file, not a folder: the outputs cannot go there.`);
      if (isSpecial(current)) refuse('output/special-file-system', current, `${current} is on a kernel file system (such as /proc or /sys), not a place for files.`);
      try {
        ops.access(current);
      } catch (error) {
        refuse('output/not-writable', current, `hanpress may not write in ${current} (${reasonOf(error)}).`);
      }
      return missing.reverse();
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) return missing.reverse();
    current = parent;
  }
}

function checkTarget(target: string): void {
  const stats = lstatOrUndefined(target);
  if (stats?.isDirectory()) refuse('output/target-is-folder', target, `A folder named ${path.basename(target)} is where an output must go.`);
}

/** The deepest folder holding every target: the temporary folder goes there. */
function commonFolder(files: OutputFile[]): string {
  const dirs = files.map((f) => path.dirname(f.path));
  let common = dirs[0] ?? '.';
  for (const dir of dirs) {
    while (dir !== common && !dir.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) common = path.dirname(common);
  }
  return common;
}

let sequence = 0;

/** What has been done so far, so it can be undone synchronously (also from a signal handler). */
class Journal {
  readonly createdFolders: string[] = [];
  temp?: string;
  /** Targets moved aside: target → backup path. */
  readonly backups: [string, string][] = [];
  /** Targets the new file now occupies. */
  readonly placed: string[] = [];

  constructor(private readonly ops: OutputOps) {}

  /** Puts every old file back and removes what was made. Best effort: each step on its own. */
  undo(): void {
    const attempt = (step: () => void): void => {
      try {
        step();
      } catch {
        // Keep undoing the rest; what could not be undone is reported by the caller's error.
      }
    };
    for (const target of [...this.placed].reverse()) {
      const backup = this.backups.find(([t]) => t === target)?.[1];
      attempt(() => (backup ? this.ops.rename(backup, target) : this.ops.rm(target)));
    }
    for (const [target, backup] of this.backups) if (!this.placed.includes(target)) attempt(() => this.ops.rename(backup, target));
    if (this.temp) attempt(() => this.ops.rm(this.temp as string));
    for (const dir of [...this.createdFolders].reverse()) attempt(() => this.ops.rmdir(dir));
  }
}

/** While writing, a signal undoes everything and ends the process as the signal would have. */
function guardSignals(journal: Journal, state: { committed: boolean }): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = (): void => {
      if (!state.committed) journal.undo();
      else if (journal.temp) fs.rmSync(journal.temp, { recursive: true, force: true });
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}

/**
 * Checks that the outputs can be written to `paths` and says which folders must be made; throws
 * BuildFailure otherwise. Changes nothing, so a build can run it before its slow part.
 */
export function checkOutputTargets(paths: string[], ops: OutputOps = REAL_OPS): string[] {
  const targets = paths.map((p) => path.resolve(p));
  const folders = [...new Set(targets.map((t) => path.dirname(t)))];
  const toCreate = [...new Set(folders.flatMap((dir) => planFolder(dir, ops)))].sort((a, b) => a.length - b.length);
  targets.forEach(checkTarget);
  return toCreate;
}

export async function writeOutputsAtomically(files: OutputFile[], ops: OutputOps = REAL_OPS): Promise<void> {
  if (files.length === 0) return;
  const targets = files.map((f) => path.resolve(f.path));
  // 1. Check everything before changing anything.
  const toCreate = checkOutputTargets(targets, ops);
  const journal = new Journal(ops);
  const state = { committed: false };
  const release = guardSignals(journal, state);
  try {
    // 2. Folders, the temporary folder and the new files: nothing the user had is touched yet.
    for (const dir of toCreate) {
      ops.mkdir(dir);
      journal.createdFolders.push(dir);
    }
    const temp = path.join(commonFolder(files.map((f, i) => ({ ...f, path: targets[i] ?? f.path }))), `.hanpress-tmp-${process.pid}-${++sequence}`);
    ops.mkdir(temp);
    journal.temp = temp;
    for (const [i, file] of files.entries()) await ops.writeFile(path.join(temp, `new-${i}`), file.bytes);
    // 3. Swap, synchronously: old targets aside into the temporary folder, new ones in place.
    for (const [i, target] of targets.entries()) {
      if (lstatOrUndefined(target)) {
        ops.rename(target, path.join(temp, `old-${i}`));
        journal.backups.push([target, path.join(temp, `old-${i}`)]);
      }
      ops.rename(path.join(temp, `new-${i}`), target);
      journal.placed.push(target);
    }
    state.committed = true;
    ops.rm(temp);
  } catch (error) {
    journal.undo();
    if (error instanceof BuildFailure) throw error;
    const where = (error as NodeJS.ErrnoException).path ?? targets[0] ?? '';
    throw new BuildFailure([failed(where, error)]);
  } finally {
    // A signal that arrived during the synchronous swap is delivered on the next turn of the
    // event loop: keep the handler until then, so it ends the process as asked.
    await new Promise((resolve) => setImmediate(resolve));
    release();
  }
}

function failed(file: string, error: unknown): Diagnostic {
  return diagnostic('output/write-failed', { message: `Writing ${file} failed (${reasonOf(error)}); every output was left as it was.`, file });
}
