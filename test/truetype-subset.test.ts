/**
 * The TrueType subset that keeps glyph ids (src/writers/pdf/truetype.ts), read back table by
 * table: a directory whose checksums are right and a file that sums to 0xB1B0AFBA (head's
 * checkSumAdjustment); every glyph kept (those asked for, .notdef, composite components) has
 * its outline and metrics as in the font, every other glyph is empty with zero metrics.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { readFont, subsetKeepingIds } from '../src/writers/pdf/truetype.js';
import { SAMPLE_DIR } from './helpers/sample.js';

function words(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  return sum;
}

function tables(file: Uint8Array): Map<string, { data: Uint8Array; sum: number }> {
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const out = new Map<string, { data: Uint8Array; sum: number }>();
  for (let i = 0; i < view.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    const offset = view.readUInt32BE(at + 8);
    out.set(view.toString('latin1', at, at + 4), { data: file.subarray(offset, offset + view.readUInt32BE(at + 12)), sum: view.readUInt32BE(at + 4) });
  }
  return out;
}

const u16 = (d: Uint8Array, at: number): number => ((d[at] ?? 0) << 8) | (d[at + 1] ?? 0);
const u32 = (d: Uint8Array, at: number): number => Buffer.from(d.buffer, d.byteOffset, d.byteLength).readUInt32BE(at);

/** Glyph `gid`'s outline bytes and metrics bytes. */
function glyph(t: Map<string, { data: Uint8Array }>, gid: number): { outline: Uint8Array; metrics: Uint8Array } {
  const table = (tag: string): Uint8Array => {
    const found = t.get(tag);
    if (!found) throw new Error(`no ${tag} table`);
    return found.data;
  };
  const head = table('head');
  const loca = table('loca');
  const glyf = table('glyf');
  const hmtx = table('hmtx');
  const long = u16(table('hhea'), 34);
  const [from, to] = u16(head, 50) === 1 ? [u32(loca, 4 * gid), u32(loca, 4 * gid + 4)] : [u16(loca, 2 * gid) * 2, u16(loca, 2 * gid + 2) * 2];
  const at = gid < long ? 4 * gid : 4 * long + 2 * (gid - long);
  return { outline: glyf.subarray(from, to), metrics: hmtx.subarray(at, at + (gid < long ? 4 : 2)) };
}

describe('the TrueType subset keeping glyph ids', () => {
  it('has right checksums and keeps exactly the glyphs asked for, .notdef and their components', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR, {});
    const font = readFont(await readFile(fonts.body.normal.path));
    const count = u16(font.tables.get('maxp') ?? new Uint8Array(), 4);
    // A stretch, scattered glyphs, the last glyph, one past the end (ignored) and repeats.
    const asked = [5, 6, 7, 8, 300, 301, 4000, 12345, count - 1, count, 300];
    const subset = subsetKeepingIds(font, asked);
    const t = tables(subset);
    expect(words(subset)).toBe(0xb1b0afba);
    for (const [tag, { data, sum }] of t) {
      const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
      padded.set(data);
      // head's checksum is taken with checkSumAdjustment zero.
      if (tag === 'head') padded.fill(0, 8, 12);
      expect(words(padded), tag).toBe(sum);
    }
    const source = new Map([...font.tables].map(([tag, data]) => [tag, { data }]));
    // A kept glyph's outline as in the font, padded with zeros to a whole number of words.
    const same = (mine: Uint8Array, theirs: Uint8Array): boolean =>
      mine.length === Math.ceil(theirs.length / 4) * 4 && Buffer.from(mine.subarray(0, theirs.length)).equals(Buffer.from(theirs)) && mine.subarray(theirs.length).every((b) => b === 0);
    let kept = 0;
    for (let gid = 0; gid < count; gid++) {
      const mine = glyph(t, gid);
      const theirs = glyph(source, gid);
      if (gid === 0 || asked.includes(gid)) {
        expect(same(mine.outline, theirs.outline), `outline ${gid}`).toBe(true);
        expect(Buffer.from(mine.metrics).equals(Buffer.from(theirs.metrics)), `metrics ${gid}`).toBe(true);
        kept++;
      } else if (mine.outline.length > 0) {
        // A component of a kept composite: kept whole as well.
        expect(same(mine.outline, theirs.outline), `component ${gid}`).toBe(true);
        kept++;
      } else {
        expect(mine.metrics.every((b) => b === 0), `metrics ${gid}`).toBe(true);
      }
    }
    expect(kept).toBeGreaterThanOrEqual(9);
  });
});
