/**
 * The font book a process keeps for its next PDF (src/writers/pdf/warm-fonts.ts): the same
 * one while the font config and the font files are unchanged, a new one as soon as either
 * changes (a font file replaced in place is read again).
 */
import { copyFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { fontBookFor } from '../src/writers/pdf/warm-fonts.js';
import { tempDir } from './helpers/project.js';
import { SAMPLE_DIR } from './helpers/sample.js';

describe('the font book of a warm process', () => {
  it('is kept while the config and the files are the same, and made again when a file changes', async () => {
    const config = await loadFontConfig(SAMPLE_DIR);
    const copy = path.join(await tempDir('hanpress-fonts-'), 'body.ttf');
    await copyFile(config.body.normal.path, copy);
    const own = { ...config, body: { ...config.body, normal: { ...config.body.normal, path: copy } } };
    const first = fontBookFor(own);
    expect(fontBookFor({ ...own })).toBe(first);
    // The same text measures the same from the kept book.
    const style = { font: 'body', bold: false, size: 10.5 };
    expect(fontBookFor(own).measure('洪太尉误走妖魔', style, false)).toBe(first.measure('洪太尉误走妖魔', style, false));
    await utimes(copy, new Date(), new Date(Date.now() + 5000));
    expect(fontBookFor(own)).not.toBe(first);
    const other = fontBookFor(config);
    expect(other).not.toBe(fontBookFor(own));
  });
});
