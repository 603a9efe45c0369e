/**
 * A backlist: `hanpress build a/ b/ c/` builds every book in its own process, one line per
 * book, and exits 1 when any failed — with the failed book's errors positioned and the other
 * books built all the same.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { SAMPLE_DIR } from './helpers/sample.js';
import { tempDir } from './helpers/project.js';

describe('hanpress build books/*/', () => {
  it('builds every book, one line each, and exits 1 when one failed', async () => {
    const root = await tempDir('hanpress-backlist-');
    const books = path.join(root, 'books');
    await mkdir(books);
    for (const name of ['one', 'two', 'broken']) await cp(SAMPLE_DIR, path.join(books, name), { recursive: true, filter: (f) => !f.includes('.hanpress-cache') && !f.includes(`${path.sep}dist`) });
    const chapter = path.join(books, 'broken/chapters/1-02.md');
    await writeFile(chapter, (await readFile(chapter, 'utf8')).replace('title:', 'title: [x'));
    const out = path.join(root, 'out');

    const run = await runCli(['build', 'books/one/', 'books/two/', 'books/broken/', '--out', 'out'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1714521600' } });

    expect(run.code, run.err).toBe(1);
    const lines = run.out.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => /^built {3}books\/(one|two)\/ {2}76 pages, PDF [\d.]+ KB, EPUB [\d.]+ KB, 1 warning, [\d.]+ s$/.test(l))).toHaveLength(2);
    expect(lines).toContain('failed  books/broken/  1 error  first: chapters/1-02.md:3:1 yaml/syntax');
    expect(lines.at(-1)).toMatch(/^3 books: 2 built, 1 failed, in [\d.]+ s$/);
    // The failed book's error in full, its path shown from where the command ran.
    expect(run.err).toContain('--> books/broken/chapters/1-02.md:3:1');
    expect((await readdir(path.join(out, 'one'))).sort()).toEqual(['xin-de-shiming-he-dandang-2.epub', 'xin-de-shiming-he-dandang-2.pdf']);
    expect((await readdir(path.join(out, 'two'))).sort()).toEqual(['xin-de-shiming-he-dandang-2.epub', 'xin-de-shiming-he-dandang-2.pdf']);
    await expect(readdir(path.join(out, 'broken'))).rejects.toThrow();
    // Same book, same bytes, whichever process built it.
    const [a, b] = await Promise.all(['one', 'two'].map((n) => readFile(path.join(out, n, 'xin-de-shiming-he-dandang-2.pdf'))));
    expect(a?.equals(b as Buffer)).toBe(true);
  }, 300_000);

  it('refuses --watch with several books', async () => {
    const run = await runCli(['build', 'a/', 'b/', '--watch']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--watch takes one book');
  });
});
