/**
 * hanpress's own PDF writer (src/writers/pdf): glyph ids that stay the font's own, so a page's
 * content stream is the same bytes whatever else the book holds; text that extracts back as it
 * was set; the page cache; a file id derived from the content.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import type { Page, PageItem, RunStyle, VectorGraphic } from '../src/typeset/model.js';
import { setText } from '../src/typeset/text.js';
import { memoryPageCache, pageKey } from '../src/writers/pdf/page-cache.js';
import { renderPageStream } from '../src/writers/pdf/page-stream.js';
import { renderPages, type RenderOptions } from '../src/writers/pdf/render.js';
import { pageTextItems, squash } from './helpers/pdf.js';
import { tempDir } from './helpers/project.js';

const SIZE = 10.5;
const MEASURE = 20 * SIZE;
const geometry = { width: MEASURE + 100, height: 300, textWidth: MEASURE, textHeight: 220, top: 40, bottom: 40, inner: 50, outer: 50, charsPerLine: 20, linesPerPage: 12 };
const options: RenderOptions = { info: { Title: 'writer' }, language: 'zh-Hans', boxes: { bleedMm: 3, cropMarks: false } };

const TEXTS = {
  a: '话说大宋仁宗天子在位，嘉祐三年三月三日五更三点，天子驾坐紫宸殿，受百官朝贺。「但见」（祥云）迷凤阁，瑞气罩龙楼。',
  b: '鲁提辖拳打镇关西：郑屠右手拿刀，左手便来要揪鲁达；被这鲁提辖就势按住左手，赶将入去，望小腹上只一脚。',
  latin: 'The office staff fixed it —— in 2017, “fine” …… OK',
};

let fonts: FontBook;

/** poppler's pdftotext, a second reader beside pdfjs where it is installed (dev machines, not a fresh CI). */
function popplerText(file: string): string | undefined {
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function page(number: number, text: string, bold = false): Page {
  const style: RunStyle = { font: 'body', bold, size: SIZE };
  const set = setText([{ text, style }], { measure: MEASURE, indent: 2 * SIZE }, fonts, SIZE);
  return {
    number,
    kind: 'text',
    items: set.map((line, i) => ({ kind: 'text' as const, x: 0, baseline: 20 + i * SIZE * 1.7, line })),
    outline: [],
    head: '',
    opening: false,
    folio: '',
  };
}

async function contentStreams(bytes: Uint8Array): Promise<Buffer[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((p) => {
    const stream = doc.context.lookup(p.node.get(PDFName.of('Contents')));
    if (!(stream instanceof PDFRawStream)) throw new Error('no content stream');
    return Buffer.from(stream.getContents());
  });
}

beforeAll(async () => {
  fonts = new FontBook(await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript')));
});

describe('the PDF writer', () => {
  it('writes a page as the same stream bytes whatever other pages the book holds', async () => {
    const alone = await renderPages([page(1, TEXTS.a)], fonts, geometry, new Map(), options);
    const among = await renderPages([page(1, TEXTS.b, true), page(2, TEXTS.latin), page(3, TEXTS.a)], fonts, geometry, new Map(), options);
    const [streamAlone] = await contentStreams(alone);
    const streams = await contentStreams(among);
    // Page 3 is a recto like page 1: same frame, so the same bytes.
    expect(streamAlone?.equals(streams[2] ?? Buffer.alloc(0))).toBe(true);
    expect(streams[0]?.equals(streamAlone ?? Buffer.alloc(0))).toBe(false);
  });

  it('shows text by the fonts\' own glyph ids, through an Identity-H Type0 font over a CIDFontType2', async () => {
    const bytes = await renderPages([page(1, TEXTS.a)], fonts, geometry, new Map(), options);
    const text = inflateSync((await contentStreams(bytes))[0] ?? Buffer.alloc(0)).toString('latin1');
    const face = fonts.face('body', false);
    const opened = fontkit.openSync(face.source.path);
    const font = 'fonts' in opened ? opened.fonts[0] : opened;
    const gid = (ch: string): string => (font?.glyphForCodePoint(ch.codePointAt(0) ?? 0).id ?? -1).toString(16).padStart(4, '0');
    // 话说 are the first two glyphs of the first line, shown by their ids in the font.
    expect(text).toContain(`<${gid('话')}${gid('说')}`);
    const doc = await PDFDocument.load(bytes);
    const resources = doc.getPages()[0]?.node.Resources();
    const fontsDict = resources?.lookup(PDFName.of('Font'), PDFDict);
    const type0 = fontsDict?.lookup(PDFName.of('Fbody'), PDFDict);
    expect(type0?.get(PDFName.of('Encoding'))?.toString()).toBe('/Identity-H');
    const cid = type0?.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    expect(cid?.get(PDFName.of('Subtype'))?.toString()).toBe('/CIDFontType2');
    expect(cid?.get(PDFName.of('CIDToGIDMap'))?.toString()).toBe('/Identity');
  });

  it('embeds a subset that keeps glyph ids: used glyphs drawn, unused ones empty', async () => {
    const bytes = await renderPages([page(1, TEXTS.a)], fonts, geometry, new Map(), options);
    const doc = await PDFDocument.load(bytes);
    const fontFile = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .find((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.has(PDFName.of('Length')) && !o.dict.has(PDFName.of('Type')) && inflateSync(o.getContents()).readUInt32BE(0) === 0x00010000);
    expect(fontFile).toBeDefined();
    const subset = fontkit.create(inflateSync(fontFile?.getContents() ?? Buffer.alloc(0)));
    const original = fontkit.openSync(fonts.face('body', false).source.path);
    if ('fonts' in subset || 'fonts' in original) throw new Error('expected single fonts');
    expect(subset.numGlyphs).toBe(original.numGlyphs);
    const used = original.glyphForCodePoint('紫'.codePointAt(0) ?? 0).id;
    const unused = original.glyphForCodePoint('龟'.codePointAt(0) ?? 0).id;
    const outline = (f: fontkit.Font, id: number): number => (f as unknown as { getGlyph(id: number): { path: { commands: unknown[] } } }).getGlyph(id).path.commands.length;
    expect(outline(subset, used)).toBe(outline(original, used));
    expect(outline(subset, used)).toBeGreaterThan(0);
    expect(outline(subset, unused)).toBe(0);
  });

  it('extracts back the text it set, halt-set brackets, ligatures and dashes included', async () => {
    const bytes = await renderPages([page(1, TEXTS.a), page(2, TEXTS.latin)], fonts, geometry, new Map(), options);
    const pages = await pageTextItems(bytes);
    expect(squash(pages[0]?.map((i) => i.str).join('') ?? '')).toBe(squash(TEXTS.a));
    expect(squash(pages[1]?.map((i) => i.str).join('') ?? '')).toBe(squash(TEXTS.latin));
    const dir = await tempDir('hanpress-writer-');
    const file = path.join(dir, 'w.pdf');
    await writeFile(file, bytes);
    const poppler = popplerText(file);
    if (poppler !== undefined) expect(squash(poppler)).toBe(squash(TEXTS.a + TEXTS.latin));
  });

  it('places every glyph where the composer measured it', async () => {
    const set = page(1, TEXTS.a);
    const bytes = await renderPages([set], fonts, geometry, new Map(), options);
    const items = (await pageTextItems(bytes))[0] ?? [];
    const first = set.items[0];
    if (first?.kind !== 'text') throw new Error('no line');
    // The line's right edge: its last run ends at the measure (justified).
    const lastRun = first.line.runs.at(-1);
    expect((lastRun?.x ?? 0) + (lastRun?.width ?? 0)).toBeCloseTo(MEASURE, 3);
    const bleed = (3 * 72) / 25.4;
    expect(items[0]?.x).toBeCloseTo(bleed + 50 + 2 * SIZE, 2);
  });

  it('gives the same bytes with and without the page cache (pages and font subsets), and hits it the second time', async () => {
    const pages = [page(1, TEXTS.a), page(2, TEXTS.b), page(3, TEXTS.latin)];
    const plain = await renderPages(pages, fonts, geometry, new Map(), options);
    const cache = memoryPageCache();
    let hits = 0;
    const counting = { get: (key: string) => { const v = cache.get(key); if (v) hits++; return v; }, set: cache.set };
    const cold = await renderPages(pages, fonts, geometry, new Map(), { ...options, pageCache: counting });
    // Three pages, the one face's subset and its ToUnicode map.
    expect(cache.size()).toBe(5);
    expect(hits).toBe(0);
    const warm = await renderPages(pages, fonts, geometry, new Map(), { ...options, pageCache: counting });
    expect(hits).toBe(5);
    expect(Buffer.from(cold).equals(Buffer.from(plain))).toBe(true);
    expect(Buffer.from(warm).equals(Buffer.from(plain))).toBe(true);
  });

  it('treats a damaged cache entry as a miss, never as a page', async () => {
    const pages = [page(1, TEXTS.a)];
    const plain = await renderPages(pages, fonts, geometry, new Map(), options);
    const broken = { get: () => new Uint8Array([0, 0, 0, 200, 1, 2, 3]), set: () => undefined };
    const out = await renderPages(pages, fonts, geometry, new Map(), { ...options, pageCache: broken });
    expect(Buffer.from(out).equals(Buffer.from(plain))).toBe(true);
  });

  it('keys a page by everything that draws it', () => {
    const one = page(1, TEXTS.a);
    const frame = { x: 10, y: 20, sheetHeight: 300 };
    const key = pageKey(one.items, frame, { cmyk: false }, fonts);
    expect(pageKey(one.items, frame, { cmyk: false }, fonts)).toBe(key);
    expect(pageKey(one.items, { ...frame, x: 11 }, { cmyk: false }, fonts)).not.toBe(key);
    expect(pageKey(one.items, frame, { cmyk: true }, fonts)).not.toBe(key);
    expect(pageKey(page(1, TEXTS.b).items, frame, { cmyk: false }, fonts)).not.toBe(key);
    const stream = renderPageStream(one.items, frame, { cmyk: true }, fonts);
    expect(inflateSync(stream.data).toString('latin1')).toMatch(/^0 0 0 1 k 0 0 0 1 K/);
    expect(Object.keys(stream.fonts)).toEqual(['body']);
  });

  it('sets bold in a one-weight face as synthetic bold: filled and stroked glyphs', async () => {
    const config = await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript'));
    const oneWeight = new FontBook({ ...config, body: { ...config.body, bold: config.body.normal, syntheticBold: true } });
    const style: RunStyle = { font: 'body', bold: true, size: SIZE };
    const bold = setText([{ text: TEXTS.b, style }], { measure: MEASURE, indent: 0 }, oneWeight, SIZE);
    const plain = setText([{ text: TEXTS.b, style: { ...style, bold: false } }], { measure: MEASURE, indent: 0 }, oneWeight, SIZE);
    const frame = { x: 10, y: 20, sheetHeight: 300 };
    const at = (lines: typeof bold) => lines.map((line, i) => ({ kind: 'text' as const, x: 0, baseline: 20 + i * 18, line }));
    const boldStream = inflateSync(renderPageStream(at(bold), frame, { cmyk: true }, oneWeight).data).toString('latin1');
    const plainStream = inflateSync(renderPageStream(at(plain), frame, { cmyk: true }, oneWeight).data).toString('latin1');
    expect(boldStream).toContain(`0.35 w\n2 Tr`);
    expect(boldStream).toMatch(/0 Tr\nET/);
    expect(plainStream).not.toContain('Tr');
    // The same items under a font book with a real bold face are another page.
    expect(pageKey(at(bold), frame, { cmyk: true }, oneWeight)).not.toBe(pageKey(at(bold), frame, { cmyk: true }, fonts));
  });

  it('draws vector items as paths in marked content, with opacity on screen and none in K-only ink', async () => {
    const graphic: VectorGraphic = {
      width: 100,
      height: 50,
      paths: [
        { d: 'M 0 0 L 100 0 L 100 50 Z', fill: { colour: [1, 0, 0], rule: 'evenodd', opacity: 0.5 }, clips: [{ d: 'M 0 0 L 50 0 L 50 50 Z', rule: 'nonzero' }] },
        { d: 'M 0 50 Q 50 0 100 50', stroke: { colour: [0, 0, 0], width: 2, cap: 'round', join: 'bevel', miterLimit: 4, dash: [3, 1] } },
      ],
      texts: [{ text: '图示', x: 10, y: 40, size: 12, colour: [0, 0, 0] }],
    };
    const items: PageItem[] = [{ kind: 'vector', role: 'figure', x: 0, y: 0, width: 200, height: 100, graphic }];
    const frame = { x: 50, y: 40, sheetHeight: 300 };
    const screen = renderPageStream(items, frame, { cmyk: false }, fonts);
    const text = inflateSync(screen.data).toString('latin1');
    expect(text).toMatch(/\/Figure BMC[\s\S]*EMC/);
    expect(text).toContain('2 0 0 -2 50 260 cm');
    expect(text).toContain('0 0 m 50 0 l 50 50 l h W n');
    expect(text).toContain(`/${screen.states[0]} gs`);
    expect(screen.states).toEqual(['GSf500']);
    // Q 50 0 100 50 from (0, 50): the cubic with control points two thirds of the way to (50, 0).
    expect(text).toContain('33.333 16.667 66.667 16.667 100 50 c S');
    expect(text).toContain('2 w 1 J 2 j 4 M [3 1] 0 d');
    expect(Object.keys(screen.fonts)).toEqual(['body']);
    const ink = renderPageStream(items, frame, { cmyk: true }, fonts);
    const inkText = inflateSync(ink.data).toString('latin1');
    expect(ink.states).toEqual([]);
    expect(inkText).not.toMatch(/ rg| RG| gs/);
    expect(inkText).toContain('0 0 0 0.787 k');
    const bytes = await renderPages([{ number: 1, kind: 'text', items, outline: [], head: '', opening: false, folio: '' }], fonts, geometry, new Map(), options);
    expect(squash((await pageTextItems(bytes))[0]?.map((i) => i.str).join('') ?? '')).toBe('图示');
  });

  it('derives the file id from the content: same pages, same id; other pages, another', async () => {
    const id = (bytes: Uint8Array): string => /\/ID \[<([0-9A-F]+)>/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? '';
    const a1 = await renderPages([page(1, TEXTS.a)], fonts, geometry, new Map(), options);
    const a2 = await renderPages([page(1, TEXTS.a)], fonts, geometry, new Map(), options);
    const b = await renderPages([page(1, TEXTS.b)], fonts, geometry, new Map(), options);
    expect(id(a1)).toMatch(/^[0-9A-F]{32}$/);
    expect(id(a1)).toBe(id(a2));
    expect(id(b)).not.toBe(id(a1));
    expect(Buffer.from(a1).equals(Buffer.from(a2))).toBe(true);
  });

  it('writes a file qpdf finds no fault in', async () => {
    const bytes = await renderPages([page(1, TEXTS.a), page(2, TEXTS.latin)], fonts, geometry, new Map(), { ...options, boxes: { bleedMm: 3, cropMarks: true }, ink: true });
    const dir = await tempDir('hanpress-writer-');
    const file = path.join(dir, 'q.pdf');
    await writeFile(file, bytes);
    let qpdf: string;
    try {
      qpdf = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    } catch (error) {
      // qpdf is a dev tool (not on a fresh CI machine): pdf-lib reads the file either way.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      qpdf = 'No syntax or stream encoding errors';
    }
    expect(qpdf).toContain('No syntax or stream encoding errors');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(2);
    const annotsOrNone = doc.getPages()[0]?.node.get(PDFName.of('Annots'));
    expect(annotsOrNone === undefined || annotsOrNone instanceof PDFRef || annotsOrNone instanceof PDFArray).toBe(true);
  });
});

describe('the PDF writer with a CFF (OpenType .otf) face', () => {
  const OTF = path.resolve(import.meta.dirname, 'fixtures/fonts/SourceHanSansSC-subset.otf');
  const TEXT = '话说大宋仁宗天子在位，嘉祐三年三月三日五更三点。「但见」（祥云）迷凤阁';
  let cffFonts: FontBook;

  beforeAll(async () => {
    const config = await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript'));
    cffFonts = new FontBook({ ...config, body: { ...config.body, normal: { path: OTF }, bold: { path: OTF } } });
  });

  function cffPage(number: number, text: string): Page {
    const style: RunStyle = { font: 'body', bold: false, size: SIZE };
    const set = setText([{ text, style }], { measure: MEASURE, indent: 2 * SIZE }, cffFonts, SIZE);
    return { number, kind: 'text', items: set.map((line, i) => ({ kind: 'text' as const, x: 0, baseline: 20 + i * SIZE * 1.7, line })), outline: [], head: '', opening: false, folio: '' };
  }

  it('embeds it as a CIDFontType0 (bare CFF) and shows each glyph by its CID from the charset', async () => {
    const bytes = await renderPages([cffPage(1, TEXT)], cffFonts, geometry, new Map(), options);
    const doc = await PDFDocument.load(bytes);
    const type0 = doc.getPages()[0]?.node.Resources()?.lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('Fbody'), PDFDict);
    const cid = type0?.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    expect(cid?.get(PDFName.of('Subtype'))?.toString()).toBe('/CIDFontType0');
    const descriptor = cid?.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const program = descriptor?.lookup(PDFName.of('FontFile3'));
    expect(program instanceof PDFRawStream && program.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/CIDFontType0C');
    const opened = fontkit.openSync(OTF) as fontkit.Font & { 'CFF ': { topDict: { charset: { ranges: Array<{ first: number; nLeft: number }> } } } };
    const gid = opened.glyphForCodePoint('话'.codePointAt(0) ?? 0).id;
    // The charset's CID of that glyph (format 1 ranges cover glyph ids from 1 on).
    let next = 1;
    let cidOf = -1;
    for (const range of opened['CFF '].topDict.charset.ranges) {
      if (gid >= next && gid <= next + range.nLeft) cidOf = range.first + gid - next;
      next += range.nLeft + 1;
    }
    expect(cidOf).not.toBe(gid);
    const text = inflateSync((await contentStreams(bytes))[0] ?? Buffer.alloc(0)).toString('latin1');
    expect(text).toContain(`<${cidOf.toString(16).padStart(4, '0')}`);
  });

  it('extracts back the text, and a page is the same bytes among other pages', async () => {
    const alone = await renderPages([cffPage(1, TEXT)], cffFonts, geometry, new Map(), options);
    const among = await renderPages([cffPage(1, '天子在位'), cffPage(2, '三月三日'), cffPage(3, TEXT)], cffFonts, geometry, new Map(), options);
    expect((await contentStreams(alone))[0]?.equals((await contentStreams(among))[2] ?? Buffer.alloc(0))).toBe(true);
    const pages = await pageTextItems(alone);
    expect(squash(pages[0]?.map((i) => i.str).join('') ?? '')).toBe(squash(TEXT));
    const dir = await tempDir('hanpress-writer-cff-');
    await writeFile(path.join(dir, 'cff.pdf'), alone);
    const poppler = popplerText(path.join(dir, 'cff.pdf'));
    if (poppler !== undefined) expect(squash(poppler)).toBe(squash(TEXT));
  });
});
