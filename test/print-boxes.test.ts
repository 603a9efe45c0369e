/**
 * Print boxes and crop marks, read back from the sample book's PDF with pdf-lib and pdfjs-dist:
 * the boxes on every page in both modes, the crop-mark paths only with --print, and every
 * outline entry and named destination (the TOC's links) still on its page and inside the trim,
 * at the text it names.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject, type PDFPage } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../src/writers/pdf/index.js';
import { cropMarkLines, DEFAULT_BLEED_MM, MARK_LENGTH_MM, SLUG_MM } from '../src/writers/pdf/print-boxes.js';
import { pageTextItems, type TextItem } from './helpers/pdf.js';
import { loadBook } from './helpers/sample.js';

const MM = 72 / 25.4;
const W = 170 * MM;
const H = 240 * MM;

interface Built {
  bytes: Uint8Array;
  again: Uint8Array;
  doc: PDFDocument;
}

let screen: Built;
let print: Built;
let texts: TextItem[][];

async function build(cropMarks: boolean): Promise<Built> {
  const loaded = await loadBook();
  const first = await writePdf(loaded.book, loaded.front, loaded.ctx, { cropMarks });
  const second = await writePdf(loaded.book, loaded.front, loaded.ctx, { cropMarks });
  return { bytes: first.bytes, again: second.bytes, doc: await PDFDocument.load(first.bytes, { updateMetadata: false }) };
}

beforeAll(async () => {
  [screen, print] = await Promise.all([build(false), build(true)]);
  texts = await pageTextItems(print.bytes);
});

function boxOf(page: PDFPage, name: string): number[] | undefined {
  const value = page.node.get(PDFName.of(name));
  if (!(value instanceof PDFArray)) return undefined;
  return value.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
}

function expectBox(actual: number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(4);
  actual?.forEach((n, i) => expect(n).toBeCloseTo(expected[i] ?? NaN, 2));
}

const grown = (by: number): number[] => [-by, -by, W + by, H + by];

/**
 * The trimmed page's lower left corner: the writer puts the MediaBox at the origin, so the
 * trim sits bleed (and slug) inside it. Coordinates below are taken relative to it.
 */
function trimOrigin(doc: PDFDocument): number {
  const first = doc.getPages()[0];
  return first ? (boxOf(first, 'TrimBox')?.[0] ?? NaN) : NaN;
}

const fromTrim = (box: number[] | undefined, o: number): number[] | undefined => box?.map((n) => n - o);

/** The page's content, inflated. */
function contentOf(doc: PDFDocument, page: PDFPage): string {
  const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams
    .map((s) => (s instanceof PDFRawStream ? inflateSync(s.getContents()).toString('latin1') : ''))
    .join('\n');
}

/** Straight path segments `x1 y1 m x2 y2 l`, in the page's drawing coordinates. */
function segments(content: string): Array<[number, number, number, number]> {
  const num = String.raw`(-?\d+(?:\.\d+)?)`;
  const re = new RegExp(String.raw`${num} ${num} m\s+${num} ${num} l`, 'g');
  return Array.from(content.matchAll(re), (m) => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
}

function separations(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFArray && obj.get(0) === PDFName.of('Separation')) names.push(String(obj.get(1)));
  }
  return names;
}

interface Destination {
  name: string;
  page: number;
  x: number;
  y: number;
}

function namedDestinations(doc: PDFDocument): Destination[] {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const out: Destination[] = [];
  const walk = (node: PDFObject | undefined): void => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    const names = dict.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = names.lookup(i);
        const dest = names.lookup(i + 1);
        if (!(key instanceof PDFString) || !(dest instanceof PDFArray)) continue;
        const target = dest.get(0);
        const coord = (k: number): number => {
          const n = dest.get(k);
          return n instanceof PDFNumber ? n.asNumber() : NaN;
        };
        out.push({
          name: key.decodeText(),
          page: pageRefs.findIndex((r) => target instanceof PDFRef && r.objectNumber === target.objectNumber) + 1,
          x: coord(2),
          y: coord(3),
        });
      }
    }
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) kids.asArray().forEach(walk);
  };
  const root = doc.catalog.lookup(PDFName.of('Names'));
  walk(root instanceof PDFDict ? root.get(PDFName.of('Dests')) : undefined);
  return out;
}

