/**
 * What identifies a face's glyphs for a cache key: its file's name, size and whole-file
 * checksum (head.checkSumAdjustment) and the face's PostScript name: a font edited in place
 * changes them, and no 10 MB font is hashed on every build. Only the head table is read (a
 * WOFF's other tables stay compressed), once per process for a file of the same size, time
 * and inode: `build --watch` makes new faces for every rebuild.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { tableOfFace } from '../../fonts/sfnt.js';
import type { Face } from '../../typeset/fonts.js';

const identities = new WeakMap<Face, string>();
const byFile = new Map<string, string>();

export function faceIdentity(face: Face): string {
  let identity = identities.get(face);
  if (identity !== undefined) return identity;
  const { path: file, postscriptName } = face.source;
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    const fileKey = `${file}\u0000${postscriptName ?? ''}\u0000${stat.size}\u0000${stat.mtimeMs}\u0000${stat.ino}`;
    identity = byFile.get(fileKey);
    if (identity === undefined) {
      const head = headTable(fd, stat.size) ?? tableOfFace(readFileSync(fd), 'head', postscriptName);
      const checksum = head ? Buffer.from(head.subarray(8, 12)).toString('hex') : 'none';
      identity = `${path.basename(file)}|${postscriptName ?? ''}|${stat.size}|${checksum}`;
      byFile.set(fileKey, identity);
    }
  } finally {
    closeSync(fd);
  }
  identities.set(face, identity);
  return identity;
}

function readAt(fd: number, at: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, at + done);
    if (n === 0) throw new RangeError('font file cut short');
    done += n;
  }
  return out;
}

/**
 * The head table of a single-face .ttf/.otf or WOFF, read from its table directory without
 * reading the rest of the file (a CJK face is 10–15 MB); undefined for a collection or a file
 * this does not recognise, which is then read whole.
 */
function headTable(fd: number, size: number): Buffer | undefined {
  if (size < 12) return undefined;
  const start = readAt(fd, 0, 12);
  const kind = start.toString('latin1', 0, 4);
  if (kind === 'wOFF') {
    const count = readAt(fd, 12, 2).readUInt16BE(0);
    const directory = readAt(fd, 44, count * 20);
    for (let i = 0; i < count; i++) {
      if (directory.toString('latin1', i * 20, i * 20 + 4) !== 'head') continue;
      const [offset, compressed, original] = [4, 8, 12].map((o) => directory.readUInt32BE(i * 20 + o)) as [number, number, number];
      const stored = readAt(fd, offset, compressed);
      return compressed < original ? inflateSync(stored) : stored;
    }
    return undefined;
  }
  if (kind === 'ttcf') return undefined;
  const count = start.readUInt16BE(4);
  const directory = readAt(fd, 12, count * 16);
  for (let i = 0; i < count; i++) {
    if (directory.toString('latin1', i * 16, i * 16 + 4) !== 'head') continue;
    return readAt(fd, directory.readUInt32BE(i * 16 + 8), directory.readUInt32BE(i * 16 + 12));
  }
  return undefined;
}
