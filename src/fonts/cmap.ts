/**
 * Which characters a font file can draw, read from its `cmap` table. The coverage gate needs
 * only this, for every face of the font config on every build, so it reads the two cmap
 * formats that matter (4: BMP, 12: all planes) directly instead of loading a full font engine.
 */
import { open, readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { BuildFailure, diagnostic } from '../diagnostics/diagnostic.js';
import type { FontFace } from './config.js';
import { COLLECTION_TAG, nameRecord, singleFace, WOFF_TAG, writeSfnt } from './sfnt.js';

export interface CharacterMap {
  has(codePoint: number): boolean;
}

function tableOffsets(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16;
    tables.set(font.toString('latin1', entry, entry + 4), font.readUInt32BE(entry + 8));
  }
  return tables;
}

type Ranges = Array<[start: number, end: number]>;

function format4(font: Buffer, at: number, ranges: Ranges): void {
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const address = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
        const raw = font.readUInt16BE(address);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) ranges.push([cp, cp]);
    }
  }
}

function format12(font: Buffer, at: number, ranges: Ranges): void {
  const groups = font.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    // Glyph 0 is .notdef: a group starting there maps its first character to nothing.
    const firstGlyph = font.readUInt32BE(group + 8);
    ranges.push([firstGlyph === 0 ? start + 1 : start, end]);
  }
}

/** Reads the Unicode subtable (format 12 preferred, else 4) of a single-face sfnt (src/fonts/sfnt.ts). */
export function parseCharacterMap(font: Buffer): CharacterMap {
  const cmap = tableOffsets(font).get('cmap');
  if (cmap === undefined) throw new Error('the font has no cmap table');
  const count = font.readUInt16BE(cmap + 2);
  let best: { format: number; at: number } | undefined;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(at);
    if (format === 12 || (format === 4 && best?.format !== 12)) best = { format, at };
  }
  if (!best) throw new Error('the font has no Unicode cmap subtable');
  const ranges: Ranges = [];
  if (best.format === 12) format12(font, best.at, ranges);
  else format4(font, best.at, ranges);
  const single = new Set<number>();
  const spans: Ranges = [];
  for (const [start, end] of ranges) {
    if (start === end) single.add(start);
    else if (start < end) spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const inSpan = (cp: number): boolean => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = spans[mid] ?? [0, -1];
      if (cp < s) hi = mid - 1;
      else if (cp > e) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return { has: (cp) => single.has(cp) || inSpan(cp) };
}

/** `length` bytes at `position`, or a RangeError when the file ends first. */
async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  if (bytesRead < length) throw new RangeError('the file ends inside a table');
  return bytes;
}

/**
 * One table of a face as a one-table sfnt, or undefined when the face has none. From a plain
 * .ttf/.otf or a WOFF only the directory and that table are read (a WOFF's table inflated
 * alone): the coverage gate reads every face's cmap on every check and build, and the cover its
 * faces' names; reading the whole files (72 MB for the default config, a WOFF's 14 MB glyf
 * table inflated) was most of `hanpress check`'s time, and memory the build's other work
 * needed. A collection is read whole and unpacked by singleFace.
 */
async function tableOnly(file: string, wanted: string, postscriptName: string | undefined): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = await readAt(handle, 0, 12);
    const kind = head.toString('latin1', 0, 4);
    if (kind === COLLECTION_TAG) {
      const face = singleFace(await readFile(file), postscriptName);
      return tableOffsets(face).has(wanted) ? face : undefined;
    }
    const woff = kind === WOFF_TAG;
    // WOFF: a 44-byte header, then 20-byte entries (tag, offset, compressed and original length, checksum).
    const start = woff ? 44 : 12;
    const size = woff ? 20 : 16;
    const count = (woff ? (await readAt(handle, 12, 2)).readUInt16BE(0) : head.readUInt16BE(4));
    const directory = await readAt(handle, start, count * size);
    const flavor = woff ? (await readAt(handle, 4, 4)).readUInt32BE(0) : head.readUInt32BE(0);
    for (let entry = 0; entry < directory.length; entry += size) {
      if (directory.toString('latin1', entry, entry + 4) !== wanted) continue;
      const offset = directory.readUInt32BE(entry + 4 + (woff ? 0 : 4));
      if (!woff) return writeSfnt(flavor, [{ tag: wanted, checksum: directory.readUInt32BE(entry + 4), data: await readAt(handle, offset, directory.readUInt32BE(entry + 12)) }]);
      const compressed = directory.readUInt32BE(entry + 8);
      const original = directory.readUInt32BE(entry + 12);
      const stored = await readAt(handle, offset, compressed);
      const data = compressed < original ? inflateSync(stored) : stored;
      if (data.length !== original) throw new RangeError('a WOFF table does not inflate to its stated length');
      return writeSfnt(flavor, [{ tag: wanted, checksum: directory.readUInt32BE(entry + 16), data }]);
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** The face's cmap as a one-table sfnt. */
async function cmapOnly(file: string, postscriptName: string | undefined): Promise<Buffer> {
  const cmap = await tableOnly(file, 'cmap', postscriptName);
  if (!cmap) throw new Error('the font has no cmap table');
  return cmap;
}

export async function readCharacterMap(face: FontFace): Promise<CharacterMap> {
  try {
    return parseCharacterMap(await cmapOnly(face.path, face.postscriptName));
  } catch (error) {
    // A file with a font's signature but broken tables: the user's file, not a hanpress bug.
    const reason = error instanceof RangeError ? 'its tables are cut short' : /^Z_/.test(String((error as NodeJS.ErrnoException).code)) ? 'its compressed tables are damaged' : (error as Error).message;
    throw new BuildFailure([
      diagnostic('fonts/not-a-font', {
        message: `\`${face.path}\` is not a usable font: ${reason}.`,
        ...(face.source ?? {}),
      }),
    ]);
  }
}

/**
 * The family name inside the file (typographic family, name id 16, else id 1). Text renderers
 * that load a font file (Pango, for the generated cover) select by this name, which need not
 * equal the `family` a publisher wrote in fonts.yaml.
 */
export async function readFamilyName(face: FontFace): Promise<string | undefined> {
  const font = await tableOnly(face.path, 'name', face.postscriptName);
  return font && (nameRecord(font, 0, 16) ?? nameRecord(font, 0, 1));
}
