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

  it('counts the characters of a line as the expression over its joined text did (marks, spaces, surrogates across runs)', () => {
    const reference = (texts: string[]): number => Array.from(texts.join('').replace(/[，。、；：？！）」』”’》〕】…—·,.;:?!)\s\u3000]/gu, '')).length;
    const style = { font: 'body', bold: false, size: SIZE };
    const line = (texts: string[]) => ({ runs: texts.map((text, i) => ({ x: i, text, style, spacing: 0, half: false, width: 1 })), size: SIZE, noteRefs: [] });
    const cases = [
      ['字。'],
      ['。，', '」'],
      ['a b\u00a0c\ufeff\u2028d'],
      ['𠀀𠀁', '。'],
      ['\ud840', '\udc00字'],
      ['\udc00\ud840'],
      ['……——', '·'],
      ['（注）', '天'],
      [''],
      [],
    ];
    for (const texts of cases) {
      const want = reference(texts);
      expect(coreChars(line(texts)), JSON.stringify(texts)).toBe(want);
      expect(coreChars(line(texts), 1), JSON.stringify(texts)).toBe(Math.min(want, 2));
    }
  });
});
