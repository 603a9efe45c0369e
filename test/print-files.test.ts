/**
 * `hanpress build --print` on the sample and on variants (a printer's caliper, PDF/X-1a,
 * flaps, a blurb, the project's own cover.jpg): both print files are read back with pdf-lib,
 * pdfjs-dist and our own EAN-13 decoder — PDF/X keys, boxes on every page, no RGB operator or
 * colour space anywhere, K-only text in the book block, fonts embedded, the cover's trim width
 * = 2 × trim + spine, the bar code decoding to the ISBN — and preflighted.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook, type BuildReport } from '../src/pipeline/build.js';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { MODULE_MM } from '../src/cover/barcode.js';
import { preflight } from '../src/print/preflight/index.js';
import { blackRects, decodeEan13 } from './helpers/ean13.js';
import { pageTextItems } from './helpers/pdf.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const MM = 72 / 25.4;
const TRIM_W = 170;
const TRIM_H = 240;
const ISBN = '9787500867906';

interface Built {
  report: BuildReport;
  block: PDFDocument;
  cover: PDFDocument;
  blockBytes: Uint8Array;
  coverBytes: Uint8Array;
}

async function build(dir: string): Promise<Built> {
  const report = await buildBook({ dir, outDir: await tempDir('hanpress-print-'), env: { SOURCE_DATE_EPOCH: '1504224000' }, print: true });
  if (!report.print) throw new Error('no print files reported');
  const blockBytes = new Uint8Array(await readFile(report.print.block.path));
  const coverBytes = new Uint8Array(await readFile(report.print.cover.path));
  return {
    report,
    blockBytes,
    coverBytes,
    block: await PDFDocument.load(blockBytes, { updateMetadata: false }),
    cover: await PDFDocument.load(coverBytes, { updateMetadata: false }),
  };
}

function lookup(doc: PDFDocument, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? doc.context.lookup(value) : value;
}

function infoText(doc: PDFDocument, key: string): string | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
  const value = lookup(doc, info.get(PDFName.of(key)));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value?.toString();
}

function box(page: PDFPage, name: string): number[] {
  const value = page.node.get(PDFName.of(name));
  if (!(value instanceof PDFArray)) return [];
  return value.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
}

/** Every stream in the file, decompressed, and every dictionary, as text: what a grep of a qpdf --qdf copy sees. */
function everything(doc: PDFDocument): string {
  const parts: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) {
      parts.push(object.dict.toString());
      const filter = object.dict.get(PDFName.of('Filter'));
      const raw = object.getContents();
      parts.push(filter?.toString() === '/FlateDecode' ? inflateSync(raw).toString('latin1') : Buffer.from(raw).toString('latin1'));
    } else parts.push(object.toString());
  }
  return parts.join('\n');
}

function expectPdfx(doc: PDFDocument, bytes: Uint8Array, version: string, header: string): void {
  expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(header);
  expect(infoText(doc, 'GTS_PDFXVersion')).toBe(version);
  expect(infoText(doc, 'Trapped')).toBe('/False');
  const intents = lookup(doc, doc.catalog.get(PDFName.of('OutputIntents'))) as PDFArray;
  const intent = lookup(doc, intents.get(0)) as PDFDict;
  expect(intent.get(PDFName.of('S'))?.toString()).toBe('/GTS_PDFX');
  expect((intent.get(PDFName.of('OutputConditionIdentifier')) as PDFString).decodeText()).toBe('CGATS TR 001');
  const profile = lookup(doc, intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream;
  const icc = inflateSync(profile.getContents());
  expect(icc.subarray(12, 20).toString('latin1')).toBe('prtrCMYK');
  const xmp = lookup(doc, doc.catalog.get(PDFName.of('Metadata'))) as PDFRawStream;
  const packet = Buffer.from(xmp.getContents()).toString('utf8');
  expect(packet).toContain(`<pdfxid:GTS_PDFXVersion>${version}</pdfxid:GTS_PDFXVersion>`);
  expect(packet).toContain('<pdf:Trapped>False</pdf:Trapped>');
}

function expectBoxes(page: PDFPage, trimWidth: number, trimHeight: number): void {
  const trim = box(page, 'TrimBox');
  const bleed = box(page, 'BleedBox');
  const media = box(page, 'MediaBox');
  expect((trim[2] ?? 0) - (trim[0] ?? 0)).toBeCloseTo(trimWidth, 1);
  expect((trim[3] ?? 0) - (trim[1] ?? 0)).toBeCloseTo(trimHeight, 1);
  [-1, -1, 1, 1].forEach((sign, i) => expect(((bleed[i] ?? 0) - (trim[i] ?? 0)) * sign).toBeCloseTo(3 * MM, 2));
  [-1, -1, 1, 1].forEach((sign, i) => expect(((media[i] ?? 0) - (bleed[i] ?? 0)) * sign).toBeGreaterThan(5 * MM));
}

/** Every font dictionary is embedded (FontFile2/3) and subset (ABCDEF+ name). */
function expectFontsEmbedded(doc: PDFDocument): void {
  let fonts = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    fonts++;
    const name = object.get(PDFName.of('FontName'))?.toString() ?? '';
    expect(name).toMatch(/^\/[A-Z]{6}\+/);
    expect(object.get(PDFName.of('FontFile2')) ?? object.get(PDFName.of('FontFile3'))).toBeDefined();
  }
  expect(fonts).toBeGreaterThan(0);
}

