/**
 * The cache across runs (.hanpress-cache/): a build served from it is byte-identical to one
 * that computes everything, and an edited chapter is rebuilt — only it. A cache whose keys miss
 * the chapter's text is caught by the same assertions (the last test proves they can fail).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../src/pipeline/build.js';
import { DiskCache } from '../src/pipeline/disk-cache.js';
import type { StepMemo } from '../src/pipeline/memo.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { pageText, pageTextItems } from './helpers/pdf.js';
import { tempDir } from './helpers/project.js';
import { shuihuzhuanProject } from './helpers/shuihuzhuan.js';

const ENV = { SOURCE_DATE_EPOCH: '1714521600' };
const EDITED = 'chapters/003.md';
// The corpus opens with 000 (引首), so 003.md is the fourth article.
const EDITED_XHTML = 'OEBPS/text/ch004.xhtml';
const BEFORE = '那老儿直拖鲁达到僻静处';
// The same number of ideographs: the pages cannot move, so exactly one page and one document change.
const AFTER = '那老儿直拖鲁达去僻静处';

interface Built {
  epub: Uint8Array;
  pdf: Uint8Array;
}

async function build(dir: string, cache: DiskCache | false): Promise<Built> {
  // The checks beside the PDF even for this short book, so that path is what is compared.
  const report = await buildBook({ dir, outDir: await tempDir('hanpress-cache-out-'), env: ENV, cache, checksBeside: cache !== false });
  return { epub: new Uint8Array(await readFile(report.epub.path)), pdf: new Uint8Array(await readFile(report.pdf.path)) };
}

function changedEntries(a: Uint8Array, b: Uint8Array): string[] {
  const x = unzipSync(a);
  const y = unzipSync(b);
  const names = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return names.filter((n) => !Buffer.from(x[n] ?? []).equals(Buffer.from(y[n] ?? [])));
}

async function changedPages(a: Uint8Array, b: Uint8Array): Promise<number[]> {
  const [x, y] = [(await pageTextItems(a)).map(pageText), (await pageTextItems(b)).map(pageText)];
  expect(y.length).toBe(x.length);
  return x.flatMap((text, i) => (text === y[i] ? [] : [i + 1]));
}

/** A cache whose keys name the chapter but not its text: the bug the tests must catch. */
class KeyMissesText extends DiskCache {
  override memo(settingsKey: string): StepMemo {
    const memo = super.memo(settingsKey);
    const blind = (inputs: unknown): unknown => {
      const i = inputs as { chapter?: { id: string }; id?: string; input?: { file: string } };
      return i.chapter?.id ?? i.id ?? i.input?.file ?? inputs;
    };
    return {
      get: (step, inputs, compute, codec) => memo.get(step, blind(inputs), compute, codec),
      getAsync: (step, inputs, compute) => memo.getAsync(step, blind(inputs), compute),
      later: (step, inputs, produce) => memo.later(step, blind(inputs), produce),
    };
  }
}

describe('the cache across runs', () => {
  let dir: string;
  let uncached: Built;

  beforeAll(async () => {
    dir = await shuihuzhuanProject(4);
    uncached = await build(dir, false);
  }, 240_000);

  it('gives byte-identical outputs cold, warm and without it, and is used when warm', async () => {
    const cache = new DiskCache(dir);
    const cold = await build(dir, cache);
    // Nothing to hit but the font subsets, made meanwhile by the checks beside the PDF, and
    // identical pages of this very build (blank versos), which may share a page stream.
    const { 'pdf-page': samePages, ...coldHits } = cache.lastStats.hits;
    expect(Object.keys(coldHits).filter((step) => step !== 'epub-fonts')).toEqual([]);
    expect(samePages ?? 0).toBeLessThan(cache.lastStats.misses['pdf-page'] ?? 0);
    const warm = await build(dir, new DiskCache(dir));
    expect(Buffer.from(cold.pdf).equals(Buffer.from(uncached.pdf))).toBe(true);
    expect(Buffer.from(cold.epub).equals(Buffer.from(uncached.epub))).toBe(true);
    expect(Buffer.from(warm.pdf).equals(Buffer.from(uncached.pdf))).toBe(true);
    expect(Buffer.from(warm.epub).equals(Buffer.from(uncached.epub))).toBe(true);
    const again = new DiskCache(dir);
    await build(dir, again);
    // Every chapter's parse, pages and XHTML and the font subsets came from disk (the subsets
    // made by the checks beside the PDF, in their own process); with its pages known, no
    // chapter's composition was even read.
    expect(again.lastStats.misses).toEqual({});
    expect(again.lastStats.hits).toMatchObject({ parse: 4, 'typeset-pages': 4, 'epub-chapter': 4, 'epub-fonts': 1 });
    expect(again.lastStats.hits['typeset-chapter']).toBeUndefined();
    // The checks in this process: the lint of every chapter from disk too.
    const here = new DiskCache(dir);
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-cache-out-'), env: ENV, cache: here, checksBeside: false });
    expect(here.lastStats.misses).toEqual({});
    expect(here.lastStats.hits).toMatchObject({ parse: 4, lint: 4, 'typeset-pages': 4, 'epub-chapter': 4, 'epub-fonts': 1 });
    expect(Buffer.from(await readFile(report.pdf.path)).equals(Buffer.from(uncached.pdf))).toBe(true);
  }, 240_000);

  it('rebuilds an edited chapter, and only it, as a build without the cache does', async () => {
    const cache = new DiskCache(dir);
    const before = await build(dir, cache);
    const file = path.join(dir, EDITED);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(BEFORE);
    await writeFile(file, text.replace(BEFORE, AFTER));
    try {
      const warm = await build(dir, cache);
      // The EPUB's entries are deflated again only for the edited document.
      expect(cache.lastStats.misses).toMatchObject({ parse: 1, 'typeset-chapter': 1, 'typeset-pages': 1, 'epub-chapter': 1, 'epub-zip': 1 });
      const fresh = await build(dir, false);
      expect(Buffer.from(warm.pdf).equals(Buffer.from(fresh.pdf))).toBe(true);
      expect(Buffer.from(warm.epub).equals(Buffer.from(fresh.epub))).toBe(true);
      expect(changedEntries(before.epub, warm.epub)).toEqual([EDITED_XHTML]);
      const pages = await changedPages(before.pdf, warm.pdf);
      expect(pages).toHaveLength(1);
      const after = (await pageTextItems(warm.pdf)).map(pageText)[(pages[0] ?? 0) - 1] ?? '';
      expect(after.replace(/\s/g, '')).toContain(AFTER);
      const report = await buildBook({ dir, outDir: await tempDir('hanpress-cache-check-'), env: ENV, cache });
      expect((await runEpubcheck(report.epub.path)).messages).toEqual([]);
    } finally {
      await writeFile(file, text);
    }
  }, 240_000);

  it('catches a cache whose keys miss the chapter text (the assertions above can fail)', async () => {
    const blind = new KeyMissesText(dir);
    const before = await build(dir, blind);
    const file = path.join(dir, EDITED);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(BEFORE, AFTER));
    try {
      const stale = await build(dir, blind);
      expect(changedEntries(before.epub, stale.epub)).toEqual([]);
      expect(await changedPages(before.pdf, stale.pdf)).toEqual([]);
    } finally {
      await writeFile(file, text);
    }
  }, 240_000);
});