/** Outline entries as [page, left, top], depth first. */
function outlineDests(doc: PDFDocument): Array<[number, number, number]> {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const out: Array<[number, number, number]> = [];
  const walk = (node: PDFObject | undefined): void => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    const dest = dict.lookup(PDFName.of('Dest'));
    if (dest instanceof PDFArray) {
      const target = dest.get(0);
      const n = (k: number): number => (dest.get(k) as PDFNumber).asNumber();
      out.push([pageRefs.findIndex((r) => target instanceof PDFRef && r.objectNumber === target.objectNumber) + 1, n(2), n(3)]);
    }
    walk(dict.get(PDFName.of('First')));
    walk(dict.get(PDFName.of('Next')));
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) walk(root.get(PDFName.of('First')));
  return out;
}

/** Names of the destinations the TOC's link annotations go to. */
function linkTargets(doc: PDFDocument): string[] {
  const targets: string[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (const ref of annots.asArray()) {
      const annot = doc.context.lookup(ref);
      // pdfkit writes a GoTo action: /A << /S /GoTo /D (name) >>.
      const action = annot instanceof PDFDict ? annot.lookup(PDFName.of('A')) : undefined;
      const dest = action instanceof PDFDict ? action.lookup(PDFName.of('D')) : undefined;
      if (dest instanceof PDFString) targets.push(dest.decodeText());
    }
  }
  return targets;
}

