/**
 * `hanpress proof`: the contact sheet of the sample book, read back as pixels with sharp —
 * its size from the layout, pages that are not blank, the same bytes twice — and the choice of
 * spreads, tested without rendering.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProof, PageListError, type ProofReport } from '../src/proof/index.js';
import { buildProofPdf } from '../src/proof/build-pdf.js';
import { parsePageList, spreadOf, spreadsFor } from '../src/proof/select.js';
import { DEFAULT_SHEET, renderSheet, sheetLayout } from '../src/proof/sheet.js';
import { tempDir } from './helpers/project.js';
import { SAMPLE_DIR } from './helpers/sample.js';

const MM = 72 / 25.4;
const env = { SOURCE_DATE_EPOCH: '1504224000' };

let outDir: string;
let report: ProofReport;

beforeAll(async () => {
  outDir = await tempDir('hanpress-proof-');
  report = await makeProof({ dir: SAMPLE_DIR, cwd: outDir, env });
});

describe('hanpress proof', () => {
  it('writes only the PNG, named after the slug, in the working directory', async () => {
    expect(report.out).toBe(path.join(outDir, 'xin-de-shiming-he-dandang-2-proof.png'));
    expect(await readdir(outDir)).toEqual(['xin-de-shiming-he-dandang-2-proof.png']);
  });

  it('chooses the title page, copyright page, first TOC page, first part opener and a dense body spread', () => {
    const labels = report.spreads.flatMap((s) => s.labels.map((l) => l.split(' ')[0]));
    expect(labels).toEqual(['书名页', '版权页', '目录', '编页', '正文']);
    expect(report.spreads[0]).toEqual({ right: 1, labels: ['书名页 p. 1'] });
    expect(report.spreads[1]).toMatchObject({ left: 2, right: 3 });
    for (const spread of report.spreads) {
      if (spread.left !== undefined) expect(spread.left % 2).toBe(0);
      if (spread.right !== undefined) expect(spread.right % 2).toBe(1);
    }
  });

  it('has the size of its layout: two pages per spread, two spreads per row, at 0.75 px per point', async () => {
    const layout = sheetLayout(report.spreads.length, { width: 170 * MM, height: 240 * MM }, DEFAULT_SHEET);
    const meta = await sharp(report.out).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([layout.width, layout.height]);
    expect(layout.pageWidth).toBe(Math.round(170 * MM * 0.75));
    // 5 spreads: 3 rows of two.
    expect(layout.width).toBe(24 * 2 + 2 * 2 * layout.pageWidth + 24);
    expect(layout.height).toBe(24 * 2 + 3 * (30 + layout.pageHeight) + 2 * 24);
  });

  it('shows printed pages: white paper with dark type, not a blank or flat image', async () => {
    const layout = sheetLayout(report.spreads.length, { width: 170 * MM, height: 240 * MM }, DEFAULT_SHEET);
    // The title page's slot: the right half of the first spread.
    const slot = { left: 24 + layout.pageWidth, top: 24 + 30, width: layout.pageWidth, height: layout.pageHeight };
    const { data, info } = await sharp(report.out).extract(slot).greyscale().raw().toBuffer({ resolveWithObject: true });
    const count = info.width * info.height;
    let white = 0;
    let dark = 0;
    for (const v of data) {
      if (v > 245) white++;
      if (v < 96) dark++;
    }
    expect(white / count).toBeGreaterThan(0.9);
    expect(dark / count).toBeGreaterThan(0.002);
    const stats = await sharp(report.out).stats();
    expect(stats.channels[0]?.stdev ?? 0).toBeGreaterThan(20);
    // The sheet's background around the pages is grey, the pages white.
    const corner = await sharp(report.out).extract({ left: 0, top: 0, width: 10, height: 10 }).greyscale().raw().toBuffer();
    expect(Math.max(...corner)).toBeLessThan(230);
  });

  it('renders the same PNG bytes twice from the same PDF', async () => {
    const pdf = await buildProofPdf(SAMPLE_DIR, env);
    const spreads = spreadsFor(parsePageList('2-3,19', pdf.pageCount) as Exclude<ReturnType<typeof parsePageList>, string>, pdf.pageCount);
    const options = { ...DEFAULT_SHEET, labelFont: pdf.ctx.fonts.body.normal.path };
    const [a, b] = [await renderSheet(pdf.bytes, spreads, options), await renderSheet(pdf.bytes, spreads, options)];
    expect(a.equals(b)).toBe(true);
    expect((await sharp(a).metadata()).width).toBe(sheetLayout(2, { width: 170 * MM, height: 240 * MM }, DEFAULT_SHEET).width);
  });

  it('takes --pages as a list of pages and ranges, and refuses pages the book does not have', async () => {
    expect(spreadsFor(parsePageList('1, 5,12-13', 76) as Array<{ page: number; label: string }>, 76)).toEqual([
      { right: 1, labels: ['p. 1'] },
      { left: 4, right: 5, labels: ['p. 5'] },
      { left: 12, right: 13, labels: ['p. 12', 'p. 13'] },
    ]);
    expect(parsePageList('0', 76)).toMatch(/not in 1–76/);
    expect(parsePageList('80', 76)).toMatch(/not in 1–76/);
    expect(parsePageList('a', 76)).toMatch(/not a page number/);
    expect(spreadOf(76, 76)).toEqual({ left: 76 });
    await expect(makeProof({ dir: SAMPLE_DIR, cwd: outDir, env, pages: '999' })).rejects.toBeInstanceOf(PageListError);
  });
});
