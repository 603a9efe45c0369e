/**
 * Copies the sample book to a temporary folder and applies text edits, so each bad-input
 * test starts from a real project with exactly one fault.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_DIR } from './sample.js';

export type Edit = (text: string) => string;

export async function tempDir(prefix = 'hanpress-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function projectWith(edits: Record<string, Edit> = {}): Promise<string> {
  const dir = path.join(await tempDir(), 'book');
  await cp(SAMPLE_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    const before = await readFile(target, 'utf8').catch(() => '');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    await writeFile(target, after);
  }
  return dir;
}

/** Replaces exactly one occurrence, failing loudly when the text is not there. */
export function replaceOnce(search: string, replacement: string): Edit {
  return (text) => {
    const at = text.indexOf(search);
    if (at < 0) throw new Error(`"${search}" not found`);
    return text.slice(0, at) + replacement + text.slice(at + search.length);
  };
}
