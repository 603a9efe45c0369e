/**
 * Hyphenation in the composer (src/cjk/hyphenate.ts): a long Latin word at a line end is
 * hyphenated (en-US patterns, printed hyphen) rather than pushed whole to the next line when its
 * line would otherwise spread its ideographs more than a quarter em; inline code and URLs are
 * divided only after their marks, never with a hyphen; formulas are never divided.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, divisionOf, lineText, type ComposedLine, type Division, type Measure } from '../src/cjk/index.js';
import { hyphenPoints } from '../src/cjk/hyphenate.js';

type Style = { code: boolean };
const plain: Style = { code: false };
const code: Style = { code: true };
const EM = 10;

const WIDE = /[\u3000-\u9fff\uff00-\uffef]/;
/** Ideographs 10 pt (1 em); Latin 5 pt; the space 2.5 pt, or 6 pt in the code face. */
const measure: Measure<Style> = (text, style, half) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? (style.code ? 6 : 2.5) : WIDE.test(ch) ? (half ? 5 : 10) : style.code ? 6 : 5;
  return w;
};
const divide = (word: string, style: Style): Division => (style.code ? 'marks' : divisionOf(word));

function compose(runs: Array<{ text: string; style: Style }>, width: number, hyphenate = true): Array<ComposedLine<Style>> {
  return composeParagraph(runs, { measure: width, indent: 0, ...(hyphenate ? { hyphenation: { divide, em: EM } } : {}) }, measure);
}

/** The most justification added between two ideographs on any line but the last. */
function maxSpread(lines: Array<ComposedLine<Style>>): number {
  return Math.max(0, ...lines.filter((l) => !l.last).flatMap((l) => l.segments.filter((s) => WIDE.test(s.text)).map((s) => s.spacing)));
}

describe('hyphenation points (en-US patterns from the hyphen package)', () => {
  it('finds TeX points, two letters before and three after at least', () => {
    expect(hyphenPoints('internationalization')).toEqual([2, 5, 7, 11, 13, 16]);
    expect(hyphenPoints('backpropagation')).toContain(4);
    for (const p of hyphenPoints('convolutional')) expect(p >= 2 && p <= 'convolutional'.length - 3).toBe(true);
    expect(hyphenPoints('cat')).toEqual([]);
  });

  it('tells words from code, URLs, acronyms and numbers', () => {
    expect(divisionOf('regularization,')).toBe('hyphenate');
    expect(divisionOf('state-of-the-art')).toBe('hyphenate');
    expect(divisionOf('CUDA')).toBe('none');
    expect(divisionOf('https://d2l.ai/chapter')).toBe('marks');
    expect(divisionOf('load_array')).toBe('marks');
    expect(divisionOf('3.14159')).toBe('none');
  });
});

describe('long Latin words never spread ideographs more than a quarter em', () => {
  // 10 ideographs fill 100 pt; the word is 100 pt wide: pushed down whole, the first line
  // would be 深度学习框架中的 (80 pt + ¼-em gap) with ideographs ~2.5 pt apart… at 120 pt far more.
  const text = '深度学习框架中的internationalization问题是一个老问题，它和本地化密切相关。';
  for (const width of [120, 130, 140, 150, 160]) {
    it(`hyphenates at ${width} pt`, () => {
      const without = compose([{ text, style: plain }], width, false);
      const lines = compose([{ text, style: plain }], width);
      // Honest: the same paragraph without hyphenation spreads more than a quarter em.
      expect(maxSpread(without), without.map(lineText).join(' | ')).toBeGreaterThan(EM / 4);
      expect(maxSpread(lines), lines.map(lineText).join(' | ')).toBeLessThanOrEqual(EM / 4 + 0.01);
      const joined = lines.map(lineText).join('');
      expect(joined.replace(/-(?=[a-z])/g, '')).toContain('internationalization');
      expect(lines.map(lineText).some((l) => /[a-z]-$/.test(l))).toBe(true);
    });
  }

  it('does not hyphenate when the line spreads a quarter em or less', () => {
    // Eleven ideographs (110 pt) on a 130-pt line: "in-" (15 pt) would fit after them, but
    // pushed down whole the word leaves 20 pt over ten gaps, 2 pt each: no hyphen for that.
    const lines = compose([{ text: '一二三四五六七八九十一internationalization问题', style: plain }], 130);
    expect(lines.map(lineText)).toEqual(['一二三四五六七八九十一', 'internationalization 问题']);
  });
});

describe('inline code and URLs are never hyphenated', () => {
  it('divides inline code after . or _ without a hyphen', () => {
    const runs = [
      { text: '调用函数', style: plain },
      { text: 'd2l.torch.load_array', style: code },
      { text: '可以读取数据集中的小批量样本。', style: plain },
    ];
    // 调用函数 + ¼ em takes 42.5 pt; d2l. / d2l.torch. / d2l.torch.load_ are 24, 60 and 90 pt: at
    // these widths one of them leaves at most 7.5 pt over the three gaps of 调用函数.
    for (const width of [133, 135, 140]) {
      const without = compose(runs, width, false);
      const lines = compose(runs, width);
      expect(maxSpread(without)).toBeGreaterThan(EM / 4);
      expect(maxSpread(lines), lines.map(lineText).join(' | ')).toBeLessThanOrEqual(EM / 4 + 0.01);
      const codeText = lines.flatMap((l) => l.segments.filter((s) => s.style.code).map((s) => s.text)).join('');
      expect(codeText).toBe('d2l.torch.load_array');
      const first = lines[0]?.segments.filter((s) => s.style.code).map((s) => s.text).join('') ?? '';
      expect('._').toContain(first.at(-1));
    }
  });

  it('divides inline code that has no mark at a camel-case hump, without a hyphen', () => {
    const runs = [
      { text: '下面的类类似于', style: plain },
      { text: 'TransformerEncoder', style: code },
      { text: '类。', style: plain },
    ];
    // 下面的类类似于 + ¼ em is 72.5 pt: at 150 pt the whole word (108 pt) does not fit, and
    // pushed down it would leave 77.5 pt over six gaps; its head Transformer (66 pt) fits.
    const without = compose(runs, 150, false);
    expect(maxSpread(without)).toBeGreaterThan(EM);
    const lines = compose(runs, 150);
    expect(lines.map(lineText)).toEqual(['下面的类类似于 Transformer', 'Encoder 类。']);
    expect(maxSpread(lines)).toBeLessThanOrEqual(EM / 4 + 0.01);
  });

  it('never divides inline code that has neither a mark nor a camel-case hump, even if its line spreads', () => {
    const runs = [
      { text: '调用函数', style: plain },
      { text: 'backpropagation', style: code },
      { text: '可以读取数据集中的小批量样本。', style: plain },
    ];
    const lines = compose(runs, 150);
    const holding = lines.filter((l) => l.segments.some((s) => s.style.code));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.segments.filter((s) => s.style.code).map((s) => s.text).join('')).toBe('backpropagation');
  });
});
