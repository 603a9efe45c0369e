/**
 * Figures and tables in the print PDF, on a made-up book (the sample with one article given a
 * wide figure with a caption, a tall figure, and a wide table long enough to run over pages),
 * read back from the PDF: the drawn size of each image, the caption under it, table text inside
 * the measure, the header row on every page of the table.
 */
import { inflateSync } from 'node:zlib';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../src/writers/pdf/index.js';
import { figureSize } from '../src/typeset/figures.js';
import { columnWidths } from '../src/typeset/tables.js';
import { lines, pageTextRuns, squash, type TextRun } from './helpers/pdf.js';
import { projectWith } from './helpers/project.js';
import { loadBook } from './helpers/sample.js';

const MEASURE = 36 * 10.5;
const TEXT_HEIGHT = 30 * 10.5 * 1.7 + 0.5;

const ROWS = Array.from({ length: 60 }, (_, i) => `| ${i + 1} | 第${i + 1}行 | 全国总工会改革试点方案实施情况 | 2015—2017 | 上海 | 重庆 | 已完成 | 备注${i + 1} |`);
const TABLE = ['| 序号 | 名称 | 内容 | 年份 | 甲地 | 乙地 | 状态 | 说明 |', '|---|---|---|---|---|---|---|---|', ...ROWS].join('\n');

let bytes: Uint8Array;
let doc: PDFDocument;

interface Drawn {
  page: number;
  width: number;
  height: number;
  x: number;
  /** The image's lower edge, PDF space. */
  bottom: number;
}

/** Every image XObject drawn, with its size and place (PDF points, y up). */
function drawnImages(): Drawn[] {
  const out: Drawn[] = [];
  doc.getPages().forEach((page, index) => {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const text = streams.map((s) => (s instanceof PDFRawStream ? inflateSync(s.getContents()).toString('latin1') : '')).join('\n');
    const num = String.raw`(-?\d+(?:\.\d+)?)`;
    // The writer draws an image as `q w 0 0 h x y cm /I… Do Q` in PDF space (y up from the
    // sheet's bottom, as pdfjs reports text), y the lower edge.
    const re = new RegExp(String.raw`${num} 0 0 ${num} ${num} ${num} cm\s*/I\w+ Do`, 'g');
    for (const m of text.matchAll(re)) {
      const [w, h, x, y] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
      out.push({ page: index + 1, width: w, height: h, x, bottom: y });
    }
  });
  return out;
}

beforeAll(async () => {
  const body = [
    '本篇正文未收入本样稿。',
    '',
    '![宽图](images/wide.png "图1　宽幅示意图")',
    '',
    '![高图](images/tall.png)',
    '',
    TABLE,
    '',
    '表后的段落。',
  ].join('\n');
  const dir = await projectWith({
    'chapters/1-01.md': (t) => t.replace('本篇正文未收入本样稿：种子材料只有目录中的标题和日期。', body),
  });
  await mkdir(path.join(dir, 'chapters', 'images'), { recursive: true });
  await writeFile(
    path.join(dir, 'chapters', 'images', 'wide.png'),
    await sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer(),
  );
  await writeFile(
    path.join(dir, 'chapters', 'images', 'tall.png'),
    await sharp({ create: { width: 600, height: 3000, channels: 3, background: { r: 40, g: 40, b: 200 } } }).png().toBuffer(),
  );
  const loaded = await loadBook(dir);
  bytes = (await writePdf(loaded.book, loaded.front, loaded.ctx)).bytes;
  if (process.env.HANPRESS_DUMP) await writeFile(process.env.HANPRESS_DUMP, bytes);
  doc = await PDFDocument.load(bytes, { updateMetadata: false });
});

