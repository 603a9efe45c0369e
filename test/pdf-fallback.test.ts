/**
 * Fallback faces in the PDF: a character the body face lacks is set in the first fonts.yaml
 * `fallback` face that has it, embedded, measured with that face, and the line stays
 * justified. The body face here is Noto Serif SC cut down to the paragraph's characters minus
 * one (as test/glyph-coverage.test.ts builds it); the fallback is Noto Sans SC, so the two
 * embedded fonts have different names.
 *
 * The paragraph is set and drawn through the same pieces the writer uses (the font book, the
 * composer and the PDF writer); test/glyph-coverage.test.ts checks a whole book built
 * that way.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { subsetFont } from '../src/fonts/subset.js';
import type { FontConfig } from '../src/fonts/config.js';
import { fallbackKey, FontBook } from '../src/typeset/fonts.js';
import type { Page, RunStyle } from '../src/typeset/model.js';
import { setText, splitByFace } from '../src/typeset/text.js';
import { renderPages } from '../src/writers/pdf/render.js';
import { fonts as pdfFonts, lines, pageTextRuns, type TextRun as PdfTextRun } from './helpers/pdf.js';
import { tempDir } from './helpers/project.js';

const RARE = '鳌';
const SIZE = 10.5;
/** 20 em: three and a half lines of the text below, 鳌 on the second line, away from its ends. */
const MEASURE = 20 * SIZE;
const LEFT = 50;
const TEXT = '话说大宋仁宗天子在位，嘉祐三年三月三日五更三点，天子驾坐紫宸殿，受百官朝贺。殿前有一块' + RARE + '头石碑，字迹犹在，众官看了，都称奇异。但见祥云迷凤阁，瑞气罩龙楼。含烟御柳拂旌旗，带露宫花迎剑戟。';

interface Rendered {
  bytes: Uint8Array;
  composed: string[];
}

async function render(bodyPath: string, fallbackPath: string, config: FontConfig): Promise<Rendered> {
  const bodyFace = { path: bodyPath };
  const fonts = new FontBook({
    ...config,
    body: { family: 'body', normal: bodyFace, bold: bodyFace, syntheticBold: true },
    fallback: [{ family: 'Noto Sans SC', path: fallbackPath }],
  });
  const base: RunStyle = { font: 'body', bold: false, size: SIZE };
  // The writer's own pieces: the composer through the font book, then the PDF writer.
  const set = setText([{ text: TEXT, style: base }], { measure: MEASURE, indent: 2 * SIZE }, fonts, SIZE);
  const composed = set.map((line) => line.runs.map((r) => r.text).join(''));
  const page: Page = {
    number: 1,
    kind: 'text',
    items: set.map((line, i) => ({ kind: 'text', x: 0, baseline: 20 + i * SIZE * 1.7, line })),
    outline: [],
    head: '',
    opening: false,
    folio: '',
  };
  const geometry = { width: MEASURE + 2 * LEFT, height: 300, textWidth: MEASURE, textHeight: 220, top: 40, bottom: 40, inner: LEFT, outer: LEFT, charsPerLine: 20, linesPerPage: 12 };
  const bytes = await renderPages([page], fonts, geometry, new Map(), { info: { Title: 'fallback' }, language: 'zh-Hans', boxes: { bleedMm: 0, cropMarks: false } });
  return { bytes, composed };
}

describe('fallback fonts in the PDF', () => {
  let rendered: Rendered;
  let runs: PdfTextRun[];

  beforeAll(async () => {
    const config = await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript'));
    const dir = await tempDir('hanpress-fallback-');
    const codePoints = new Set(Array.from(TEXT, (c) => c.codePointAt(0) ?? 0));
    codePoints.delete(RARE.codePointAt(0) ?? 0);
    const source = await readFile(config.body.normal.path);
    const bodyPath = path.join(dir, 'body-lacking.ttf');
    await writeFile(bodyPath, await subsetFont(new Uint8Array(source), codePoints));
    rendered = await render(bodyPath, config.heading.normal.path, config);
    runs = await pageTextRuns(rendered.bytes, 1);
  }, 60_000);

  it('splits runs by face only where the role face lacks a glyph', () => {
    const style: RunStyle = { font: 'body', bold: false, size: SIZE };
    const faceFor = (key: string, _b: boolean, cp: number): string => (cp === 0x9ccc ? fallbackKey(0) : key);
    const drawsAll = (key: string, b: boolean, text: string): boolean => Array.from(text).every((c) => faceFor(key, b, c.codePointAt(0) ?? 0) === key);
    const fonts = { hasFallbacks: true, faceFor, drawsAll } as unknown as FontBook;
    const split = splitByFace([{ text: `一${RARE}${RARE}二`, style }], fonts);
    expect(split.map((r) => [r.text, r.style.font])).toEqual([
      ['一', 'body'],
      [`${RARE}${RARE}`, fallbackKey(0)],
      ['二', 'body'],
    ]);
    // One style object per face, so the composer keeps such characters in one segment.
    expect(split[0]?.style).toBe(style);
    expect(split[2]?.style).toBe(style);
    expect(splitByFace([{ text: '一二', style }], fonts)[0]?.style).toBe(style);
  });

  it('embeds the fallback face beside the body face', async () => {
    const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false });
    const names = pdfFonts(doc).map((f) => ({ name: f.baseFont.replace(/^[A-Z]{6}\+/, ''), embedded: f.embedded }));
    expect(names).toContainEqual({ name: 'NotoSansSC-Regular', embedded: true });
    expect(names).toContainEqual({ name: 'NotoSerifSC-Regular', embedded: true });
  });

  it('extracts the character as text where it is set, in its line', () => {
    const rows = lines(runs.filter((r) => r.str.trim() !== ''));
    const row = rows.find((l) => l.some((r) => r.str.includes(RARE)));
    expect(row, 'a line with the fallback character').toBeDefined();
    const text = (row ?? []).map((r) => r.str).join('');
    const composed = rendered.composed.find((l) => l.includes(RARE)) ?? '';
    expect(text).toBe(composed);
    // Between its neighbours: the run before it ends where it starts, the next starts after it.
    const items = row ?? [];
    const at = items.findIndex((r) => r.str.includes(RARE));
    const rare = items[at] as PdfTextRun;
    expect(rare.str).toBe(RARE);
    const before = items[at - 1] as PdfTextRun;
    const after = items[at + 1] as PdfTextRun;
    expect(rare.x).toBeGreaterThan(before.x + before.width - 0.01);
    expect(rare.x).toBeLessThan(before.x + before.width + 2);
    expect(after.x).toBeGreaterThan(rare.x + rare.width - 0.01);
    expect(after.x).toBeLessThan(rare.x + rare.width + 2);
  });

  it('keeps every non-final line justified to the measure', () => {
    const rows = lines(runs.filter((r) => r.str.trim() !== ''));
    expect(rows.length).toBe(rendered.composed.length);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    rows.slice(0, -1).forEach((row) => {
      const last = row[row.length - 1] as PdfTextRun;
      expect(Math.abs(last.x + last.width - (LEFT + MEASURE)), row.map((r) => r.str).join('')).toBeLessThan(0.5);
    });
  });

});
