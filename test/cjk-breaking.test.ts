/**
 * Line-breaking refinements for technical text: a number and its unit stay on one line, URLs
 * break after / . _ - ? & = # and never inside a word, and the space between Chinese and a
 * monospaced word is the narrower face's.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, lineText, type ComposedLine, type Measure } from '../src/cjk/index.js';

type Style = { mono: boolean };
const plain: Style = { mono: false };
const mono: Style = { mono: true };

const WIDE = /[\u3000-\u9fff\uff00-\uffef]/;
/** Ideographs 10 pt; Latin 5 pt; the space 2.5 pt, or 6 pt in the monospaced face. */
const measure: Measure<Style> = (text, style, half) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? (style.mono ? 6 : 2.5) : WIDE.test(ch) ? (half ? 5 : 10) : style.mono ? 6 : 5;
  return w;
};

function lines(text: string, width: number): string[] {
  return composeParagraph([{ text, style: plain }], { measure: width, indent: 0 }, measure).map((l: ComposedLine<Style>) => lineText(l));
}

describe('numbers and units', () => {
  it('never breaks between a number and its unit', () => {
    // "访问内存约需 120" is 77.5 pt: at these widths "ns" would be the first thing not to fit.
    for (const width of [80, 85, 88]) {
      const out = lines('访问内存约需120 ns，而读取磁盘约需10 ms才能完成。', width);
      for (const line of out) {
        expect(line.trimStart().startsWith('ns'), `${width}: ${out.join(' | ')}`).toBe(false);
        expect(line.trimStart().startsWith('ms'), `${width}: ${out.join(' | ')}`).toBe(false);
      }
      expect(out.some((l) => l.includes('120 ns'))).toBe(true);
    }
  });

  it('still breaks at a space between two ordinary words', () => {
    expect(lines('the quick brown fox jumps over the lazy dog', 60).length).toBeGreaterThan(1);
  });
});

describe('URLs', () => {
  const url = 'https://github.com/d2l-ai/d2l-zh/blob/master/README_zh.md';
  it('breaks a URL after / . _ - ? and never inside a word', () => {
    const out = lines(`请访问${url}获取源代码和更多的说明文字。`, 120);
    expect(out.join('').replace(/ /g, '')).toContain(url);
    const pieces = out.map((l) => l.replace(/[\u3000-\u9fff，。]/g, '').trim()).filter(Boolean);
    for (const piece of pieces.slice(0, -1)) expect('/._-?&=#', `${out.join(' | ')}`).toContain(piece.at(-1));
    // The URL starts on the first line, right after 请访问: the line is not left short.
    expect(out[0]?.replace(/ /g, '').startsWith('请访问https:')).toBe(true);
  });
});

describe('Chinese next to monospaced code', () => {
  it('spaces inline code by the narrower word space, not the monospaced face\'s', () => {
    const [line] = composeParagraph(
      [
        { text: '张量', style: plain },
        { text: 'x', style: mono },
        { text: '中有', style: plain },
      ],
      { measure: 200, indent: 0 },
      measure,
    );
    const spaces = (line?.segments ?? []).filter((s) => s.text === ' ');
    expect(spaces).toHaveLength(2);
    for (const s of spaces) expect(measure(s.text, s.style, false)).toBe(2.5);
  });
});