describe('print boxes', () => {
  it('gives every page a TrimBox of the trimmed page and a BleedBox 3 mm beyond it; the screen PDF shows the trim', () => {
    expect(DEFAULT_BLEED_MM).toBe(3);
    const o = trimOrigin(screen.doc);
    expect(o).toBeCloseTo(3 * MM, 2);
    for (const page of screen.doc.getPages()) {
      expectBox(fromTrim(boxOf(page, 'TrimBox'), o), [0, 0, W, H]);
      expectBox(fromTrim(boxOf(page, 'BleedBox'), o), grown(3 * MM));
      expectBox(fromTrim(boxOf(page, 'MediaBox'), o), grown(3 * MM));
      expectBox(fromTrim(boxOf(page, 'CropBox'), o), [0, 0, W, H]);
    }
  });

  it('with --print grows the sheet by a slug around the bleed and shows all of it', () => {
    const o = trimOrigin(print.doc);
    for (const page of print.doc.getPages()) {
      expectBox(fromTrim(boxOf(page, 'TrimBox'), o), [0, 0, W, H]);
      expectBox(fromTrim(boxOf(page, 'BleedBox'), o), grown(3 * MM));
      expectBox(fromTrim(boxOf(page, 'MediaBox'), o), grown((3 + SLUG_MM) * MM));
      expect(boxOf(page, 'CropBox')).toBeUndefined();
    }
    expect(print.doc.getPageCount()).toBe(screen.doc.getPageCount());
  });

  it('draws the eight crop marks outside the trim on every page, in the registration colour, only with --print', () => {
    const expected = cropMarkLines(W, H, DEFAULT_BLEED_MM);
    expect(expected).toHaveLength(8);
    for (const l of expected) {
      const length = Math.hypot(l.x2 - l.x1, l.y2 - l.y1);
      expect(length).toBeCloseTo(MARK_LENGTH_MM * MM, 3);
      // Outside the bleed, inside the sheet.
      const outside = (x: number, y: number): boolean => x <= -3 * MM + 0.01 || x >= W + 3 * MM - 0.01 || y <= -3 * MM + 0.01 || y >= H + 3 * MM - 0.01;
      expect(outside(l.x1, l.y1) && outside(l.x2, l.y2)).toBe(true);
    }
    expect(separations(print.doc)).toEqual(['/All']);
    const o = trimOrigin(print.doc);
    for (const page of print.doc.getPages()) {
      const found = segments(contentOf(print.doc, page)).map((s) => s.map((v) => v - o));
      for (const l of expected) {
        const hit = found.some((s) => [l.x1, l.y1, l.x2, l.y2].every((v, i) => Math.abs(v - (s[i] ?? NaN)) < 0.01));
        expect(hit, `mark ${JSON.stringify(l)}`).toBe(true);
      }
    }
    expect(separations(screen.doc)).toEqual([]);
    const so = trimOrigin(screen.doc);
    for (const page of screen.doc.getPages()) {
      const outside = segments(contentOf(screen.doc, page)).map((s) => s.map((v) => v - so)).filter((s) => s.some((v) => v < -1) || (s[0] ?? 0) > W || (s[2] ?? 0) > W);
      expect(outside).toEqual([]);
    }
  });

  it('keeps every outline entry on its page, pointing at the top left of the trimmed page', () => {
    const relative = (doc: PDFDocument): Array<[number, number, number]> => {
      const o = trimOrigin(doc);
      return outlineDests(doc).map(([page, left, top]) => [page, Math.round((left - o) * 1000) / 1000, Math.round((top - o) * 1000) / 1000]);
    };
    const screenOutline = relative(screen.doc);
    const printOutline = relative(print.doc);
    expect(printOutline.length).toBeGreaterThan(40);
    expect(printOutline).toEqual(screenOutline);
    for (const [page, left, top] of printOutline) {
      expect(page).toBeGreaterThan(0);
      expect(left).toBe(0);
      expect(top).toBeCloseTo(H, 3);
    }
  });

  it('keeps every named destination on its page, inside the trim, at the text it names (versos included)', () => {
    const relative = (doc: PDFDocument): Destination[] => {
      const o = trimOrigin(doc);
      return namedDestinations(doc).map((d) => ({ ...d, x: Math.round((d.x - o) * 1000) / 1000, y: Math.round((d.y - o) * 1000) / 1000 }));
    };
    const printDests = relative(print.doc);
    expect(printDests.length).toBeGreaterThan(100);
    expect(printDests).toEqual(relative(screen.doc));
    const names = new Set(printDests.map((d) => d.name));
    const targets = linkTargets(print.doc);
    expect(targets.length).toBeGreaterThan(40);
    for (const target of targets) expect(names.has(target), `link to ${target}`).toBe(true);
    let versos = 0;
    for (const d of printDests) {
      expect(d.page, d.name).toBeGreaterThan(0);
      expect(d.x, d.name).toBeGreaterThanOrEqual(0);
      expect(d.x, d.name).toBeLessThanOrEqual(W);
      expect(d.y, d.name).toBeGreaterThan(0);
      expect(d.y, d.name).toBeLessThanOrEqual(H);
      // The destination is the top left of its line: the line's first glyph starts at x (or
      // a first-line indent after it) and its baseline is a little below y.
      // The text was read from the print file, in its own (untrimmed) coordinates.
      const po = trimOrigin(print.doc);
      const dy = d.y + po;
      const dx = d.x + po;
      const below = (texts[d.page - 1] ?? []).filter((t) => t.y < dy && t.y > dy - 30);
      const baseline = Math.max(...below.map((t) => t.y));
      const line = below.filter((t) => Math.abs(t.y - baseline) < 2);
      const first = Math.min(...line.map((t) => t.x));
      expect(first - dx, d.name).toBeGreaterThanOrEqual(-0.5);
      expect(first - dx, d.name).toBeLessThan(300);
      if (d.name.endsWith('-b0') && d.page % 2 === 0) {
        versos++;
        expect(first - dx, `${d.name} is a body paragraph: indent only`).toBeLessThan(22);
      }
    }
    expect(versos).toBeGreaterThan(0);
  });

  it('writes byte-identical files twice in both modes', () => {
    expect(Buffer.from(screen.again).equals(Buffer.from(screen.bytes))).toBe(true);
    expect(Buffer.from(print.again).equals(Buffer.from(print.bytes))).toBe(true);
  });
});
