/**
 * One face of a font file as a plain sfnt (TrueType/OpenType): what the cmap reader, the EPUB
 * subsetter and a PDF writer can all take. A .ttc collection holds several faces that share
 * tables; a WOFF (1.0) file is an sfnt with each table zlib-compressed (the LXGW WenKai package
 * ships its full font only so). Both are rewritten here into a standalone sfnt of one face, so
 * no consumer needs to know the container — harfbuzz's subsetter refuses a collection, and a
 * CSS `@font-face` can only point at one face.
 */
import { inflateSync } from 'node:zlib';

export const COLLECTION_TAG = 'ttcf';
export const WOFF_TAG = 'wOFF';

function tag(bytes: Buffer, at: number): string {
  return bytes.toString('latin1', at, at + 4);
}

interface Table {
  tag: string;
  checksum: number;
  data: Buffer;
}

/** The tables of the face whose offset table starts at `base` (offsets are from the file's start). */
function faceTables(font: Buffer, base: number): Table[] {
  const count = font.readUInt16BE(base + 4);
  return Array.from({ length: count }, (_, i) => {
    const entry = base + 12 + i * 16;
    const offset = font.readUInt32BE(entry + 8);
    const length = font.readUInt32BE(entry + 12);
    if (offset + length > font.length) throw new RangeError('table past the end of the file');
    return { tag: tag(font, entry), checksum: font.readUInt32BE(entry + 4), data: font.subarray(offset, offset + length) };
  });
}

/** A name record's text (Windows UTF-16BE or Macintosh Roman), or undefined. */
export function nameRecord(font: Buffer, base: number, id: number): string | undefined {
  const name = faceTables(font, base).find((t) => t.tag === 'name')?.data;
  if (!name) return undefined;
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 6 + i * 12;
    if (name.readUInt16BE(record + 6) !== id) continue;
    const platform = name.readUInt16BE(record);
    const start = strings + name.readUInt16BE(record + 10);
    const raw = name.subarray(start, start + name.readUInt16BE(record + 8));
    return platform === 3 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
  }
  return undefined;
}

/** Offsets of the faces of a collection; [0] for a single-face file. */
export function faceOffsets(font: Buffer): number[] {
  if (tag(font, 0) !== COLLECTION_TAG) return [0];
  const count = font.readUInt32BE(8);
  return Array.from({ length: count }, (_, i) => font.readUInt32BE(12 + i * 4));
}

/** PostScript names (name id 6) of every face in the file, in file order. */
export function postscriptNames(font: Buffer): string[] {
  return faceOffsets(font).map((o) => nameRecord(font, o, 6) ?? '');
}

/**
 * Where the face named `postscriptName` starts, or undefined when the collection has no such
 * face; without a name, the first face (what fontkit and pdfkit take too).
 */
export function faceOffset(font: Buffer, postscriptName: string | undefined): number | undefined {
  const offsets = faceOffsets(font);
  if (postscriptName === undefined || offsets.length === 1) return offsets[0];
  return offsets.find((o) => nameRecord(font, o, 6) === postscriptName);
}

/** Tables → an sfnt with its offset table and directory (tables sorted by tag, 4-byte aligned). */
export function writeSfnt(flavor: number, tables: Table[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const entrySelector = Math.floor(Math.log2(Math.max(1, n)));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  sorted.forEach((table, i) => {
    const entry = 12 + i * 16;
    header.write(table.tag, entry, 'latin1');
    header.writeUInt32BE(table.checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(table.data.length, entry + 12);
    const padded = (table.data.length + 3) & ~3;
    parts.push(table.data, Buffer.alloc(padded - table.data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}

/**
 * WOFF 1.0: a 44-byte header, then 20-byte entries (tag, offset, compLength, origLength,
 * checksum). With `only`, just those tables are inflated and kept: the coverage gate reads the
 * cmap alone, and inflating a CJK font's outlines cost `hanpress check` a quarter second.
 */
function fromWoff(font: Buffer, only?: readonly string[]): Buffer {
  const count = font.readUInt16BE(12);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    if (only && !only.includes(tag(font, entry))) continue;
    const offset = font.readUInt32BE(entry + 4);
    const compressed = font.readUInt32BE(entry + 8);
    const original = font.readUInt32BE(entry + 12);
    const stored = font.subarray(offset, offset + compressed);
    const data = compressed < original ? inflateSync(stored) : stored;
    if (data.length !== original) throw new RangeError('a WOFF table does not inflate to its stated length');
    tables.push({ tag: tag(font, entry), checksum: font.readUInt32BE(entry + 16), data });
  }
  return writeSfnt(font.readUInt32BE(4), tables);
}

export class NoSuchFace extends Error {
  constructor(readonly available: string[]) {
    super(`the collection has no such face (it has ${available.join(', ')})`);
  }
}

/**
 * The face as a standalone sfnt: a plain .ttf/.otf is returned as it is; a WOFF is inflated;
 * a collection's face is copied out with its (shared) tables; `only` limits a WOFF's inflated
 * tables to those named. Throws NoSuchFace when a
 * collection lacks `postscriptName`, RangeError when the file is cut short.
 */
export function singleFace(font: Buffer, postscriptName?: string, only?: readonly string[]): Buffer {
  const kind = tag(font, 0);
  if (kind === WOFF_TAG) return fromWoff(font, only);
  if (kind !== COLLECTION_TAG) return font;
  const base = faceOffset(font, postscriptName);
  if (base === undefined) throw new NoSuchFace(postscriptNames(font));
  // The tables are the same bytes, so their directory checksums carry over unchanged.
  return writeSfnt(font.readUInt32BE(base), faceTables(font, base));
}

/**
 * One table of one face (a .ttf/.otf, a WOFF, a collection's face named `postscriptName`) without
 * rewriting the face: a WOFF inflates that table alone. Undefined when the face has no such table.
 */
export function tableOfFace(font: Buffer, wanted: string, postscriptName?: string): Buffer | undefined {
  const kind = tag(font, 0);
  if (kind === WOFF_TAG) return faceTables(fromWoff(font, [wanted]), 0).find((t) => t.tag === wanted)?.data;
  const base = kind === COLLECTION_TAG ? faceOffset(font, postscriptName) : 0;
  if (base === undefined) throw new NoSuchFace(postscriptNames(font));
  return faceTables(font, base).find((t) => t.tag === wanted)?.data;
}
