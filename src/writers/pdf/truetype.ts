/**
 * A TrueType (glyf) font program for embedding (FontFile2), subset with its glyph ids kept:
 * glyphs the book does not use become empty, every other glyph keeps its number. So the PDF's
 * CIDs are the font's own glyph ids (CIDToGIDMap /Identity) and a page's content stream never
 * depends on which glyphs other pages use — it can be cached and written on its own.
 *
 * Kept: the tables a PDF TrueType program needs (head hhea maxp hmtx loca glyf, the hinting
 * tables cvt/fpgm/prep, OS/2). Dropped: cmap (a CIDFontType2 reaches glyphs by id), layout
 * tables (the shaping is done), names and vertical metrics.
 */
import { nameRecord, singleFace } from '../../fonts/sfnt.js';

export interface SfntTables {
  tables: Map<string, Uint8Array>;
  /** The face's PostScript name, when its name table has one. */
  postscriptName?: string;
}

const KEEP = ['OS/2', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'];

/** The table directory at `offset` (0 for a single font, from the header in a collection). */
function readDirectory(file: Uint8Array, offset: number): Map<string, Uint8Array> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = view.getUint16(offset + 4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const at = offset + 12 + 16 * i;
    const tag = String.fromCharCode(...file.subarray(at, at + 4));
    const start = view.getUint32(at + 8);
    tables.set(tag, file.subarray(start, start + view.getUint32(at + 12)));
  }
  return tables;
}

/**
 * The tables of a face of a font file's bytes: a .ttf/.otf, a WOFF, or the face of a .ttc collection
 * with this PostScript name (src/fonts/sfnt.ts makes each a plain sfnt of one face).
 */
export function readFont(file: Buffer, name?: string): SfntTables {
  const face = singleFace(file, name);
  const bytes = new Uint8Array(face.buffer, face.byteOffset, face.byteLength);
  const tables = readDirectory(bytes, 0);
  const ps = nameRecord(face, 0, 6);
  return { tables, ...(ps ? { postscriptName: ps } : {}) };
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

function glyphOffsets(font: SfntTables): { loca: (gid: number) => [number, number]; count: number } {
  const head = font.tables.get('head');
  const loca = font.tables.get('loca');
  const maxp = font.tables.get('maxp');
  if (!head || !loca || !maxp || !font.tables.get('glyf')) throw new Error('not a TrueType (glyf) font');
  const long = u16(head, 50) === 1;
  const view = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const at = (i: number): number => (long ? view.getUint32(4 * i) : view.getUint16(2 * i) * 2);
  return { loca: (gid) => [at(gid), at(gid + 1)], count: u16(maxp, 4) };
}

/** The glyphs a composite glyph is made of (TrueType `glyf` composite records). */
function components(glyph: Uint8Array): number[] {
  if (glyph.length < 10 || (u16(glyph, 0) & 0x8000) === 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = u16(glyph, at);
    out.push(u16(glyph, at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020) || at >= glyph.length) return out;
  }
}

/** The sum of a table's big-endian 32-bit words; `data` is padded to a multiple of four bytes. */
function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.length & ~3;
  let sum = 0;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  // A length that is not a multiple of four reads as if padded with zeros.
  if (whole < data.length) sum = (sum + (((data[whole] ?? 0) << 24) | ((data[whole + 1] ?? 0) << 16) | ((data[whole + 2] ?? 0) << 8)) >>> 0) >>> 0;
  return sum;
}

function sfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const log = Math.floor(Math.log2(n));
  const headerLength = 12 + 16 * n;
  const padded = (length: number): number => Math.ceil(length / 4) * 4;
  let total = headerLength;
  for (const tag of tags) total += padded(tables.get(tag)?.length ?? 0);
  // One buffer, each table copied once into its place; the padding is the buffer's zeros.
  const out = Buffer.alloc(total);
  out.writeUInt32BE(0x00010000, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(16 * 2 ** log, 6);
  out.writeUInt16BE(log, 8);
  out.writeUInt16BE(16 * n - 16 * 2 ** log, 10);
  let offset = headerLength;
  let headAt = 0;
  let sums = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? new Uint8Array();
    const length = padded(data.length);
    out.set(data, offset);
    const sum = checksum(out.subarray(offset, offset + length));
    out.write(tag, 12 + 16 * i, 'latin1');
    out.writeUInt32BE(sum, 16 + 16 * i);
    out.writeUInt32BE(offset, 20 + 16 * i);
    out.writeUInt32BE(data.length, 24 + 16 * i);
    if (tag === 'head') headAt = offset;
    sums = (sums + sum) >>> 0;
    offset += length;
  });
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA: the file's sum is the
  // directory's and the tables' (every part a whole number of words).
  const whole = (checksum(out.subarray(0, headerLength)) + sums) >>> 0;
  out.writeUInt32BE((0xb1b0afba - whole) >>> 0, headAt + 8);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * hmtx with the metrics of glyphs not kept set to zero: nothing draws them (the PDF's /W gives
 * the widths), and runs of zeros compress to nothing where 30 000 CJK metrics would not.
 */
