/**
 * A CFF font program (the outlines of an OpenType .otf: Source Han, Noto CJK …) for embedding
 * as FontFile3 /CIDFontType0C, subset with its glyph ids kept: glyphs no page draws become an
 * empty charstring (`endchar`), everything else — charset, FDSelect, the Font and Private
 * DICTs, every subroutine — stays as it was, so each glyph keeps its id and its CID. A page
 * shows a CFF face by CID (the charset maps glyph ids to CIDs in a CID-keyed font; a
 * name-keyed font's CIDs are its glyph ids), so no page depends on the glyphs of another.
 */

interface Index {
  items: Uint8Array[];
  /** The INDEX's bytes as they are in the font. */
  raw: Uint8Array;
  end: number;
}

function readIndex(data: Uint8Array, at: number): Index {
  const count = ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  if (count === 0) return { items: [], raw: data.subarray(at, at + 2), end: at + 2 };
  const offSize = data[at + 2] ?? 1;
  const offset = (i: number): number => {
    let v = 0;
    for (let b = 0; b < offSize; b++) v = v * 256 + (data[at + 3 + i * offSize + b] ?? 0);
    return v;
  };
  const base = at + 3 + (count + 1) * offSize - 1;
  const items = Array.from({ length: count }, (_, i) => data.subarray(base + offset(i), base + offset(i + 1)));
  const end = base + offset(count);
  return { items, raw: data.subarray(at, end), end };
}

function writeIndex(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array([0, 0]);
  const total = items.reduce((n, item) => n + item.length, 0) + 1;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + (items.length + 1) * offSize + total - 1);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let offset = 1;
  let data = 3 + (items.length + 1) * offSize;
  const put = (i: number, v: number): void => {
    for (let b = offSize - 1; b >= 0; b--, v = Math.floor(v / 256)) out[3 + i * offSize + b] = v & 0xff;
  };
  items.forEach((item, i) => {
    put(i, offset);
    out.set(item, data);
    data += item.length;
    offset += item.length;
  });
  put(items.length, offset);
  return out;
}

interface Entry {
  /** Operator; two-byte operators (12 x) as 1200 + x. */
  op: number;
  operands: number[];
  raw: Uint8Array;
}

/** A DICT's entries; real operands are skipped (only integer offsets are ever read). */
function readDict(data: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  let operands: number[] = [];
  let start = 0;
  for (let i = 0; i < data.length; ) {
    const b0 = data[i] ?? 0;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + (data[i + 1] ?? 0) : b0;
      i += b0 === 12 ? 2 : 1;
      entries.push({ op, operands, raw: data.subarray(start, i) });
      operands = [];
      start = i;
    } else if (b0 === 28) {
      operands.push((((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0)) << 16 >> 16);
      i += 3;
    } else if (b0 === 29) {
      operands.push(((data[i + 1] ?? 0) << 24) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 8) | (data[i + 4] ?? 0));
      i += 5;
    } else if (b0 === 30) {
      i++;
      while (i < data.length) {
        const b = data[i++] ?? 0xff;
        if ((b & 0x0f) === 0x0f || (b >> 4) === 0x0f) break;
      }
      operands.push(NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      i += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + (data[i + 1] ?? 0) + 108);
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - (data[i + 1] ?? 0) - 108);
      i += 2;
    } else {
      throw new Error('a CFF DICT holds a reserved byte');
    }
  }
  return entries;
}

