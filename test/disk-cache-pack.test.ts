/**
 * A packed step of the cache across runs (DiskCache.bytes with `packed`, the PDF's page
 * streams): its entries are kept in one file, read back whole by the next build, rewritten only
 * when it changed; a build that prunes keeps what it used, one that does not keeps everything;
 * a pack cut short or that is not a pack costs misses, never a wrong entry or the build.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../src/pipeline/disk-cache.js';
import { tempDir } from './helpers/project.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined): string | undefined => (data ? new TextDecoder().decode(data) : undefined);

async function files(dir: string): Promise<string[]> {
  const steps = path.join(dir, '.hanpress-cache/steps');
  return (await readdir(steps, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('a packed step of the cache', () => {
  it('keeps its entries in one file, read back by the next build and rewritten only when it changed', async () => {
    const dir = await tempDir('hanpress-pack-');
    const first = new DiskCache(dir);
    const pages = first.bytes('settings', 'pdf-page', { packed: true });
    expect(pages.get('a')).toBeUndefined();
    pages.set('a', bytes('page a'));
    pages.set('b', bytes('page b'));
    await first.flush({ prune: true });
    const written = await files(dir);
    expect(written).toHaveLength(1);

    const second = new DiskCache(dir);
    const again = second.bytes('settings', 'pdf-page', { packed: true });
    expect(text(again.get('a'))).toBe('page a');
    expect(text(again.get('b'))).toBe('page b');
    expect(again.get('c')).toBeUndefined();
    expect(second.stats).toEqual({ hits: { 'pdf-page': 2 }, misses: { 'pdf-page': 1 } });
    const before = await readFile(written[0] as string);
    await second.flush({ prune: true });
    // Nothing changed: the same file, not written again.
    expect((await files(dir))[0]).toBe(written[0]);
    expect((await readFile(written[0] as string)).equals(before)).toBe(true);

    // Other settings are another pack; a build under them that prunes leaves only its own.
    const other = new DiskCache(dir);
    other.bytes('other settings', 'pdf-page', { packed: true }).set('a', bytes('other a'));
    await other.flush({ prune: true });
    expect(await files(dir)).toHaveLength(1);
    expect(text(new DiskCache(dir).bytes('other settings', 'pdf-page', { packed: true }).get('a'))).toBe('other a');
  });

  it('keeps what a build used when it prunes, and everything when it does not', async () => {
    const dir = await tempDir('hanpress-pack-');
    const cold = new DiskCache(dir);
    const pages = cold.bytes('s', 'pdf-page', { packed: true });
    for (const key of ['a', 'b', 'c']) pages.set(key, bytes(key));
    await cold.flush({ prune: true });

    // `--only` (no prune): uses a, adds d; b and c stay.
    const partial = new DiskCache(dir);
    const some = partial.bytes('s', 'pdf-page', { packed: true });
    some.get('a');
    some.set('d', bytes('d'));
    await partial.flush({ prune: false });
    const all = new DiskCache(dir).bytes('s', 'pdf-page', { packed: true });
    expect(['a', 'b', 'c', 'd'].map((key) => text(all.get(key)))).toEqual(['a', 'b', 'c', 'd']);

    // A full build that used a and b only: c and d are stale.
    const full = new DiskCache(dir);
    const used = full.bytes('s', 'pdf-page', { packed: true });
    used.get('a');
    used.get('b');
    used.set('b', bytes('b'));
    await full.flush({ prune: true });
    const after = new DiskCache(dir).bytes('s', 'pdf-page', { packed: true });
    expect(['a', 'b', 'c', 'd'].map((key) => text(after.get(key)))).toEqual(['a', 'b', undefined, undefined]);
  });

  it('treats a pack cut short, or a file that is not one, as missing entries', async () => {
    const dir = await tempDir('hanpress-pack-');
    const cold = new DiskCache(dir);
    const pages = cold.bytes('s', 'pdf-page', { packed: true });
    pages.set('a', bytes('first entry'));
    pages.set('b', bytes('second entry'));
    await cold.flush({ prune: true });
    const [file] = await files(dir);
    const whole = await readFile(file as string);

    await writeFile(file as string, whole.subarray(0, whole.length - 3));
    const cut = new DiskCache(dir).bytes('s', 'pdf-page', { packed: true });
    expect(text(cut.get('a'))).toBe('first entry');
    expect(cut.get('b')).toBeUndefined();

    await writeFile(file as string, 'not a pack at all');
    const garbage = new DiskCache(dir).bytes('s', 'pdf-page', { packed: true });
    expect(garbage.get('a')).toBeUndefined();
  });
});
