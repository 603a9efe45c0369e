/**
 * Every 开本 in templates/pdf/formats.yaml: the sample book, set on each format, passes `check`,
 * builds a PDF whose every printed line (running heads and folios included) lies at least the
 * design's minimum margin inside the TrimBox, with the type area chosen from the trim; one such
 * book's EPUB passes EPUBCheck. The geometry rule itself refuses a text block that crowds the
 * trim.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/pipeline/check.js';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { loadDesign, Typography, type Design } from '../src/typeset/design.js';
import { loadFormats, pageGeometry, POINTS_PER_MM, type Format } from '../src/typeset/geometry.js';
import type { TitlePage } from '../src/derive/front-pages.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { formatMessages, runEpubcheck } from './helpers/epubcheck.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { squash } from './helpers/pdf.js';
import { loadBook, SAMPLE_DIR } from './helpers/sample.js';

const SAMPLE_PRINT = 'print: { paper: { width: 700, height: 1000 }, fold: 16,';
const formats = await loadFormats();
const design = await loadDesign();

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

function formatNamed(name: string): Format {
  return must(formats.find((f) => f.name === name), name);
}

async function projectOn(format: Format): Promise<string> {
  const line = `print: { paper: { width: ${format.paper[0]}, height: ${format.paper[1]} }, fold: ${format.fold},`;
  return line === SAMPLE_PRINT ? SAMPLE_DIR : projectWith({ 'book.yaml': replaceOnce(SAMPLE_PRINT, line) });
}

const CLOSING_MARK = /[，。、；：？！）》」』”’]$/u;

interface Overrun {
  page: number;
  text: string;
  side: string;
  gapMm: number;
}

/** Every text item's em box measured against the TrimBox; those closer than `minMm` to an edge. */
async function marginOverruns(bytes: Uint8Array, minMm: number): Promise<{ overruns: Overrun[]; pages: number; items: number }> {
  const trim = (await PDFDocument.load(bytes, { updateMetadata: false })).getPages().map((p) => p.getTrimBox());
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const overruns: Overrun[] = [];
  let items = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const box = must(trim[n - 1], `TrimBox of page ${n}`);
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        items++;
        const [, , , size, x, y] = item.transform as [number, number, number, number, number, number];
        // A line-end mark the composer set half width keeps its full advance; its ink is in the left half.
        const hang = CLOSING_MARK.test(item.str) ? size / 2 : 0;
        const gaps = {
          left: x - box.x,
          right: box.x + box.width - (x + item.width - hang),
          bottom: y - 0.12 * size - box.y,
          top: box.y + box.height - (y + 0.88 * size),
        };
        for (const [side, gap] of Object.entries(gaps)) {
          const gapMm = gap / POINTS_PER_MM;
          if (gapMm < minMm - 0.05) overruns.push({ page: n, text: item.str, side, gapMm: Math.round(gapMm * 10) / 10 });
        }
      }
    }
    return { overruns, pages: doc.numPages, items };
  } finally {
    await doc.destroy();
  }
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/** One page's text as lines (items sharing a baseline), top to bottom, with their largest size. */
async function pageLines(bytes: Uint8Array, page: number): Promise<Line[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const rows: Array<{ y: number; size: number; items: Array<{ x: number; str: string }> }> = [];
    for (const item of (await (await doc.getPage(page)).getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , size, x, y] = item.transform as [number, number, number, number, number, number];
      const row = rows.find((r) => Math.abs(r.y - y) < 1);
      if (row) {
        row.items.push({ x, str: item.str });
        row.size = Math.max(row.size, size);
      } else rows.push({ y, size, items: [{ x, str: item.str }] });
    }
    return rows
      .sort((a, b) => b.y - a.y)
      .map((r) => ({ text: squash(r.items.sort((a, b) => a.x - b.x).map((i) => i.str).join('')), y: r.y, size: r.size }));
  } finally {
    await doc.destroy();
  }
}

/**
 * The 扉页 holds title, subtitle, every responsibility line and the publisher, no two lines
 * overlapping and the publisher last; page 2 (the 版权页) holds nothing in the title page's sizes.
 */
async function expectTitlePageWhole(bytes: Uint8Array, title: TitlePage): Promise<void> {
  const lines = await pageLines(bytes, 1);
  const text = lines.map((l) => l.text).join('');
  for (const part of [title.main, title.partNumber ?? '', title.subtitle ?? '', ...title.responsibility, title.publisher]) {
    expect(text).toContain(squash(part));
  }
  expect(lines.at(-1)?.text).toBe(squash(title.publisher));
  for (let i = 1; i < lines.length; i++) {
    const [above, below] = [lines[i - 1], lines[i]];
    if (!above || !below) continue;
    // Baselines at least the lower line's em apart: the em boxes do not overlap.
    expect(above.y - below.y, `${above.text} / ${below.text}`).toBeGreaterThanOrEqual(below.size * 0.99);
  }
  const second = await pageLines(bytes, 2);
  expect(second.filter((l) => l.size > 10).map((l) => l.text)).toEqual([]);
}

