/**
 * The OCF container. `mimetype` must be the first entry, stored, with no extra field; every
 * entry carries the build date so two builds of the same book are byte-identical.
 *
 * The archive is laid out here (local headers, central directory, end record: APPNOTE 4.3)
 * and each entry deflated by fflate, the same bytes fflate's zipSync writes. Deflating is most
 * of the EPUB's time, and an edit changes one chapter's document: an entry's deflated bytes
 * and CRC are kept in the cache across runs under a hash of its content, so a rebuild deflates
 * only the documents that changed.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';
import type { ByteCache } from '../../pipeline/memo.js';
import { openEntry, sealEntry } from '../../pipeline/sealed.js';

export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

const MIMETYPE = new TextEncoder().encode('application/epub+zip');
/** Already-compressed formats gain nothing from deflate. */
const STORED_EXTENSIONS = /\.(png|jpe?g|gif|webp|woff2?)$/i;
const LEVEL = 6;
/** Bump when the deflated bytes for the same content would change (another deflater, level). */
const DEFLATE_FORMAT = 'fflate-0.8 level 6';

interface Deflated {
  crc: number;
  data: Uint8Array;
}

/** An entry as it goes into the archive. */
interface Packed {
  name: Uint8Array;
  /** The name is not ASCII: general purpose flag bit 11 (UTF-8). */
  utf8: boolean;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * ZIP stores MS-DOS local date and time fields; the build date's UTC fields go in, so every
 * machine writes the same bytes. DOS dates run from 1980 to 2107: a date outside is clamped.
 */
export function dosDateTime(buildDate: Date): number {
  const d = new Date(Math.min(Math.max(buildDate.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return (
    (((d.getUTCFullYear() - 1980) << 25) | ((d.getUTCMonth() + 1) << 21) | (d.getUTCDate() << 16) | (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1)) >>>
    0
  );
}

/**
 * Deflated bytes and CRC of `data`, from the cache when the same content was deflated before.
 * An entry holds the hash of the content it was made from, its CRC and the deflated bytes,
 * sealed: one damaged, cut short or filed under another key is a miss.
 */
function deflated(data: Uint8Array, cache: ByteCache | undefined, done: Map<string, Deflated>): Deflated {
  if (!cache) return fresh(data);
  const content = contentHash(data);
  const key = content.toString('hex');
  // The same content twice in one archive (two identical documents) is looked up once.
  const known = done.get(key);
  if (known) return known;
  const hit = openEntry(cache.get(key));
  if (hit && hit.length >= 36 && content.equals(hit.subarray(0, 32))) {
    const found = { crc: Buffer.from(hit.buffer, hit.byteOffset + 32, 4).readUInt32BE(0), data: hit.subarray(36) };
    done.set(key, found);
    return found;
  }
  const out = fresh(data, content);
  done.set(key, out);
  const stored = Buffer.alloc(36 + out.data.length);
  content.copy(stored, 0);
  stored.writeUInt32BE(out.crc, 32);
  stored.set(out.data, 36);
  cache.set(key, sealEntry(stored));
  return out;
}

function contentHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(DEFLATE_FORMAT).update('\u0000').update(data).digest();
}

/** Entries this large are worth deflating ahead (the fonts: most of an EPUB's bytes). */
const AHEAD_FROM = 64 * 1024;
const ahead = new Map<string, Deflated>();

/**
 * Deflates an entry before the archive is made (the thread beside the PDF has the font subsets
 * long before the pagination its documents wait for), unless the cache across runs has it:
 * zipEpub then takes these bytes instead of deflating the entry at the end of the build.
 */
export function deflateAhead(data: Uint8Array, cache?: ByteCache): void {
  if (data.length < AHEAD_FROM) return;
  const key = contentHash(data).toString('hex');
  if (ahead.has(key) || cache?.get(key)) return;
  ahead.set(key, { crc: crc32(data), data: deflateSync(data, { level: LEVEL }) });
}

/** The entry deflated now, or taken from what was deflated ahead (the same bytes). */
function fresh(data: Uint8Array, content?: Buffer): Deflated {
  if (data.length >= AHEAD_FROM && ahead.size > 0) {
    const key = (content ?? contentHash(data)).toString('hex');
    const made = ahead.get(key);
    if (made) {
      ahead.delete(key);
      return made;
    }
  }
  return { crc: crc32(data), data: deflateSync(data, { level: LEVEL }) };
}

function pack(path: string, data: Uint8Array, stored: boolean, cache: ByteCache | undefined, done: Map<string, Deflated>): Packed {
  const name = new TextEncoder().encode(path);
  if (name.length > 0xffff) throw new Error(`internal: EPUB entry name too long: ${path}`);
  const common = { name, utf8: name.length !== path.length, size: data.length };
  if (stored) return { ...common, method: 0, crc: crc32(data), data };
  return { ...common, method: 8, ...deflated(data, cache, done) };
}

/** A local file header (`central` false) or a central directory header. */
function header(entry: Packed, time: number, central: false | { offset: number }): Buffer {
  const out = Buffer.alloc((central ? 46 : 30) + entry.name.length);
  out.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
  let at = 4;
  // Version made by (2.0, MS-DOS) in the central directory; version needed to extract: 2.0.
  if (central) out.writeUInt16LE(20, (at += 2) - 2);
  out.writeUInt16LE(20, at);
  out.writeUInt16LE(entry.utf8 ? 0x0800 : 0, at + 2);
  out.writeUInt16LE(entry.method, at + 4);
  out.writeUInt32LE(time, at + 6);
  out.writeUInt32LE(entry.crc >>> 0, at + 10);
  out.writeUInt32LE(entry.data.length, at + 14);
  out.writeUInt32LE(entry.size, at + 18);
  out.writeUInt16LE(entry.name.length, at + 22);
  // Extra field length 0; in the central directory also comment, disk, attributes: 0.
  at += 26;
  if (central) {
    out.writeUInt32LE(central.offset, at + 10);
    at += 14;
  }
  out.set(entry.name, at);
  return out;
}

/** `cache`: deflated entries by content (the build session's cache across runs); absent, all are deflated. */
export function zipEpub(entries: ZipEntry[], buildDate: Date, cache?: ByteCache): Uint8Array {
  const time = dosDateTime(buildDate);
  const seen = new Set<string>(['mimetype']);
  const done = new Map<string, Deflated>();
  const packed: Packed[] = [pack('mimetype', MIMETYPE, true, undefined, done)];
  for (const entry of entries) {
    if (seen.has(entry.path)) throw new Error(`internal: duplicate EPUB entry ${entry.path}`);
    seen.add(entry.path);
    packed.push(pack(entry.path, entry.data, STORED_EXTENSIONS.test(entry.path), cache, done));
  }
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of packed) {
    const local = header(entry, time, false);
    offsets.push(offset);
    parts.push(local, entry.data);
    offset += local.length + entry.data.length;
  }
  const directoryStart = offset;
  for (const [i, entry] of packed.entries()) {
    const central = header(entry, time, { offset: offsets[i] ?? 0 });
    parts.push(central);
    offset += central.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  parts.push(end);
  return new Uint8Array(Buffer.concat(parts));
}
