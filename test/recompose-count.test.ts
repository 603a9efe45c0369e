/**
 * Widow control asks a paragraph how many lines a fill gives before it has the fill set
 * (Recompose.count, src/typeset/text.ts): breaking alone must tell exactly what the setting
 * gives, and the setting after a count must be the setting made without one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import { inlineMath, MATH_PLACEHOLDER } from '../src/typeset/maths.js';
import type { Loosening, RunStyle, TextRecipe } from '../src/typeset/model.js';
import { recomposer } from '../src/typeset/text.js';
import { withoutLoneChar } from '../src/typeset/lone.js';

const SIZE = 10.5;
const MEASURE = 36 * SIZE;
const MANUSCRIPT = path.resolve(import.meta.dirname, '../manuscript');

const style: RunStyle = { font: 'body', bold: false, size: SIZE };
const TEXT =
  '话说大宋仁宗天子在位，嘉祐三年三月三日五更三点，天子驾坐紫宸殿，受百官朝贺。但见：祥云迷凤阁，瑞气罩龙楼。含烟御柳拂旌旗，带露宫花迎剑戟。' +
  '天香影里，玉簪珠履聚丹墀；仙乐声中，绣袄锦衣扶御驾。珍珠帘卷，黄金殿上现金舆；凤羽扇开，白玉阶前停宝辇。隐隐净鞭三下响，层层文武两班齐。' +
  'Hanpress sets text in Noto Serif SC, with words like typesetting and justification divided at the line end. 当有殿头官喝道：“有事出班早奏，无事卷帘退朝。”';

/** The fills widow control tries: looser and tighter throughout, and tighter on the last lines only. */
const FILLS: Loosening[] = [0, 0.5 * SIZE, SIZE, 2 * SIZE, 4 * SIZE, -0.5 * SIZE, -SIZE, (line) => (line < 3 ? 0 : -3 * SIZE), (line) => (line < 1 ? 0 : -2 * SIZE)];

describe('a paragraph counts its lines for a fill from breaking alone (Recompose.count)', () => {
  it('gives the number of lines the setting gives, for every fill widow control tries', async () => {
    const fonts = new FontBook(await loadFontConfig(MANUSCRIPT));
    for (const pitch of [undefined, SIZE * 1.8]) {
      const recipe: TextRecipe = { runs: [{ text: TEXT, style }], measure: MEASURE, indent: 2 * SIZE, size: SIZE, ...(pitch ? { pitch } : {}) };
      const counted = recomposer(recipe, fonts);
      const plain = recomposer(recipe, fonts);
      for (const fill of FILLS) {
        const count = counted.count?.(fill);
        const lines = counted(fill);
        expect(count).toBe(lines.length);
        // Set after a count (taking its breaking) or alone: the same lines.
        expect(JSON.stringify(lines)).toBe(JSON.stringify(plain(fill)));
      }
    }
  });

  it('leaves the count to the setting when a formula may need room above its line', async () => {
    const fonts = new FontBook(await loadFontConfig(MANUSCRIPT));
    const math = { ...style, math: inlineMath('\\frac{a}{b}', true, SIZE) };
    const recipe: TextRecipe = { runs: [{ text: TEXT.slice(0, 60), style }, { text: MATH_PLACEHOLDER, style: math }, { text: TEXT.slice(60), style }], measure: MEASURE, indent: 0, size: SIZE, pitch: SIZE * 1.8 };
    const set = recomposer(recipe, fonts);
    expect(set.count?.(0)).toBeUndefined();
    expect(set(0).length).toBeGreaterThan(3);
  });

  it('lets the 孤字 rule skip the fills that change the line count, with the setting it made without counting', async () => {
    const fonts = new FontBook(await loadFontConfig(MANUSCRIPT));
    // 34 characters after the indent, 36 on the next line, and one more: a lone 字 to move.
    const recipe: TextRecipe = { runs: [{ text: '天'.repeat(34 + 36) + '字', style }], measure: MEASURE, indent: 2 * SIZE, size: SIZE };
    const counted = recomposer(recipe, fonts);
    const plain = recomposer(recipe, fonts);
    const fixed = withoutLoneChar(counted, SIZE);
    // Without a count every fill is set; the outcome is the same.
    expect(JSON.stringify(fixed)).toBe(JSON.stringify(withoutLoneChar((loosen: Loosening) => plain(loosen), SIZE)));
    expect(fixed.loosen).not.toBe(0);
  });
});
