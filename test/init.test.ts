/**
 * `hanpress init` as a new user meets it: the new project checks clean at once, builds an EPUB
 * that passes EPUBCheck and a PDF, and init never writes over a file.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { pageText, pageTextItems, squash } from './helpers/pdf.js';
import { tempDir } from './helpers/project.js';
import { loadBook } from './helpers/sample.js';

const NOW = { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 11, 1) / 1000) };

describe('hanpress init', () => {
  let parent: string;
  let dir: string;

  beforeAll(async () => {
    parent = await tempDir('hanpress-init-');
    dir = path.join(parent, 'my-novel');
  });

  it('writes a commented project, then check is clean and build passes EPUBCheck', async () => {
    const init = await runCli(['init', 'my-novel'], { cwd: parent, env: NOW });
    expect(init.code).toBe(0);
    expect(init.out).toContain('created a book project in my-novel');
    expect((await readdir(dir)).sort()).toEqual(['.gitignore', 'book.yaml', 'chapters', 'front']);
    const yaml = await readFile(path.join(dir, 'book.yaml'), 'utf8');
    expect(yaml).toContain('slug: my-novel');
    expect(yaml).toContain('publicationDate: "2026-12"');
    expect(yaml.match(/TODO/g)?.length).toBeGreaterThanOrEqual(12);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^dist\/$[\s\S]*^\.hanpress-cache\/$/m);

    const check = await runCli(['check'], { cwd: dir, env: NOW });
    expect(check.err).toBe('');
    expect(check.out).toBe('.: no errors');
    expect(check.code).toBe(0);

    const build = await runCli(['build'], { cwd: path.join(dir, 'chapters'), env: NOW });
    expect(build.err).toBe('');
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/^built \.\.\/dist\/my-novel\.epub/m);
    expect((await readdir(path.join(dir, 'dist'))).sort()).toEqual(['my-novel.epub', 'my-novel.pdf']);
    expect((await runEpubcheck(path.join(dir, 'dist/my-novel.epub'))).messages).toEqual([]);
    const pdfBytes = await readFile(path.join(dir, 'dist/my-novel.pdf'));
    const pdf = await PDFDocument.load(pdfBytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(8);
    // The title page holds title, author and publisher; the copyright page starts with the CIP block.
    const pages = await pageTextItems(new Uint8Array(pdfBytes));
    expect(squash(pageText(pages[0] ?? []))).toBe(squash('书名 作者姓名 著 某某出版社'));
    expect(squash(pageText(pages[1] ?? []))).toMatch(/^图书在版编目（CIP）数据书名\/作者姓名著/);
  }, 120_000);

  it('writes over nothing unless --force', async () => {
    await writeFile(path.join(dir, 'chapters/01.md'), 'my own words');
    const again = await runCli(['init', dir], { env: NOW });
    expect(again.code).toBe(1);
    expect(again.err).toContain('error init/exists');
    expect(await readFile(path.join(dir, 'chapters/01.md'), 'utf8')).toBe('my own words');
    expect((await runCli(['init', dir, '--force'], { env: NOW })).code).toBe(0);
    expect(await readFile(path.join(dir, 'chapters/01.md'), 'utf8')).toContain('第一章');
  });

  it('prints otherInfo on the title page when the book has no partName', async () => {
    await writeFile(path.join(dir, 'book.yaml'), (await readFile(path.join(dir, 'book.yaml'), 'utf8')).replace('# otherInfo: 副书名', 'otherInfo: 一部小说'));
    const { front } = await loadBook(dir);
    expect(front.displayTitle).toBe('书名——一部小说');
    expect(JSON.stringify(front.titlePage)).toContain('——一部小说');
  });

  it('keeps the .gitignore of a repository and adds what hanpress needs', async () => {
    const repo = path.join(parent, 'repo');
    await mkdir(repo);
    await writeFile(path.join(repo, '.gitignore'), 'node_modules/\n/dist/\n');
    expect((await runCli(['init', repo], { env: NOW })).code).toBe(0);
    expect(await readFile(path.join(repo, '.gitignore'), 'utf8')).toBe("node_modules/\n/dist/\n# Build outputs and hanpress's cache (per-chapter work, the last PDF's pages)\n.hanpress-cache/\n");
  });

  it('names the slug my-book when the folder name has no ASCII letters', async () => {
    const chinese = path.join(parent, '我的书');
    expect((await runCli(['init', chinese], { env: NOW })).code).toBe(0);
    expect(await readFile(path.join(chinese, 'book.yaml'), 'utf8')).toContain('slug: my-book');
  });
});
