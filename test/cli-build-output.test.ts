/**
 * What a build prints for a long book: 30 chapters of 水浒传 (read in place from the shared
 * corpus) carry hundreds of punctuation warnings; the default report must fit on a screen.
 * Also `--only epub|pdf`, and the progress line on a terminal.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusProject } from '../bench/corpus-project.js';
import { runCli, type CliRun } from './helpers/cli.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { tempDir } from './helpers/project.js';
import { SAMPLE_DIR } from './helpers/sample.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1504224000' };

describe('a build of 30 chapters of 水浒传', () => {
  let dir: string;
  let full: CliRun;

  beforeAll(async () => {
    dir = await tempDir('hanpress-shz30-');
    await corpusProject(dir, 30, path.join(SAMPLE_DIR, 'book.yaml'));
    full = await runCli(['build'], { cwd: dir, env: { ...EPOCH, NO_COLOR: '1' }, tty: true });
  }, 300_000);

  it('prints a summary of at most a screen', () => {
    expect(full.code).toBe(0);
    const lines = `${full.err}\n${full.out}`.split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    expect(full.err).toMatch(/^0 errors, [\d,]+ warnings from \d+ rules \(summarised by rule; --verbose prints each in full\)$/m);
    expect(full.err).toMatch(/^warning lint\/[a-z-]+: .* \(×\d+\)$/m);
    expect(full.out).toMatch(/^built dist\/shuihuzhuan\.epub {2}[\d.]+ MB\nbuilt dist\/shuihuzhuan\.pdf {2}\d+ pages, [\d.]+ MB\nin \d+\.\d s$/);
  });

  it('shows what it is doing on a terminal once past a second, then clears the line', () => {
    // Layout is synchronous: stages that start after the one-second mark are certain to show.
    expect(full.status.some((s) => /^checking the PDF: \d+ pages$/.test(s))).toBe(true);
    expect(full.status).toContain('writing the EPUB: 30 chapters');
    expect(full.status.at(-1)).toBe('');
  });

  it('--only epub reuses the page-list of the PDF built before: the same EPUB, EPUBCheck clean', async () => {
    const before = await readFile(path.join(dir, 'dist/shuihuzhuan.epub'));
    const out = await tempDir('hanpress-only-epub-');
    const only = await runCli(['build', '--only', 'epub', '--out', out], { cwd: dir, env: EPOCH });
    expect(only.code).toBe(0);
    expect(only.err).not.toContain('no-page-list');
    expect(await readdir(out)).toEqual(['shuihuzhuan.epub']);
    const epub = await readFile(path.join(out, 'shuihuzhuan.epub'));
    expect(epub.equals(before)).toBe(true);
    expect((await runEpubcheck(path.join(out, 'shuihuzhuan.epub'))).messages).toEqual([]);
  }, 120_000);
});

describe('build --only', () => {
  it('says the EPUB has no page-list when no PDF of the book was built', async () => {
    const out = await tempDir('hanpress-only-');
    const dir = await tempDir('hanpress-only-proj-');
    await corpusProject(dir, 1, path.join(SAMPLE_DIR, 'book.yaml'));
    const result = await runCli(['build', dir, '--only', 'epub', '--out', out], { env: EPOCH });
    expect(result.code).toBe(0);
    expect(result.err).toContain('warning build/no-page-list');
    expect(result.out).not.toContain('.pdf');
    expect((await runEpubcheck(path.join(out, 'shuihuzhuan.epub'))).messages).toEqual([]);
    const pdfOnly = await runCli(['build', dir, '--only', 'pdf', '--out', out], { env: EPOCH });
    expect(pdfOnly.code).toBe(0);
    expect(pdfOnly.out).toMatch(/^built .*shuihuzhuan\.pdf {2}\d+ pages/);
    expect((await readdir(out)).sort()).toEqual(['shuihuzhuan.epub', 'shuihuzhuan.pdf']);
  }, 120_000);

  it('takes no page-list from a PDF of an older text: an edited chapter makes --only epub say so', async () => {
    const out = await tempDir('hanpress-only-edit-');
    const dir = await tempDir('hanpress-only-edit-proj-');
    await corpusProject(dir, 1, path.join(SAMPLE_DIR, 'book.yaml'));
    expect((await runCli(['build', dir, '--no-cache', '--out', out], { env: EPOCH })).code).toBe(0);
    const same = await runCli(['build', dir, '--only', 'epub', '--out', out], { env: EPOCH });
    expect(same.err).not.toContain('no-page-list');
    const [chapter = ''] = await readdir(path.join(dir, 'chapters'));
    const file = path.join(dir, 'chapters', chapter);
    await writeFile(file, (await readFile(file, 'utf8')).replace('。', '。又说了一句话。'));
    const edited = await runCli(['build', dir, '--only', 'epub', '--out', out], { env: EPOCH });
    expect(edited.code).toBe(0);
    expect(edited.err).toContain('warning build/no-page-list');
  }, 120_000);
});