describe('figures and tables in the print PDF', () => {
  it('fits a wide image to the measure, keeping its aspect ratio', () => {
    const wide = drawnImages().find((d) => d.width > d.height);
    expect(wide).toBeDefined();
    expect(wide?.width).toBeCloseTo(MEASURE, 1);
    // sharp shrinks it to 1600 × 533 px first (src/images/process.ts), so a third within a pixel.
    expect(Math.abs((wide?.height ?? 0) - MEASURE / 3)).toBeLessThan(MEASURE / 1600);
  });

  it('sets a tall image at 300 ppi inside the text height, keeping its aspect ratio, never wider than the measure', () => {
    const tall = drawnImages().find((d) => d.height > d.width);
    expect(tall).toBeDefined();
    // 600 × 3000 px → 320 × 1600 px after sharp → 76.8 × 384 pt at 300 ppi: fits as it is.
    expect(tall?.height).toBeCloseTo(384, 3);
    expect(tall?.height ?? Infinity).toBeLessThanOrEqual(TEXT_HEIGHT);
    expect((tall?.height ?? 0) / (tall?.width ?? 1)).toBeCloseTo(5, 2);
    // An image too tall for the page is shrunk to the text height.
    expect(figureSize({ width: 1000, height: 8000 }, MEASURE, TEXT_HEIGHT).height).toBeCloseTo(TEXT_HEIGHT, 6);
    expect(figureSize({ width: 1000, height: 8000 }, MEASURE, TEXT_HEIGHT).width).toBeCloseTo(TEXT_HEIGHT / 8, 6);
    for (const d of drawnImages()) expect(d.width).toBeLessThanOrEqual(MEASURE + 0.01);
  });

  it('prints the numbered caption (图1-1 and the title, its hand-written number dropped) under the image, centred on it', async () => {
    const wide = drawnImages().find((d) => d.width > d.height);
    if (!wide) throw new Error('no wide image');
    const runs = await pageTextRuns(bytes, wide.page);
    const caption = lines(runs).find((l) => squash(l.map((r) => r.str).join('')) === '图1-1宽幅示意图');
    expect(caption, runs.map((r) => r.str).join('')).toBeDefined();
    const y = caption?.[0]?.y ?? 0;
    const imageBottom = wide.bottom;
    expect(y).toBeLessThan(imageBottom);
    expect(y).toBeGreaterThan(imageBottom - 20);
    const left = Math.min(...(caption ?? []).map((r) => r.x));
    const right = Math.max(...(caption ?? []).map((r) => r.x + r.width));
    expect((left + right) / 2).toBeCloseTo(wide.x + wide.width / 2, 0);
  });

  it('sets the wide table inside the measure and repeats its header row on every page it runs onto', async () => {
    const pages: number[] = [];
    for (let n = 1; n <= doc.getPageCount(); n++) {
      const runs: TextRun[] = await pageTextRuns(bytes, n);
      const text = squash(runs.map((r) => r.str).join(''));
      if (!/第\d+行/.test(text)) continue;
      pages.push(n);
      expect(text, `page ${n}`).toContain('序号名称内容年份甲地乙地状态说明');
      const cells = runs.filter((r) => r.str.trim() !== '' && r.y < 600 && r.y > 70);
      const left = Math.min(...cells.map((r) => r.x));
      const right = Math.max(...cells.map((r) => r.x + r.width));
      expect(right - left, `page ${n}`).toBeLessThanOrEqual(MEASURE + 0.5);
    }
    expect(pages.length).toBeGreaterThan(1);
  });

  it('shares the measure out by content, with a floor for short columns', () => {
    const text = (s: string): Array<{ type: 'text'; value: string }> => [{ type: 'text', value: s }];
    const widths = columnWidths([[text('序号'), text('全国总工会改革试点方案实施情况')]], MEASURE, 9);
    expect(widths.reduce((a, b) => a + b, 0) + 16).toBeCloseTo(MEASURE, 6);
    expect(widths[1] ?? 0).toBeGreaterThan((widths[0] ?? 0) * 3);
    expect(widths[0]).toBeGreaterThanOrEqual(18);
  });
});