describe('build --print on the sample', () => {
  let built: Built;
  let screen: Uint8Array;

  beforeAll(async () => {
    built = await build(SAMPLE_DIR);
    screen = new Uint8Array(await readFile(built.report.pdf.path));
  });

  it('writes the book block and the cover beside the EPUB and the screen PDF', () => {
    const { report } = built;
    const dir = path.dirname(report.epub.path);
    expect(report.print?.block.path).toBe(path.join(dir, 'xin-de-shiming-he-dandang-2-print.pdf'));
    expect(report.print?.cover.path).toBe(path.join(dir, 'xin-de-shiming-he-dandang-2-cover.pdf'));
    expect(report.print?.block.pages).toBe(report.pdf.pages);
    expect(report.print?.pdfx).toBe('PDF/X-4');
  });

  it('identifies both files as PDF/X-4 with the output intent and XMP', () => {
    expectPdfx(built.block, built.blockBytes, 'PDF/X-4', '%PDF-1.6');
    expectPdfx(built.cover, built.coverBytes, 'PDF/X-4', '%PDF-1.6');
  });

  it('gives every book-block page its trim, a 3 mm bleed and room for the crop marks', () => {
    const pages = built.block.getPages();
    expect(pages).toHaveLength(built.report.pdf.pages);
    for (const page of pages) expectBoxes(page, TRIM_W * MM, TRIM_H * MM);
  });

  it('has no RGB anywhere, paints the book block in K only, embeds every font', () => {
    for (const doc of [built.block, built.cover]) {
      const all = everything(doc);
      expect(all).not.toContain('/DeviceRGB');
      expect(all).not.toMatch(/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)(?=\s)/);
      expectFontsEmbedded(doc);
    }
    // Book block: every CMYK colour set is K only (C = M = Y = 0), so every glyph and rule is.
    const colours = [...everything(built.block).matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (scn|SCN|k|K)\b/g)];
    expect(colours.length).toBeGreaterThan(100);
    expect(colours.filter((m) => m[1] !== '0' || m[2] !== '0' || m[3] !== '0').map((m) => m[0])).toEqual([]);
  });

  it('passes its own preflight on both files, and the screen PDF is still RGB, unmarked and not PDF/X', async () => {
    expect((await preflight(built.blockBytes)).findings).toEqual([]);
    expect((await preflight(built.coverBytes, { cover: true })).findings).toEqual([]);
    const report = await preflight(screen);
    expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['preflight/no-pdfx-version', 'preflight/rgb-paint']));
    const page = (await PDFDocument.load(screen)).getPage(0);
    expect(box(page, 'MediaBox')).toEqual(box(page, 'BleedBox'));
  });

  it('makes the cover 2 × trim + spine wide, the spine from the assumed paper with a warning', () => {
    const page = built.cover.getPage(0);
    expect(built.cover.getPageCount()).toBe(1);
    const spineMm = (built.report.pdf.pages / 2) * 0.0875;
    // Rounded to 0.01 mm.
    expect(Math.abs((built.report.print?.cover.spineMm ?? 0) - spineMm)).toBeLessThanOrEqual(0.005 + 1e-9);
    const trim = box(page, 'TrimBox');
    const widthMm = ((trim[2] ?? 0) - (trim[0] ?? 0)) / MM;
    expect(Math.abs(widthMm - (2 * TRIM_W + spineMm))).toBeLessThan(0.5);
    expectBoxes(page, (2 * TRIM_W + spineMm) * MM, TRIM_H * MM);
    const codes = built.report.diagnostics.map((d) => d.code);
    expect(codes).toContain('cover/no-caliper');
    // 38 leaves of 70 g paper: 3.3 mm, too narrow for spine text.
    expect(codes).toContain('cover/spine-too-narrow');
  });

  it('draws an EAN-13 bar code of the ISBN that decodes, in K only, at 90 % size, with the ISBN and the price', async () => {
    const rects = blackRects(built.cover, built.cover.getPage(0));
    expect(decodeEan13(rects, 15 * MM)).toBe(ISBN);
    const bars = rects.filter((r) => r.height >= 15 * MM);
    expect(Math.min(...bars.map((b) => b.width)) / MM).toBeCloseTo(MODULE_MM, 3);
    const text = (await pageTextItems(built.coverBytes))[0] ?? [];
    const strings = text.map((t) => t.str).join('|');
    expect(strings).toContain('ISBN 978-7-5008-6790-6');
    expect(strings).toContain('定价：55.00元');
    expect(strings).toContain('新的使命和担当Ⅱ');
  });

  it('is byte-identical when built again', async () => {
    const again = await build(SAMPLE_DIR);
    expect(Buffer.from(again.blockBytes).equals(Buffer.from(built.blockBytes))).toBe(true);
    expect(Buffer.from(again.coverBytes).equals(Buffer.from(built.coverBytes))).toBe(true);
  });
});

