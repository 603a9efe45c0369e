/**
 * Where a path really leads. Every file hanpress reads from a book project is resolved here
 * with realpath, so a symbolic link (or a `..` through one) cannot make a build read a file
 * outside the folders it may read: the project, and for fonts the font folders.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type Resolved =
  | { kind: 'file'; path: string }
  | { kind: 'missing' }
  | { kind: 'outside'; path: string }
  | { kind: 'not-a-file'; path: string }
  | { kind: 'unreadable'; reason: string };

export function isInside(roots: readonly string[], real: string): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function reasonOf(error: unknown): string {
  return (error as Error).message.split('\n')[0] ?? String(error);
}

/** The real path of a folder the build may read from (the folder itself when it does not exist). */
export async function realRoot(dir: string): Promise<string> {
  return realpath(dir).catch(() => path.resolve(dir));
}

export function realRootSync(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * Resolves `file` (absolute) through every symbolic link and says whether it is a regular file
 * inside one of `roots` (real paths). Nothing is opened: a FIFO or a device is refused before a
 * read could block on it.
 */
export async function resolveInside(roots: readonly string[], file: string): Promise<Resolved> {
  try {
    await lstat(file);
  } catch (error) {
    return errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    // A link to nothing is missing; a loop of links cannot be read.
    return errorCode(error) === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
  }
  if (!isInside(roots, real)) return { kind: 'outside', path: real };
  try {
    return (await stat(real)).isFile() ? { kind: 'file', path: real } : { kind: 'not-a-file', path: real };
  } catch (error) {
    return { kind: 'unreadable', reason: reasonOf(error) };
  }
}

/** The same decision, synchronously, for the reporter's code frames. */
export function resolveInsideSync(roots: readonly string[], file: string): Resolved {
  try {
    lstatSync(file);
    const real = realpathSync(file);
    if (!isInside(roots, real)) return { kind: 'outside', path: real };
    return statSync(real).isFile() ? { kind: 'file', path: real } : { kind: 'not-a-file', path: real };
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
  }
}