describe('the sample on every 开本', () => {
  it.each(formats.map((f) => [`${f.name ?? ''} ${f.paper.join('×')}/${f.fold}`, f] as const))(
    '%s: check is clean and every printed line keeps the minimum margin',
    async (_label, format) => {
      const dir = await projectOn(format);
      const checked = await checkProject(dir);
      expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const loaded = await loadBook(dir);
      const pdf = await writePdf(loaded.book, loaded.front, loaded.ctx);
      const geometry = pageGeometry(format.trim, design, new Typography(design).bodyLeading);
      const doc = await PDFDocument.load(pdf.bytes, { updateMetadata: false });
      const trim = must(doc.getPages()[0], 'page 1').getTrimBox();
      expect(trim.width / POINTS_PER_MM).toBeCloseTo(format.trim[0], 1);
      expect(trim.height / POINTS_PER_MM).toBeCloseTo(format.trim[1], 1);
      const read = await marginOverruns(pdf.bytes, design.textBlock.minMargin);
      expect(read.pages).toBeGreaterThan(10);
      expect(read.items).toBeGreaterThan(read.pages * 5);
      expect(read.overruns).toEqual([]);
      await expectTitlePageWhole(pdf.bytes, loaded.front.titlePage);
      // The text block fills the page as far as the margins allow, and never less than the rule's floor.
      expect(geometry.charsPerLine).toBeGreaterThanOrEqual(25);
      expect(geometry.linesPerPage).toBeGreaterThanOrEqual(19);
      expect(geometry.top).toBeGreaterThan(geometry.bottom);
      expect(geometry.inner).toBeGreaterThan(geometry.outer);
    },
    120_000,
  );

  it('keeps the house 16开 type area at 36 characters × 30 lines', () => {
    const sixteen = must(formats.find((f) => f.paper[0] === 700 && f.fold === 16), '700×1000/16');
    const g = pageGeometry(sixteen.trim, design, new Typography(design).bodyLeading);
    expect([g.charsPerLine, g.linesPerPage]).toEqual([36, 30]);
  });

  it('writes an EPUB EPUBCheck passes for a 正32开 book', async () => {
    const dir = await projectOn(formatNamed('正32开'));
    const loaded = await loadBook(dir);
    const file = path.join(await tempDir(), 'book.epub');
    await writeFile(file, await writeEpub(loaded.book, loaded.front, loaded.ctx));
    const report = await runEpubcheck(file);
    expect(formatMessages(report.messages)).toBe('');
    expect(report.counts).toEqual({ fatal: 0, error: 0, warning: 0 });
  }, 120_000);
});

describe('generated pages on the smallest 开本', () => {
  it('a long title, a subtitle of its own and four responsibility lines stay on the title page', async () => {
    const smallest = must(formats.find((f) => f.paper[0] === 700 && f.fold === 32), '700×1000/32');
    const line = `print: { paper: { width: ${smallest.paper[0]}, height: ${smallest.paper[1]} }, fold: ${smallest.fold},`;
    const dir = await projectWith({
      'book.yaml': (text) =>
        [
          replaceOnce(SAMPLE_PRINT, line),
          replaceOnce('  main: 新的使命和担当\n', '  main: 新的使命和担当：全国各级工会深化改革创新的实践探索与经验汇编\n'),
          // otherInfo alone (no partName) is the subtitle.
          replaceOnce('  partName: 中国工会改革创新实录\n', ''),
          replaceOnce('{ name: 陈荣书, role: 副主编 }', '{ name: 陈荣书, role: 副主编, primary: true }'),
          replaceOnce('{ name: 吕国泉, role: 执行副主编 }', '{ name: 吕国泉, role: 执行副主编, primary: true }'),
          replaceOnce('{ name: 王娇萍, role: 编辑 }', '{ name: 王娇萍, role: 编辑, primary: true }'),
        ].reduce((t, edit) => edit(t), text),
    });
    const loaded = await loadBook(dir);
    expect(loaded.front.titlePage.subtitle).toBe('——2015—2017');
    expect(loaded.front.titlePage.responsibility.length).toBe(4);
    const pdf = await writePdf(loaded.book, loaded.front, loaded.ctx);
    await expectTitlePageWhole(pdf.bytes, loaded.front.titlePage);
    expect((await marginOverruns(pdf.bytes, design.textBlock.minMargin)).overruns.filter((o) => o.page <= 2)).toEqual([]);
  }, 120_000);
});

describe('a text block that crowds the trim', () => {
  const zheng32 = formatNamed('正32开');
  const fixed = (charsPerLine: number, linesPerPage: number): Design => ({ ...design, textBlock: { ...design.textBlock, charsPerLine, linesPerPage } });

  it('is refused with the minimum margin named', () => {
    const run = (): unknown => pageGeometry(zheng32.trim, fixed(36, 30), new Typography(design).bodyLeading);
    expect(run).toThrow(BuildFailure);
    try {
      run();
    } catch (error) {
      const [d] = (error as BuildFailure).diagnostics;
      expect(d?.code).toBe('pdf/text-block-too-large');
      expect(d?.message).toContain('130×184 mm');
      expect(d?.message).toContain('12 mm');
    }
  });

  it('is accepted when the counts the book fixes fit', () => {
    const g = pageGeometry(zheng32.trim, fixed(26, 20), new Typography(design).bodyLeading);
    expect([g.charsPerLine, g.linesPerPage]).toEqual([26, 20]);
  });

  it('is refused when a larger minimum margin leaves too few lines', () => {
    const wide: Design = { ...design, textBlock: { ...design.textBlock, minMargin: 50 } };
    expect(() => pageGeometry(zheng32.trim, wide, new Typography(design).bodyLeading)).toThrow(/at least 10 × 10/);
  });
});
