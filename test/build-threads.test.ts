/**
 * A build across threads (`--jobs`): the checks and the EPUB in a worker thread beside the PDF
 * (src/pipeline/beside.ts) and chapters composed in worker threads (src/pipeline/compose-pool.ts)
 * make the same bytes as a build in one thread, with and without the cache; an error found
 * beside the PDF is reported as a diagnostic with its file and line, and nothing is written.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { buildBook, type BuildOptions, type BuildReport } from '../src/pipeline/build.js';
import { DiskCache } from '../src/pipeline/disk-cache.js';
import { runCli } from './helpers/cli.js';
import { snapshot } from './helpers/hostile.js';
import { tempDir } from './helpers/project.js';
import { shuihuzhuanProject } from './helpers/shuihuzhuan.js';

const ENV = { SOURCE_DATE_EPOCH: '1714521600' };

interface Built {
  epub: Buffer;
  pdf: Buffer;
  report: BuildReport;
}

async function build(dir: string, options: Partial<BuildOptions>): Promise<Built> {
  const report = await buildBook({ dir, outDir: await tempDir('hanpress-threads-out-'), env: ENV, cache: false, ...options, only: undefined });
  return { epub: await readFile(report.epub.path), pdf: await readFile(report.pdf.path), report };
}

/** Every thread there is: a composition worker besides the worker beside the PDF, whatever the book's size. */
const ACROSS: Partial<BuildOptions> = { threads: 3, poolFrom: 0, checksBeside: true };

describe('a build across threads', () => {
  let dir: string;
  let one: Built;

  beforeAll(async () => {
    dir = await shuihuzhuanProject(6);
    one = await build(dir, { threads: 1 });
  }, 240_000);

  it('makes the same EPUB and PDF as a build in one thread', async () => {
    expect(one.report.threads).toEqual({ threads: 1, composedElsewhere: 0, checksBeside: false, epubBeside: false });
    const across = await build(dir, ACROSS);
    // The checks ran and the EPUB was made in the worker: this is the path being compared.
    expect(across.report.threads).toMatchObject({ threads: 3, checksBeside: true, epubBeside: true });
    expect(across.epub.equals(one.epub)).toBe(true);
    expect(across.pdf.equals(one.pdf)).toBe(true);
    expect(across.report.diagnostics).toEqual(one.report.diagnostics);
  }, 240_000);

  it('makes the same bytes through the project cache, cold and warm', async () => {
    const cold = await build(dir, { ...ACROSS, cache: undefined });
    const warm = await build(dir, { ...ACROSS, cache: undefined });
    for (const b of [cold, warm]) {
      expect(b.report.threads).toMatchObject({ checksBeside: true, epubBeside: true });
      expect(b.epub.equals(one.epub)).toBe(true);
      expect(b.pdf.equals(one.pdf)).toBe(true);
    }
    // Warm, every chapter comes from the cache: none is sent to another thread.
    expect(warm.report.threads.composedElsewhere).toBe(0);
  }, 240_000);

  it('makes the EPUB here from a cache the caller holds (its entries in memory), and the same bytes', async () => {
    const cache = new DiskCache(dir);
    await build(dir, { ...ACROSS, cache });
    const warm = await build(dir, { ...ACROSS, cache });
    expect(warm.report.threads).toMatchObject({ checksBeside: true, epubBeside: false });
    expect(warm.epub.equals(one.epub)).toBe(true);
    expect(warm.pdf.equals(one.pdf)).toBe(true);
    expect(cache.lastStats.misses).toEqual({});
    expect(cache.lastStats.hits).toMatchObject({ parse: 6, 'typeset-pages': 6, 'epub-chapter': 6, 'epub-fonts': 1 });
  }, 240_000);

  it('gives the EPUB made beside the PDF the 印张 computed from the page count', async () => {
    const bare = await shuihuzhuanProject(3);
    const yaml = path.join(bare, 'book.yaml');
    const text = await readFile(yaml, 'utf8');
    expect(text).toMatch(/sheets: \d+/);
    await writeFile(yaml, text.replace(/^ *sheets: \d+\n/m, ''));
    const [here, beside] = [await build(bare, { threads: 1 }), await build(bare, ACROSS)];
    expect(beside.report.threads).toMatchObject({ epubBeside: true });
    expect(beside.epub.equals(here.epub)).toBe(true);
    expect(beside.pdf.equals(here.pdf)).toBe(true);
    // The copyright page carries the 印张 computed from the PDF's page count.
    const copyright = new TextDecoder().decode(unzipSync(beside.epub)['OEBPS/text/copyright.xhtml']);
    expect(copyright).toMatch(/印\u3000\u3000张<\/span>\u3000[\d.]+</);
  }, 240_000);

  it('reports an error found beside the PDF at its file and line, and leaves the out folder as it was', async () => {
    const bad = await shuihuzhuanProject(3);
    const chapter = path.join(bad, 'chapters/001.md');
    await writeFile(chapter, `${await readFile(chapter, 'utf8')}\n![插图](images/none.png)\n`);
    const out = path.join(await tempDir('hanpress-threads-bad-'), 'dist');
    await mkdir(out);
    await writeFile(path.join(out, 'shuihuzhuan.pdf'), 'the last good build');
    const before = await snapshot(out);
    const error = await buildBook({ dir: bad, outDir: out, env: ENV, cache: false, ...ACROSS }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildFailure);
    const found = (error as BuildFailure).diagnostics.filter((d) => d.severity === 'error');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ file: 'chapters/001.md' });
    expect(found[0]?.line).toBeGreaterThan(1);
    expect(await snapshot(out)).toEqual(before);
  }, 240_000);

  it('takes --jobs as a whole number of threads', async () => {
    const run = await runCli(['build', dir, '--jobs', '0', '-o', await tempDir()]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--jobs needs a whole number of threads');
  });
});
