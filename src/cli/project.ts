/**
 * Which book project a command works on: the folder given, or else the nearest folder from the
 * current one upwards that holds book.yaml (as git finds its repository), so hanpress works
 * from `chapters/` too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BOOK_FILE } from '../load/project.js';

export function findProject(dirArg: string | undefined, cwd: string): string {
  if (dirArg !== undefined) return path.resolve(cwd, dirArg);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, BOOK_FILE))) return dir;
    // Not found anywhere above: the current folder, whose missing book.yaml is then reported.
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
