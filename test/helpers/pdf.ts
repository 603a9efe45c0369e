/**
 * Reading a built PDF back for assertions: text with positions (pdfjs-dist), and the object
 * graph (pdf-lib) for fonts, page boxes and the outline.
 */
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type {
  PDFDocument} from 'pdf-lib';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

export interface TextItem {
  str: string;
  x: number;
  y: number;
}

/** Removes all whitespace, ideographic spaces included, so layout cannot affect comparisons. */
export function squash(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}

/** Text items per page (index 0 = page 1), in content-stream order. */
export async function pageTextItems(bytes: Uint8Array): Promise<TextItem[][]> {
  // pdfjs transfers the buffer it is given; hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 })
    .promise;
  try {
    const pages: TextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
      }
      pages.push(items);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

export interface TextRun extends TextItem {
  width: number;
}

/**
 * One page's text items exactly as pdfjs reports them, white-space-only items included (pdfjs
 * turns gaps and white-space glyphs into U+0020 items), with each item's advance width.
 */
export async function pageTextRuns(bytes: Uint8Array, pageNumber: number): Promise<TextRun[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 })
    .promise;
  try {
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      runs.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width });
    }
    return runs;
  } finally {
    await doc.destroy();
  }
}

/**
 * The XMP packet on the catalog's /Metadata stream, as text (inflated when it is compressed;
 * pdfkit and hanpress leave it uncompressed, as XMP scanners expect).
 */
export function xmpOf(doc: PDFDocument): string {
  const stream = lookup(doc, doc.catalog.get(PDFName.of('Metadata')));
  if (!(stream instanceof PDFRawStream)) throw new Error('the catalog has no /Metadata stream');
  const filter = nameOf(lookup(doc, stream.dict.get(PDFName.of('Filter'))));
  const raw = stream.getContents();
  if (filter !== undefined && filter !== 'FlateDecode') throw new Error(`unexpected /Metadata filter ${filter}`);
  return new TextDecoder('utf-8', { fatal: true }).decode(filter === 'FlateDecode' ? inflateSync(raw) : raw);
}

export function pageText(items: TextItem[]): string {
  return squash(items.map((i) => i.str).join(''));
}

/** Groups a page's items into visual lines, top to bottom, each line's items left to right. */
export function lines<T extends TextItem>(items: T[], tolerance = 2): T[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: T[][] = [];
  for (const item of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs((last[0]?.y ?? 0) - item.y) <= tolerance) last.push(item);
    else out.push([item]);
  }
  return out.map((l) => l.sort((a, b) => a.x - b.x));
}

function lookup(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

function dictOf(doc: PDFDocument, obj: PDFObject | undefined): PDFDict | undefined {
  const resolved = lookup(doc, obj);
  if (resolved instanceof PDFDict) return resolved;
  if (resolved instanceof PDFStream) return resolved.dict;
  return undefined;
}

function nameOf(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFName ? obj.decodeText() : undefined;
}

export interface FontInfo {
  baseFont: string;
  subtype: string;
  /** The descriptor that should carry the font program (the descendant's, for Type0). */
  embedded: boolean;
}

/** Every font dictionary in the file, with whether its program is embedded. */
export function fonts(doc: PDFDocument): FontInfo[] {
  const out: FontInfo[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || nameOf(obj.get(PDFName.of('Type'))) !== 'Font') continue;
    const subtype = nameOf(obj.get(PDFName.of('Subtype'))) ?? '?';
    // A Type0 font's program hangs off its descendant CIDFont, which is listed on its own.
    if (subtype === 'Type0') continue;
    const descriptor = dictOf(doc, obj.get(PDFName.of('FontDescriptor')));
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some(
      (key) => lookup(doc, descriptor?.get(PDFName.of(key))) instanceof PDFStream,
    );
    out.push({ baseFont: nameOf(obj.get(PDFName.of('BaseFont'))) ?? '?', subtype, embedded });
  }
  return out;
}

export interface OutlineItem {
  title: string;
  /** 1-based page the item points at. */
  page: number;
  children: OutlineItem[];
}

function decodeTitle(obj: PDFObject | undefined): string {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return '';
}

export function outline(doc: PDFDocument): OutlineItem[] {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const pageOf = (dest: PDFObject | undefined): number => {
    const array = lookup(doc, dest);
    const target = array instanceof PDFArray ? array.get(0) : undefined;
    return pageRefs.findIndex((ref) => target instanceof PDFRef && ref.objectNumber === target.objectNumber) + 1;
  };
  const walk = (first: PDFObject | undefined): OutlineItem[] => {
    const items: OutlineItem[] = [];
    let node = dictOf(doc, first);
    while (node) {
      items.push({
        title: decodeTitle(lookup(doc, node.get(PDFName.of('Title')))),
        page: pageOf(node.get(PDFName.of('Dest'))),
        children: walk(node.get(PDFName.of('First'))),
      });
      node = dictOf(doc, node.get(PDFName.of('Next')));
    }
    return items;
  };
  const root = dictOf(doc, doc.catalog.get(PDFName.of('Outlines')));
  return root ? walk(root.get(PDFName.of('First'))) : [];
}

/** A printed folio: arabic, or lower-case roman for the front matter. */
const FOLIO = /^(\d+|[ivxlcdm]+)$/;

/**
 * Reads a TOC: walks its lines top to bottom and closes an entry at each line that ends in a
 * page number in the TOC's form, (003) or (v) at the right edge. Returns each entry's squashed
 * text and the folio it prints (without parentheses and leading zeros).
 */
export function tocEntries(pages: TextItem[][]): Array<{ text: string; folio: string }> {
  const entries: Array<{ text: string; folio: string }> = [];
  for (const items of pages) {
    let text = '';
    for (const line of lines(items)) {
      const last = line[line.length - 1];
      const rest = line.slice(0, -1);
      const number = /^\((\d+|[ivxlcdm]+)\)$/.exec(last?.str.trim() ?? '');
      if (number && rest.length > 0) {
        entries.push({ text: squash(text + rest.map((i) => i.str).join('')), folio: (number[1] ?? '').replace(/^0+(?=\d)/, '') });
        text = '';
      } else if (rest.length > 0 || !FOLIO.test(last?.str.trim() ?? '')) {
        text += line.map((i) => i.str).join('');
      }
    }
  }
  return entries;
}

/** The folio printed at the foot of a page, or undefined when the page has none. */
export function printedFolio(items: TextItem[]): string | undefined {
  const low = [...items].sort((a, b) => a.y - b.y)[0];
  const text = low?.str.trim() ?? '';
  return FOLIO.test(text) ? text : undefined;
}
