/**
 * A Markdown file in the project that book.yaml's contents does not list is left out of the
 * book without a word, unless we say so: one warning per such file, with its path.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BookMetadata } from '../model/metadata.js';

/** Folders that never hold the book's text: outputs, caches, tools. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
/** Markdown files a project holds beside its text: hanpress import's report, a repository's README. */
const NOT_TEXT = /^(import-report|readme|changelog|license|contributing)\.md$/i;

async function markdownFiles(root: string, dir = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    // Symbolic links are not followed: a link to a folder outside the project is not walked.
    if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) found.push(...(await markdownFiles(root, rel)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && /\.md$/i.test(entry.name) && !(dir === '' && NOT_TEXT.test(entry.name))) found.push(rel);
  }
  return found;
}

export async function unlistedMarkdown(root: string, meta: BookMetadata): Promise<Diagnostic[]> {
  const listed = new Set([...(meta.contents.front ?? []), ...meta.contents.parts.flatMap((p) => p.chapters)].map((f) => path.posix.normalize(f)));
  return (await markdownFiles(root))
    .filter((file) => !listed.has(file))
    .map((file) =>
      diagnostic('contents/unlisted', {
        file,
        message: `\`${file}\` is in the project folder but not in book.yaml's contents, so it is not in the book.`,
      }),
    );
}