describe('build --print with a caliper, PDF/X-1a, flaps, a blurb and the spine text', () => {
  let built: Built;
  beforeAll(async () => {
    const dir = await projectWith({
      'book.yaml': (text) =>
        replaceOnce('kiloCharacters: 400 }', 'kiloCharacters: 400, pdfx: PDF/X-1a, caliper: 0.3 }\ncover: { flaps: 60, blurb: 本书收录二〇一五年至二〇一七年全国工会改革创新的经验。 }')(text),
    });
    built = await build(dir);
  });

  it('is PDF/X-1a:2001 with its conformance key, at PDF 1.4, and passes preflight', async () => {
    expectPdfx(built.block, built.blockBytes, 'PDF/X-1a:2001', '%PDF-1.4');
    expectPdfx(built.cover, built.coverBytes, 'PDF/X-1a:2001', '%PDF-1.4');
    expect(infoText(built.block, 'GTS_PDFXConformance')).toBe('PDF/X-1a:2001');
    expect((await preflight(built.blockBytes)).findings).toEqual([]);
    expect((await preflight(built.coverBytes, { cover: true })).findings).toEqual([]);
  });

  it('adds the flaps to the spread and sets the title, responsibility and publisher down the spine, top to bottom', async () => {
    const spineMm = (built.report.pdf.pages / 2) * 0.3;
    const trim = box(built.cover.getPage(0), 'TrimBox');
    expect(Math.abs(((trim[2] ?? 0) - (trim[0] ?? 0)) / MM - (2 * TRIM_W + spineMm + 2 * 60))).toBeLessThan(0.5);
    expect(built.report.diagnostics.map((d) => d.code).filter((c) => c.startsWith('cover/'))).toEqual([]);
    const items = (await pageTextItems(built.coverBytes))[0] ?? [];
    const left = (trim[0] ?? 0) + (60 + TRIM_W) * MM;
    const onSpine = items.filter((t) => t.x > left - 1 && t.x < left + spineMm * MM + 1);
    // Read top to bottom: y decreases in PDF space (the ideographic space is a gap, not a glyph).
    const spine = onSpine.sort((a, b) => b.y - a.y).map((t) => t.str).join('');
    expect(spine).toBe('新的使命和担当Ⅱ中国工会改革创新实录李玉赋主编中国工人出版社');
    // One column, centred on the spine.
    const centre = left + (spineMm * MM) / 2;
    for (const t of onSpine) expect(Math.abs(t.x - centre)).toBeLessThan(10);
    const blurb = items.filter((t) => t.x < (trim[0] ?? 0) + (60 + TRIM_W) * MM).map((t) => t.str).join('');
    expect(blurb).toContain('本书收录二〇一五年至二〇一七年全国工会改革创新的经验。');
    expect(decodeEan13(blackRects(built.cover, built.cover.getPage(0)), 15 * MM)).toBe(ISBN);
  });
});

