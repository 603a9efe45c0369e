/**
 * The EPUB's own zip writer: the bytes fflate's zipSync writes for the same entries, with or
 * without the cache of deflated entries; a rebuild deflates only what changed; a damaged or
 * foreign cache entry is a miss, never a wrong document.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ByteCache } from '../src/pipeline/memo.js';
import { deflateAhead, dosDateTime, zipEpub, type ZipEntry } from '../src/writers/epub/zip.js';
import { verifyEpub } from '../src/verify/verify.js';

const DATE = new Date(Date.UTC(2024, 4, 1, 13, 37, 42));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const ENTRIES: ZipEntry[] = [
  { path: 'META-INF/container.xml', data: text('<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>') },
  { path: 'OEBPS/content.opf', data: text('<package/>') },
  { path: 'OEBPS/text/ch001.xhtml', data: text('<p>第一回　张天师祈禳瘟疫　洪太尉误走妖魔</p>'.repeat(200)) },
  { path: 'OEBPS/text/ch002.xhtml', data: text('<p>第一回　张天师祈禳瘟疫　洪太尉误走妖魔</p>'.repeat(200)) },
  { path: 'OEBPS/text/空.xhtml', data: new Uint8Array(0) },
  { path: 'OEBPS/images/a.png', data: new Uint8Array([137, 80, 78, 71, 1, 2, 3]) },
];

/** What the writer did before it laid out the archive itself: fflate's zipSync. */
function fflateZip(entries: ZipEntry[], date: Date): Uint8Array {
  const d = new Date(date.getTime());
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  const files: Zippable = { mimetype: [text('application/epub+zip'), { level: 0, mtime }] };
  for (const e of entries) files[e.path] = [e.data, { level: /\.png$/.test(e.path) ? 0 : 6, mtime }];
  return zipSync(files);
}

function countingCache(): ByteCache & { map: Map<string, Uint8Array>; hits: number; misses: number } {
  const map = new Map<string, Uint8Array>();
  const cache = {
    map,
    hits: 0,
    misses: 0,
    get: (key: string) => {
      const bytes = map.get(key);
      if (bytes) cache.hits++;
      else cache.misses++;
      return bytes;
    },
    set: (key: string, bytes: Uint8Array) => void map.set(key, bytes),
  };
  return cache;
}

describe('the EPUB zip', () => {
  it('writes the bytes fflate writes, cold and from the cache', () => {
    const expected = Buffer.from(fflateZip(ENTRIES, DATE));
    expect(Buffer.from(zipEpub(ENTRIES, DATE)).equals(expected)).toBe(true);
    const cache = countingCache();
    expect(Buffer.from(zipEpub(ENTRIES, DATE, cache)).equals(expected)).toBe(true);
    // Two identical documents are deflated once; the stored image never asks.
    expect(cache.map.size).toBe(4);
    expect(cache.hits).toBe(0);
    const warm = countingCache();
    for (const [k, v] of cache.map) warm.map.set(k, v);
    expect(Buffer.from(zipEpub(ENTRIES, DATE, warm)).equals(expected)).toBe(true);
    expect([warm.hits, warm.misses]).toEqual([4, 0]);
    expect(verifyEpub(zipEpub(ENTRIES, DATE, warm))).toEqual([]);
    const files = unzipSync(zipEpub(ENTRIES, DATE, warm));
    expect(Object.keys(files)[0]).toBe('mimetype');
    expect(Buffer.from(files['OEBPS/text/ch002.xhtml'] ?? []).equals(Buffer.from(ENTRIES[3]?.data ?? []))).toBe(true);
  });

  it('writes the same bytes with a large entry deflated ahead, and asks the cache first', () => {
    // A font-sized entry: deflating ahead starts at 64 KB.
    const font = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    const entries: ZipEntry[] = [...ENTRIES, { path: 'OEBPS/fonts/body-regular.ttf', data: font }];
    const expected = Buffer.from(fflateZip(entries, DATE));
    deflateAhead(font);
    expect(Buffer.from(zipEpub(entries, DATE)).equals(expected)).toBe(true);
    const cache = countingCache();
    deflateAhead(font, cache);
    expect(cache.misses).toBe(1);
    expect(Buffer.from(zipEpub(entries, DATE, cache)).equals(expected)).toBe(true);
    // What was deflated ahead is also kept across runs; next time the cache answers.
    const warm = countingCache();
    for (const [k, v] of cache.map) warm.map.set(k, v);
    deflateAhead(font, warm);
    expect([warm.hits, warm.misses]).toEqual([1, 0]);
    expect(Buffer.from(zipEpub(entries, DATE, warm)).equals(expected)).toBe(true);
  });

  it('deflates again only the entry whose content changed', () => {
    const cache = countingCache();
    zipEpub(ENTRIES, DATE, cache);
    const edited = ENTRIES.map((e) => (e.path === 'OEBPS/text/ch002.xhtml' ? { ...e, data: text('<p>又说了一句话。</p>') } : e));
    const warm = countingCache();
    for (const [k, v] of cache.map) warm.map.set(k, v);
    const bytes = zipEpub(edited, DATE, warm);
    expect(warm.misses).toBe(1);
    expect(Buffer.from(bytes).equals(Buffer.from(fflateZip(edited, DATE)))).toBe(true);
  });

  it('takes a damaged or foreign cache entry for a miss', () => {
    const cache = countingCache();
    zipEpub(ENTRIES, DATE, cache);
    const keys = [...cache.map.keys()];
    // One entry with a byte flipped, another replaced by a sealed entry of other content.
    const damaged = new Uint8Array(cache.map.get(keys[0] ?? '') ?? []);
    damaged[damaged.length - 1] = (damaged.at(-1) ?? 0) ^ 1;
    cache.map.set(keys[0] ?? '', damaged);
    cache.map.set(keys[1] ?? '', cache.map.get(keys[2] ?? '') ?? new Uint8Array());
    cache.map.set(keys[3] ?? '', new Uint8Array(3));
    const bytes = zipEpub(ENTRIES, DATE, cache);
    expect(Buffer.from(bytes).equals(Buffer.from(fflateZip(ENTRIES, DATE)))).toBe(true);
  });

  it('stores the build date’s UTC fields, clamped to the DOS range', () => {
    const fields = (n: number): number[] => [(n >>> 25) + 1980, (n >>> 21) & 15, (n >>> 16) & 31, (n >>> 11) & 31, (n >>> 5) & 63, (n & 31) * 2];
    expect(fields(dosDateTime(DATE))).toEqual([2024, 5, 1, 13, 37, 42]);
    expect(fields(dosDateTime(new Date(0)))).toEqual([1980, 1, 1, 0, 0, 0]);
    expect(fields(dosDateTime(new Date(Date.UTC(2200, 0, 1))))).toEqual([2107, 12, 31, 23, 59, 58]);
  });
});
