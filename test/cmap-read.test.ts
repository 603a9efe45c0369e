/**
 * The coverage gate reads only a plain font's directory and cmap from disk: the map it builds
 * must be the one the whole file gives, for every code point, for each kind of face the
 * default config names (TrueType, and the WOFF of the 楷 role). The cover's family names are
 * read the same way (the name table alone, a WOFF's inflated by itself).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCharacterMap, readCharacterMap, readFamilyName } from '../src/fonts/cmap.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { nameRecord, singleFace } from '../src/fonts/sfnt.js';
import { SAMPLE_DIR } from './helpers/sample.js';

describe('reading a face’s cmap', () => {
  it('gives the same map as parsing the whole file', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR);
    const faces = [fonts.body.normal, fonts.heading.bold, fonts.kai.normal];
    expect(faces.map((f) => f.path.split('.').at(-1))).toEqual(['ttf', 'ttf', 'woff']);
    for (const face of faces) {
      const partial = await readCharacterMap(face);
      const whole = parseCharacterMap(singleFace(await readFile(face.path), face.postscriptName));
      const differing: number[] = [];
      for (let cp = 0; cp <= 0x2ffff; cp += 1) if (partial.has(cp) !== whole.has(cp)) differing.push(cp);
      expect(differing, face.path).toEqual([]);
      expect(partial.has(0x6c34), face.path).toBe(true);
    }
  });

  it('reads the family name from the name table alone, as the whole file gives it', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR);
    for (const face of [fonts.body.normal, fonts.heading.bold, fonts.kai.normal]) {
      const whole = singleFace(await readFile(face.path), face.postscriptName);
      const expected = nameRecord(whole, 0, 16) ?? nameRecord(whole, 0, 1);
      expect(expected, face.path).toBeTruthy();
      expect(await readFamilyName(face), face.path).toBe(expected);
    }
  });
});
