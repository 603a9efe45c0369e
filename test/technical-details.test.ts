/**
 * The details of technical setting (#12): figure and table numbers set tight (图2-1, no ¼-em
 * gap, no break), one empty slot between two blocks that each want space around them (two
 * code blocks), room on the grid for a tall inline formula, 题注 and 条 numbers counted in the
 * roles that draw them (glyph coverage and subsets), headings numbered down to ####, and ASCII
 * brackets that hug the ideographs they enclose.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, lineText, type Measure } from '../src/cjk/index.js';
import { collectGlyphs, DEFAULT_TEXT_ROLES } from '../src/fonts/glyphs.js';
import { numberHeadings } from '../src/kinds/numbering.js';
import type { Block, Chapter } from '../src/model/book.js';
import { allChapters } from '../src/model/book.js';
import { collapseGaps } from '../src/typeset/blocks.js';
import type { FlowItem, RunStyle, TextLine } from '../src/typeset/model.js';
import { roomForMaths } from '../src/typeset/text.js';
import { loadBook } from './helpers/sample.js';

type Style = { name: string };
const plain: Style = { name: 'plain' };
const WIDE = /[\u3000-\u9fff\uff00-\uffef]/;
const measure: Measure<Style> = (text, _style, half) => {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 2.5 : WIDE.test(ch) ? (half ? 5 : 10) : 5;
  return w;
};

describe('figure and table numbers are set tight', () => {
  const runs = (tight: boolean): Array<{ text: string; style: Style; tight?: boolean }> => [
    { text: '如', style: plain },
    { text: '图2-1', style: plain, ...(tight ? { tight: true } : {}) },
    { text: '所示，数据点分布在直线两侧。', style: plain },
  ];

  it('puts no ¼-em gap between 图 and its number', () => {
    const [loose] = composeParagraph(runs(false), { measure: 400, indent: 0 }, measure);
    const [tight] = composeParagraph(runs(true), { measure: 400, indent: 0 }, measure);
    expect(lineText(loose ?? { segments: [], indent: 0, last: true, natural: 0 })).toContain('图 2-1');
    expect(lineText(tight ?? { segments: [], indent: 0, last: true, natural: 0 })).toContain('如图2-1 所示');
  });

  it('never breaks between 图 and its number', () => {
    // 如图 is 20 pt: at 25 pt a line could end after 图 if the number were not tight.
    for (const width of [25, 30, 35]) {
      const lines = composeParagraph(runs(true), { measure: width, indent: 0 }, measure).map(lineText);
      expect(lines.some((l) => l.endsWith('图')), lines.join(' | ')).toBe(false);
    }
  });
});

describe('ASCII brackets inside Chinese text', () => {
  it('hug the ideographs they enclose', () => {
    const [line] = composeParagraph([{ text: '我们考虑(对向量相加的两种方法)。', style: plain }], { measure: 400, indent: 0 }, measure);
    const text = line ? lineText(line) : '';
    expect(text).toContain('(对向量');
    expect(text).toContain('方法)。');
  });
});

describe('space between blocks', () => {
  const code = (n: number): FlowItem[] => [
    { kind: 'gap', slots: 1 },
    ...Array.from({ length: n }, (): FlowItem => ({ kind: 'box', slots: 1, items: [] })),
    { kind: 'gap', slots: 1 },
  ];

  it('leaves one empty slot between two code blocks, not two', () => {
    const flow = collapseGaps([...code(2), ...code(3)]);
    expect(flow.map((f) => f.kind)).toEqual(['gap', 'box', 'box', 'gap', 'box', 'box', 'box', 'gap']);
  });

  it('keeps the larger of two gaps that meet', () => {
    const flow = collapseGaps([{ kind: 'gap', slots: 1 }, { kind: 'gap', slots: 2 }]);
    expect(flow).toEqual([{ kind: 'gap', slots: 2 }]);
  });
});

describe('room for tall inline formulas', () => {
  const size = 10.5;
  const pitch = size * 1.7;
  const style: RunStyle = { font: 'body', bold: false, size };
  const text = (s: string): TextLine => ({ runs: [{ x: 0, text: s, style, spacing: 0, half: false, width: 10 }], size, noteRefs: [] });
  const formula = (ascent: number, depth: number): TextLine => ({
    runs: [{ x: 0, text: '\u{fffc}', style: { ...style, math: { graphic: { width: 1, height: 1, paths: [], texts: [] }, width: 20, height: ascent + depth, ascent } }, spacing: 0, half: false, width: 20 }],
    size,
    noteRefs: [],
  });

  it('leaves lines with ordinary formulas (a fraction, a hat) as they are', () => {
    const lines = [text('一'), formula(10.24, 3.7), text('二')];
    expect(roomForMaths(lines, pitch, size)).toEqual(lines);
  });

  it('gives a matrix an empty line above and pushes the next line down', () => {
    // bmatrix 2×2 at 10.5 pt: 15.2 pt above the baseline, 10 pt below.
    const out = roomForMaths([text('一'), formula(15.22, 9.97), text('二')], pitch, size);
    expect(out.map((l) => l.runs.length)).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('technical heading numbers', () => {
  it('numbers ##, ### and #### (1.1, 1.1.1, 1.1.1.1) and resets the levels below', () => {
    const pos = { file: 'a.md', line: 1, column: 1 };
    const h = (level: 2 | 3 | 4 | 5, t: string): Block => ({ type: 'heading', level, id: t, children: [{ type: 'text', value: t }], pos });
    const chapter = { blocks: [h(2, 'a'), h(3, 'b'), h(4, 'c'), h(4, 'd'), h(5, 'e'), h(3, 'f'), h(4, 'g'), h(2, 'h'), h(4, 'i')], headings: [] } as unknown as Chapter;
    const [numbered] = numberHeadings([chapter], 3);
    const numbers = (numbered?.blocks ?? []).map((b) => (b.type === 'heading' && b.children[0]?.type === 'text' ? b.children[0].value.split('\u3000')[0] : ''));
    expect(numbers).toEqual(['3.1', '3.1.1', '3.1.1.1', '3.1.1.2', 'e', '3.1.2', '3.1.2.1', '3.2', '3.2.0.1']);
  });
});

describe('glyphs of captions and 条 numbers', () => {
  it('counts 题注 in the caption role and 条 numbers in the article-number role', async () => {
    const { book, front } = await loadBook();
    const chapter = allChapters(book)[0];
    if (!chapter) throw new Error('no chapter');
    const pos = { file: chapter.file, line: 1, column: 1 };
    chapter.blocks.push(
      { type: 'paragraph', children: [{ type: 'text', value: '第九十九条 测试条文。' }], pos },
      { type: 'figure', image: { type: 'image', src: 'x.png', alt: '' }, caption: '鹦鹉螺题注', number: '图1-1', pos },
    );
    const has = (set: Set<number>, text: string): boolean => Array.from(text).every((c) => set.has(c.codePointAt(0) ?? -1));
    const plain = collectGlyphs(book, front, {}, undefined, DEFAULT_TEXT_ROLES);
    expect(has(plain.kai.regular, '鹦鹉螺')).toBe(false);
    expect(has(plain.heading.regular, '条')).toBe(false);
    const roles = { ...DEFAULT_TEXT_ROLES, caption: 'kai' as const, articleNumber: 'heading' as const };
    const glyphs = collectGlyphs(book, front, {}, undefined, roles);
    expect(has(glyphs.kai.regular, '鹦鹉螺题注图')).toBe(true);
    expect(has(glyphs.heading.regular, '第九十九条')).toBe(true);
  });
});
