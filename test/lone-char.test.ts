/**
 * 孤字: a paragraph that would end with one character alone on its last line is set a little
 * looser or tighter so it does not, with the real fonts and the real composer.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import { coreChars, hasLoneChar, withoutLoneChar } from '../src/typeset/lone.js';
import { lineWidth, setText } from '../src/typeset/text.js';
import type { Loosening } from '../src/typeset/model.js';

const SIZE = 10.5;
const MEASURE = 36 * SIZE;

describe('no lone last character (孤字)', () => {
  it('moves a second character down to a lone one, keeping the line count and the measure', async () => {
    const fonts = new FontBook(await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript')));
    const style = { font: 'body', bold: false, size: SIZE };
    // 34 characters after the 2-em indent, 36 on the next line, and one more: a lone 字.
    const text = '天'.repeat(34 + 36) + '字';
    const set = (loosen: Loosening) => setText([{ text, style }], { measure: MEASURE, indent: 2 * SIZE, loosen }, fonts, SIZE);
    const natural = set(0);
    expect(hasLoneChar(natural)).toBe(true);
    const fixed = withoutLoneChar(set, SIZE).lines;
    expect(fixed).toHaveLength(natural.length);
    expect(coreChars(fixed.at(-1))).toBeGreaterThanOrEqual(2);
    // Every line but the last still fills the measure exactly.
    for (const line of fixed.slice(0, -1)) expect(lineWidth(line)).toBeCloseTo(MEASURE, 1);
  });

  it('leaves a paragraph alone when its last line already holds two characters or more', async () => {
    const fonts = new FontBook(await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript')));
    const style = { font: 'body', bold: false, size: SIZE };
    const text = '天'.repeat(34 + 36) + '字句。';
    let calls = 0;
    const set = (loosen: Loosening) => {
      calls++;
      return setText([{ text, style }], { measure: MEASURE, indent: 2 * SIZE, loosen }, fonts, SIZE);
    };
    expect(hasLoneChar(withoutLoneChar(set, SIZE).lines)).toBe(false);
    expect(calls).toBe(1);
  });
});