function clearedMetrics(font: SfntTables, keep: Set<number>, count: number): Uint8Array | undefined {
  const hhea = font.tables.get('hhea');
  const hmtx = font.tables.get('hmtx');
  if (!hhea || !hmtx) return undefined;
  const long = u16(hhea, 34);
  const out = Buffer.from(hmtx);
  const start = (gid: number): number => (gid < long ? 4 * gid : 4 * long + 2 * (gid - long));
  // Each stretch of glyphs not kept is cleared at once: a CJK face keeps a few thousand of its
  // tens of thousands, and one fill a glyph was most of the subset's time.
  let from = 0;
  for (const gid of [...keep].filter((g) => g < count).sort((a, b) => a - b)) {
    if (gid > from) out.fill(0, Math.min(out.length, start(from)), Math.min(out.length, start(gid)));
    from = gid + 1;
  }
  if (count > from) out.fill(0, Math.min(out.length, start(from)), Math.min(out.length, start(count)));
  return new Uint8Array(out);
}

/** The font program with only `used` glyphs (and .notdef and their components) drawn. */
export function subsetKeepingIds(font: SfntTables, used: Iterable<number>): Uint8Array {
  const glyf = font.tables.get('glyf') as Uint8Array;
  const { loca, count } = glyphOffsets(font);
  const keep = new Set<number>([0]);
  const queue = [...used];
  while (queue.length > 0) {
    const gid = queue.pop() as number;
    if (gid >= count || keep.has(gid)) continue;
    keep.add(gid);
    const [from, to] = loca(gid);
    queue.push(...components(glyf.subarray(from, to)));
  }
  // The kept glyphs in id order, each padded to four bytes, written into one table.
  const kept = [...keep].filter((gid) => gid < count).sort((a, b) => a - b);
  let size = 0;
  for (const gid of kept) {
    const [from, to] = loca(gid);
    size += Math.ceil((to - from) / 4) * 4;
  }
  const newGlyf = Buffer.alloc(size);
  const newLoca = Buffer.alloc(4 * (count + 1));
  const locaView = new DataView(newLoca.buffer, newLoca.byteOffset, newLoca.byteLength);
  let at = 0;
  let next = 0;
  for (const gid of kept) {
    // The glyphs before this one are empty: they start (and end) where it starts.
    for (; next <= gid; next++) locaView.setUint32(4 * next, at);
    const [from, to] = loca(gid);
    newGlyf.set(glyf.subarray(from, to), at);
    at += Math.ceil((to - from) / 4) * 4;
  }
  for (; next <= count; next++) locaView.setUint32(4 * next, at);
  const head = Buffer.from(font.tables.get('head') as Uint8Array);
  const hmtx = clearedMetrics(font, keep, count);
  head.writeUInt32BE(0, 8);
  head.writeUInt16BE(1, 50);
  const out = new Map<string, Uint8Array>();
  for (const tag of KEEP) {
    const table = font.tables.get(tag);
    if (table) out.set(tag, table);
  }
  out.set('head', head);
  out.set('loca', newLoca);
  if (hmtx) out.set('hmtx', hmtx);
  out.set('glyf', newGlyf);
  return sfnt(out);
}

/** What a FontDescriptor says about the face, in PDF glyph space (1000 units per em). */
export interface FaceMetrics {
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  unitsPerEm: number;
  serif: boolean;
}

export function faceMetrics(font: SfntTables): FaceMetrics {
  const head = font.tables.get('head');
  const hhea = font.tables.get('hhea');
  if (!head || !hhea) throw new Error('not a TrueType font');
  const s16 = (d: Uint8Array, at: number): number => (u16(d, at) << 16) >> 16;
  const upem = u16(head, 18);
  const scale = (n: number): number => Math.round((n * 1000) / upem);
  const os2 = font.tables.get('OS/2');
  const capHeight = os2 && u16(os2, 0) >= 2 && os2.length >= 90 ? s16(os2, 88) : s16(hhea, 4);
  // OS/2 sFamilyClass 1–7 are the serif classes.
  const familyClass = os2 ? (u16(os2, 30) >> 8) : 0;
  const post = font.tables.get('post');
  const italic = post ? s16(post, 4) + u16(post, 6) / 65536 : 0;
  return {
    bbox: [scale(s16(head, 36)), scale(s16(head, 38)), scale(s16(head, 40)), scale(s16(head, 42))],
    ascent: scale(s16(hhea, 4)),
    descent: scale(s16(hhea, 6)),
    capHeight: scale(capHeight),
    italicAngle: italic,
    unitsPerEm: upem,
    serif: familyClass >= 1 && familyClass <= 7,
  };
}