describe('build --print with the project’s cover.jpg', () => {
  it('places it to bleed on the front, in CMYK, and warns when it is under 300 ppi', async () => {
    const dir = await projectWith();
    // 600 × 900 px for a 173 × 246 mm front with bleed: about 88 ppi.
    const image = await sharp({ create: { width: 600, height: 900, channels: 3, background: { r: 200, g: 40, b: 30 } } }).jpeg().toBuffer();
    await writeFile(path.join(dir, 'cover.jpg'), image);
    const built = await build(dir);
    const warning = built.report.diagnostics.find((d) => d.code === 'cover/image-resolution');
    expect(warning?.file).toBe('cover.jpg');
    expect(warning?.message).toMatch(/^cover\.jpg is 600×900 px: \d+ ppi on the printed front cover, under 300\./);
    const images = [...built.cover.context.enumerateIndirectObjects()]
      .map(([, o]) => o)
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Image');
    expect(images.map((i) => i.dict.get(PDFName.of('ColorSpace'))?.toString())).toEqual(['/DeviceCMYK']);
    expect((await preflight(built.coverBytes, { cover: true })).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('build --print with the printer’s own output profile', () => {
  const withIntent = (profile: string): ((text: string) => string) =>
    replaceOnce('kiloCharacters: 400 }', `kiloCharacters: 400, outputIntent: { profile: ${profile}, identifier: Custom, condition: 印厂的胶印条件 } }`);

  it('embeds it in both files under the identifier book.yaml gives', async () => {
    const dir = await projectWith({ 'book.yaml': withIntent('icc/printer.icc') });
    const profile = await readFile(path.join(REPO_ROOT, 'templates/print/hanpress-cmyk.icc'));
    await mkdir(path.join(dir, 'icc'));
    await writeFile(path.join(dir, 'icc/printer.icc'), profile);
    const built = await build(dir);
    for (const doc of [built.block, built.cover]) {
      const intents = lookup(doc, doc.catalog.get(PDFName.of('OutputIntents'))) as PDFArray;
      const intent = lookup(doc, intents.get(0)) as PDFDict;
      expect((intent.get(PDFName.of('OutputConditionIdentifier')) as PDFString).decodeText()).toBe('Custom');
      expect((intent.get(PDFName.of('OutputCondition')) as PDFString).decodeText()).toBe('印厂的胶印条件');
      const embedded = inflateSync((lookup(doc, intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream).getContents());
      expect(embedded.equals(profile)).toBe(true);
    }
  });

  it('refuses a profile outside the project or one that is not a CMYK output profile, and writes nothing', async () => {
    const outside = await projectWith({ 'book.yaml': withIntent('../printer.icc') });
    await writeFile(path.join(outside, '../printer.icc'), await readFile(path.join(REPO_ROOT, 'templates/print/hanpress-cmyk.icc')));
    const out = await tempDir('hanpress-print-refused-');
    const failure = await buildBook({ dir: outside, outDir: out, print: true }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BuildFailure);
    expect((failure as BuildFailure).diagnostics).toMatchObject([
      { code: 'cover/output-profile', file: 'book.yaml', line: 38, message: 'The output profile `../printer.icc` lies outside the book project.' },
    ]);
    expect(await readdir(out)).toEqual([]);

    const rgb = await projectWith({ 'book.yaml': withIntent('srgb.icc') });
    await writeFile(path.join(rgb, 'srgb.icc'), await readFile(path.join(REPO_ROOT, 'node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc')));
    const wrong = await buildBook({ dir: rgb, outDir: out, print: true }).catch((e: unknown) => e);
    expect((wrong as BuildFailure).diagnostics[0]?.message).toBe('`srgb.icc` is not a CMYK output ICC profile (class mntr, colour space RGB).');
  });
});
