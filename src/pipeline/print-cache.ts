/**
 * What the last PDF of a book told the EPUB: its page-list (where each print page starts) and
 * the 印张 computed from its page count. Kept in the project's .hanpress-cache/ so that
 * `build --only epub` still gets the print edition's page-list while nothing that shapes the
 * pages has changed since (printCacheKey).
 */
import { createHash } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isInside, realRoot } from '../files/contain.js';
import { readContainedText } from '../load/read.js';
import type { FontConfig } from '../fonts/config.js';
import { codeKey } from './cache-key.js';
import type { LoadedProject } from '../load/project.js';
import type { BookMetadata } from '../model/metadata.js';
import type { PrintPagination } from '../model/pagination.js';

export const CACHE_DIR = '.hanpress-cache';
const CACHE_FILE = 'print-pages.json';

export interface PrintCache {
  key: string;
  pageCount: number;
  /** 印张 computed from the page count when book.yaml leaves it out. */
  sheets?: number;
  pagination?: PrintPagination;
}

/**
 * The same for two builds whose PDFs would have the same pages: the book is made from its
 * sources by hanpress's code, so the key hashes those — book.yaml, the design, every chapter's
 * text in the reading order — with the code, the fonts and the book's metadata as checked.
 * Written out with its chapters' digests, the book model took a tenth of a second of the
 * build's thread before composition could start; the sources' bytes take milliseconds.
 */
export function printCacheKey(project: LoadedProject, meta: BookMetadata, fonts: FontConfig): string {
  const hash = createHash('sha256');
  const part = (text: string): void => void hash.update(text).update('\u0000');
  part(codeKey());
  part(JSON.stringify({ meta, design: project.design ?? null, fonts }));
  part(project.metaSource.text);
  // A project's root is left out: a moved project keeps its pages.
  for (const [file, source] of project.markdown) {
    part(file);
    part(source.text);
  }
  return hash.digest('hex');
}

function cachePath(root: string): string {
  return path.join(root, CACHE_DIR, CACHE_FILE);
}

/** A page-list of a very long book is a few megabytes; anything larger is not ours. */
const CACHE_LIMIT = 64 * 1024 * 1024;

export async function readPrintCache(root: string, key: string): Promise<PrintCache | undefined> {
  try {
    // Through the project reader: a cache that is a link out of the project (or to a pipe) is
    // never opened.
    const read = await readContainedText([await realRoot(root)], cachePath(root), CACHE_LIMIT);
    if ('failure' in read) return undefined;
    const cache = JSON.parse(read.text) as PrintCache;
    return cache.key === key ? cache : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Best effort: a cache that cannot be written (read-only project, two builds at once) only
 * costs the next `--only epub` build its page-list, so it never fails the build.
 */
export async function writePrintCache(root: string, cache: PrintCache): Promise<void> {
  const target = cachePath(root);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  // A cache folder that is a link out of the project is not written through.
  const folder = await realpath(path.dirname(target)).catch(() => undefined);
  if (folder !== undefined && !isInside([await realRoot(root)], folder)) return;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temp, `${JSON.stringify(cache)}\n`);
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true });
  }
}
