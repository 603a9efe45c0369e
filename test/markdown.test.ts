import { describe, expect, it } from 'vitest';
import { parseChapterBody } from '../src/markdown/blocks.js';
import type { Block } from '../src/model/book.js';

function parse(body: string, lineOffset = 4) {
  return parseChapterBody(body, 'chapters/x.md', lineOffset, 'ch007');
}

describe('Markdown → book model', () => {
  it('joins a Chinese paragraph wrapped over lines without a space, Latin with one', () => {
    const { blocks } = parse('第一行\n第二行\n\nHello\nworld');
    expect(blocks).toMatchObject([
      { type: 'paragraph', children: [{ type: 'text', value: '第一行第二行' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'Hello world' }] },
    ]);
  });

  it('gives headings stable ASCII ids and positions in the file (front matter counted)', () => {
    const { blocks, headings } = parse('正文。\n\n## 一、改革\n\n### （一）细则\n');
    expect(headings).toEqual([
      { id: 'ch007-s1', level: 2, text: '一、改革' },
      { id: 'ch007-s2', level: 3, text: '（一）细则' },
    ]);
    expect(blocks[1]).toMatchObject({ type: 'heading', level: 2, pos: { file: 'chapters/x.md', line: 7, column: 1 } });
  });

  it('warns about a level-1 heading in a chapter and demotes it', () => {
    const { blocks, diagnostics } = parse('# 标题\n');
    expect(blocks[0]).toMatchObject({ type: 'heading', level: 2 });
    expect(diagnostics).toMatchObject([{ code: 'markdown/h1-in-chapter', severity: 'warning', line: 5, column: 1 }]);
  });

  it('numbers footnotes by first citation and links references both ways', () => {
    const { blocks, footnotes } = parse('甲[^b]乙[^a]丙[^b]。\n\n[^a]: 注甲。\n[^b]: 注乙。\n');
    const refs = (blocks[0] as Extract<Block, { type: 'paragraph' }>).children.filter((c) => c.type === 'footnoteRef');
    expect(refs).toEqual([
      { type: 'footnoteRef', noteId: 'ch007-fn1', number: 1, refId: 'ch007-fnref1' },
      { type: 'footnoteRef', noteId: 'ch007-fn2', number: 2, refId: 'ch007-fnref2' },
      { type: 'footnoteRef', noteId: 'ch007-fn1', number: 1, refId: 'ch007-fnref1-2' },
    ]);
    expect(footnotes.map((f) => [f.id, f.refIds])).toEqual([
      ['ch007-fn1', ['ch007-fnref1', 'ch007-fnref1-2']],
      ['ch007-fn2', ['ch007-fnref2']],
    ]);
    expect(footnotes[0]?.blocks).toMatchObject([{ type: 'paragraph', children: [{ type: 'text', value: '注乙。' }] }]);
  });

  it('reads tables with alignment, lists, quotes, code and keeps raw HTML as text', () => {
    const { blocks } = parse(
      '| 项目 | 数量 |\n|:--|--:|\n| 甲 | 1 |\n\n1. 一\n2. 二\n\n> 引文\n\n```js\nx < 1\n```\n\n<b>粗</b>\n',
    );
    expect(blocks.map((b) => b.type)).toEqual(['table', 'list', 'blockquote', 'codeBlock', 'paragraph']);
    expect(blocks[0]).toMatchObject({ align: ['left', 'right'], head: [[{ value: '项目' }], [{ value: '数量' }]], rows: [[[{ value: '甲' }], [{ value: '1' }]]] });
    expect(blocks[1]).toMatchObject({ ordered: true, start: 1, items: [[{ type: 'paragraph' }], [{ type: 'paragraph' }]] });
    expect(blocks[3]).toMatchObject({ lang: 'js', value: 'x < 1\n' });
    expect(blocks[4]).toMatchObject({ children: [{ type: 'text', value: '<b>粗</b>' }] });
  });

  it('keeps image alt text exactly, empty included', () => {
    const { blocks } = parse('![](a.png) ![图 1](b.png "题")');
    expect((blocks[0] as Extract<Block, { type: 'paragraph' }>).children).toMatchObject([
      { type: 'image', src: 'a.png', alt: '' },
      { type: 'text', value: ' ' },
      { type: 'image', src: 'b.png', alt: '图 1', title: '题' },
    ]);
  });
});