/** Integers as 5-byte operands: an offset's encoding never changes the DICT's length. */
function entry(op: number, values: number[]): Uint8Array {
  const bytes: number[] = [];
  for (const v of values) bytes.push(29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  if (op >= 1200) bytes.push(12, op - 1200);
  else bytes.push(op);
  return new Uint8Array(bytes);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A DICT with the entries for `ops` replaced by fixed-size ones (left out when `values` is undefined). */
function rewriteDict(entries: Entry[], values: Map<number, number[] | undefined>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    if (!values.has(e.op)) parts.push(e.raw);
    else {
      const v = values.get(e.op);
      if (v) parts.push(entry(e.op, v));
    }
  }
  return concat(parts);
}

const op = { charset: 15, encoding: 16, charStrings: 17, private: 18, subrs: 19, ros: 1230, fdArray: 1236, fdSelect: 1237, charstringType: 1206 };

function operand(entries: Entry[], code: number): number[] | undefined {
  return entries.find((e) => e.op === code)?.operands;
}

function charsetLength(data: Uint8Array, at: number, glyphs: number): number {
  const format = data[at] ?? 0;
  if (format === 0) return 1 + 2 * (glyphs - 1);
  let covered = 1;
  let p = at + 1;
  while (covered < glyphs) {
    const left = format === 1 ? (data[p + 2] ?? 0) : ((data[p + 2] ?? 0) << 8) | (data[p + 3] ?? 0);
    covered += left + 1;
    p += format === 1 ? 3 : 4;
  }
  return p - at;
}

function fdSelectLength(data: Uint8Array, at: number, glyphs: number): number {
  if (data[at] === 0) return 1 + glyphs;
  const ranges = ((data[at + 1] ?? 0) << 8) | (data[at + 2] ?? 0);
  return 3 + 3 * ranges + 2;
}

/** CIDs by glyph id (a CID-keyed font's charset). */
function cidsOf(data: Uint8Array, at: number, glyphs: number): Uint32Array {
  const cids = new Uint32Array(glyphs);
  const format = data[at] ?? 0;
  let gid = 1;
  let p = at + 1;
  const u16 = (q: number): number => ((data[q] ?? 0) << 8) | (data[q + 1] ?? 0);
  while (gid < glyphs) {
    if (format === 0) {
      cids[gid++] = u16(p);
      p += 2;
      continue;
    }
    const first = u16(p);
    const left = format === 1 ? (data[p + 2] ?? 0) : u16(p + 2);
    for (let k = 0; k <= left && gid < glyphs; k++) cids[gid++] = first + k;
    p += format === 1 ? 3 : 4;
  }
  return cids;
}

const STANDARD_STRINGS = 391;

export interface CffProgram {
  glyphs: number;
  /** CID of each glyph id (identity for a name-keyed font). */
  cids: Uint32Array;
  /** Registry, ordering and supplement of a CID-keyed font. */
  ros?: [string, string, number];
  subset(used: Iterable<number>): Uint8Array;
}

export function readCff(data: Uint8Array): CffProgram {
  if ((data[0] ?? 0) !== 1) throw new Error('not a CFF (version 1) font program');
  const hdrSize = data[2] ?? 4;
  const names = readIndex(data, hdrSize);
  const tops = readIndex(data, names.end);
  const strings = readIndex(data, tops.end);
  const gsubrs = readIndex(data, strings.end);
  const top = readDict(tops.items[0] ?? new Uint8Array());
  const type = operand(top, op.charstringType)?.[0];
  if (type !== undefined && type !== 2) throw new Error('the CFF uses Type 1 charstrings');
  const charStrings = readIndex(data, operand(top, op.charStrings)?.[0] ?? 0);
  const glyphs = charStrings.items.length;
  const charsetAt = operand(top, op.charset)?.[0] ?? 0;
  const charset = charsetAt > 2 ? data.subarray(charsetAt, charsetAt + charsetLength(data, charsetAt, glyphs)) : undefined;
  const rosOperands = operand(top, op.ros);
  const cid = rosOperands !== undefined;
  const cids = cid && charset ? cidsOf(data, charsetAt, glyphs) : Uint32Array.from({ length: glyphs }, (_, i) => i);
  const text = (sid: number): string => (sid >= STANDARD_STRINGS ? Buffer.from(strings.items[sid - STANDARD_STRINGS] ?? []).toString('latin1') : 'Adobe');
  const ros: [string, string, number] | undefined = rosOperands ? [text(rosOperands[0] ?? 0), text(rosOperands[1] ?? 0), rosOperands[2] ?? 0] : undefined;
  const fdSelectAt = operand(top, op.fdSelect)?.[0];
  const fdSelect = fdSelectAt !== undefined ? data.subarray(fdSelectAt, fdSelectAt + fdSelectLength(data, fdSelectAt, glyphs)) : undefined;
  const fontDicts = cid ? readIndex(data, operand(top, op.fdArray)?.[0] ?? 0).items.map(readDict) : [];
  /** A Private DICT and its local subroutines, from a [size, offset] operand pair. */
  const privateOf = (pair: number[] | undefined): { dict: Entry[]; subrs?: Uint8Array } | undefined => {
    if (!pair) return undefined;
    const [size = 0, offset = 0] = pair;
    const dict = readDict(data.subarray(offset, offset + size));
    const subrsAt = operand(dict, op.subrs)?.[0];
    return { dict, ...(subrsAt !== undefined ? { subrs: readIndex(data, offset + subrsAt).raw } : {}) };
  };
  const privates = cid ? fontDicts.map((fd) => privateOf(operand(fd, op.private))) : [privateOf(operand(top, op.private))];

  const subset = (used: Iterable<number>): Uint8Array => {
    const keep = new Set<number>([0, ...used]);
    const endchar = new Uint8Array([14]);
    const newCharStrings = writeIndex(charStrings.items.map((cs, gid) => (keep.has(gid) ? cs : endchar)));
    // Private DICTs with their subroutines right after them (Subrs is relative to the DICT).
    const privateBlocks = privates.map((p) => {
      if (!p) return undefined;
      const hasSubrs = p.subrs !== undefined;
      const probe = rewriteDict(p.dict, new Map([[op.subrs, hasSubrs ? [0] : undefined]]));
      const dict = rewriteDict(p.dict, new Map([[op.subrs, hasSubrs ? [probe.length] : undefined]]));
      return { dict, bytes: concat([dict, p.subrs ?? new Uint8Array()]) };
    });
    const topWith = (at: Record<string, number>): Uint8Array =>
      rewriteDict(
        top,
        new Map<number, number[] | undefined>([
          [op.encoding, undefined],
          [op.charStrings, [at.charStrings ?? 0]],
          ...(charset ? ([[op.charset, [at.charset ?? 0]]] as Array<[number, number[]]>) : []),
          ...(fdSelect ? ([[op.fdSelect, [at.fdSelect ?? 0]]] as Array<[number, number[]]>) : []),
          ...(cid ? ([[op.fdArray, [at.fdArray ?? 0]]] as Array<[number, number[]]>) : [[op.private, [privateBlocks[0]?.dict.length ?? 0, at.private0 ?? 0]]] as Array<[number, number[]]>),
        ]),
      );
    const fdArrayWith = (at: number[]): Uint8Array =>
      writeIndex(fontDicts.map((fd, i) => rewriteDict(fd, new Map([[op.private, [privateBlocks[i]?.dict.length ?? 0, at[i] ?? 0]]]))));
    const head = new Uint8Array([data[0] ?? 1, data[1] ?? 0, 4, data[3] ?? 4]);
    // Every offset is a 5-byte integer, so lengths are known before the offsets are.
    const topIndexLength = writeIndex([topWith({})]).length;
    let at = head.length + names.raw.length + topIndexLength + strings.raw.length + gsubrs.raw.length;
    const where: Record<string, number> = {};
    if (charset) {
      where.charset = at;
      at += charset.length;
    }
    if (fdSelect) {
      where.fdSelect = at;
      at += fdSelect.length;
    }
    where.charStrings = at;
    at += newCharStrings.length;
    const privateAt: number[] = [];
    if (cid) {
      where.fdArray = at;
      at += fdArrayWith([]).length;
    }
    for (const block of privateBlocks) {
      privateAt.push(at);
      at += block?.bytes.length ?? 0;
    }
    where.private0 = privateAt[0] ?? 0;
    return concat([
      head,
      names.raw,
      writeIndex([topWith(where)]),
      strings.raw,
      gsubrs.raw,
      charset ?? new Uint8Array(),
      fdSelect ?? new Uint8Array(),
      newCharStrings,
      cid ? fdArrayWith(privateAt) : new Uint8Array(),
      ...privateBlocks.map((b) => b?.bytes ?? new Uint8Array()),
    ]);
  };
  return { glyphs, cids, ...(ros ? { ros } : {}), subset };
}
