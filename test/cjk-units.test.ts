/**
 * What the composer learns once per paragraph and keeps for every setting of it
 * (src/cjk/units.ts): the widths of one-code-unit texts through the measure's memo
 * (Measure.widths), and the BREAKABLE and MIXED flags the breaker reads instead of asking
 * canBreakBefore and gapBefore at every unit — which must stay what those say when a word is
 * divided at a line end.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, lineText, type Measure } from '../src/cjk/index.js';
import { BREAKABLE, buildUnits, canBreakBefore, CJK, LATIN, MIXED, type Units } from '../src/cjk/units.js';

type Style = { name: string };
const plain: Style = { name: 'plain' };
const tight: Style = { name: 'tight' };

const WIDE = /[\u3000-\u9fff\uff00-\uffef“”‘’—…]/;
const width = (text: string, half: boolean): number => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 2.5 : WIDE.test(ch) ? (half ? 5 : 10) : 5;
  return w;
};

describe('the measure’s memo of one-code-unit widths (Measure.widths)', () => {
  const TEXT = '天地玄黄，宇宙洪荒。日月盈昃，辰宿列张：“寒来暑往”，秋收冬藏 ABC 闰余成岁。';

  it('is filled with what the measure gives, and the lines are those set without it', () => {
    const memo = [new Float64Array(0x10000), new Float64Array(0x10000)];
    const measure: Measure<Style> = Object.assign((text: string, _style: Style, half: boolean) => width(text, half), {
      widths: (_style: Style, half: boolean) => memo[half ? 1 : 0],
    });
    const bare: Measure<Style> = (text, _style, half) => width(text, half);
    const set = (m: Measure<Style>): string[] => composeParagraph([{ text: TEXT, style: plain }], { measure: 100, indent: 20 }, m).map(lineText);
    expect(set(measure)).toEqual(set(bare));
    for (const ch of '天，“') expect(memo[0]?.[ch.charCodeAt(0)]).toBe(width(ch, false));
    // Half widths are asked of marks only.
    expect(memo[1]?.['，'.charCodeAt(0)]).toBe(5);
    expect(memo[1]?.['天'.charCodeAt(0)]).toBe(0);
  });

  it('is read rather than the measure, for every unit it knows', () => {
    const memo = new Float64Array(0x10000);
    // 天 measured 20 pt here, 10 pt by the measure itself: only a composer that reads the memo breaks after five.
    memo['天'.charCodeAt(0)] = 20;
    const measure: Measure<Style> = Object.assign((text: string, _style: Style, half: boolean) => width(text, half), {
      widths: (_style: Style, half: boolean) => (half ? undefined : memo),
    });
    const lines = composeParagraph([{ text: '天天天天天地地地地地', style: plain }], { measure: 100, indent: 0 }, measure).map(lineText);
    expect(lines).toEqual(['天天天天天', '地地地地地']);
  });
});

/** Every unit's BREAKABLE and MIXED flags are what canBreakBefore and the kinds around it say. */
function expectEdges(units: Units<Style>): void {
  for (let i = 0; i < units.length; i++) {
    expect(units.has(i, BREAKABLE), `BREAKABLE at ${i} (${units.text[i - 1]}|${units.text[i]})`).toBe(canBreakBefore(units, i));
    const a = units.kind[i - 1];
    const b = units.kind[i];
    const mixed = i > 0 && ((a === CJK && b === LATIN) || (a === LATIN && b === CJK));
    expect(units.has(i, MIXED), `MIXED at ${i} (${units.text[i - 1]}|${units.text[i]})`).toBe(mixed);
  }
}

describe('the boundaries learnt once per paragraph (BREAKABLE, MIXED)', () => {
  const measure: Measure<Style> = (text, _style, half) => width(text, half);
  const PARAGRAPHS = [
    '访问内存约需120 ns，而读取磁盘约需10 ms才能完成。',
    '请访问https://github.com/d2l-ai/d2l-zh/blob/master/README_zh.md获取源代码，2015—2017年间“他说……”',
    '第一条　为了保护民事主体的合法权益，调整民事关系。see typesetting and justification here',
  ];

  it('are canBreakBefore and the kinds around each unit', () => {
    for (const text of PARAGRAPHS) expectEdges(buildUnits([{ text, style: plain }], measure));
    expectEdges(buildUnits([{ text: '见', style: plain }, { text: '图2-1', style: tight, tight: true }, { text: '和表3', style: plain }], measure));
  });

  it('are learnt again around a word divided at a line end, in the divided setting only', () => {
    // 12 msabcd: divided as ms|abcd, the space before it joins a number and its unit.
    const base = buildUnits([{ text: 'ab 12 msabcd typesetting 中文 justification。', style: plain }], measure);
    for (let j = 0; j < base.length; j++) {
      if (base.kind[j] !== LATIN || (base.text[j]?.length ?? 0) < 4) continue;
      const units = base.view();
      const text = units.text[j] ?? '';
      units.divide(j, text.slice(0, 2), 10, text.slice(2), 5 * (text.length - 2));
      expectEdges(units);
      // The tail starts a line; the head may not end one before a closing mark.
      expect(units.has(j + 1, BREAKABLE)).toBe(true);
    }
    expectEdges(base);
  });

  it('lose no character of a paragraph whose URL is divided, at any width', () => {
    const text = PARAGRAPHS[1] ?? '';
    for (let w = 60; w <= 200; w += 7) {
      const lines = composeParagraph([{ text, style: plain }], { measure: w, indent: 0 }, measure).map(lineText);
      expect(lines.join('').replace(/ /g, '')).toBe(text);
    }
  });
});
