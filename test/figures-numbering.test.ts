/**
 * Figures, tables and equations from the Markdown: captions (title, else alt, no final stop),
 * table captions and labels as d2l writes them, numbers per chapter, references resolved.
 */
import { describe, expect, it } from 'vitest';
import { parseChapterBody } from '../src/markdown/blocks.js';
import type { Block, Book, Chapter, Inline } from '../src/model/book.js';
import { numberBook } from '../src/model/numbering.js';

function chapter(id: string, file: string, markdown: string, chapterNumberLabel?: string): Chapter {
  const body = parseChapterBody(markdown, file, 0, id);
  return { id, kind: 'article', file, titleLines: [id], title: id, blocks: body.blocks, footnotes: body.footnotes, headings: body.headings, pos: { file, line: 1, column: 1 }, ...(body.chapterLabel ?? chapterNumberLabel ? { xrefLabel: body.chapterLabel ?? chapterNumberLabel } : {}) };
}

function refs(blocks: Block[]): Inline[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? b.children.filter((i) => i.type === 'ref') : []));
}

describe('figures, tables, numbering', () => {
  it('reads a figure paragraph with its :label:, the caption from title else alt', () => {
    const { blocks } = parseChapterBody('![用线性模型拟合数据。](img/a.svg)\n:label:`fig_a`\n\n![替代文字](img/b.png "图题")\n', 'c.md', 0, 'ch1');
    expect(blocks.map((b) => (b.type === 'figure' ? [b.caption, b.label] : b.type))).toEqual([
      ['用线性模型拟合数据', 'fig_a'],
      ['图题', undefined],
    ]);
  });

  it('takes a table caption from a `: 标题` paragraph before it and its :label: from the line after', () => {
    const md = ':数据集vs内存\n\n| 年代 | 内存 |\n| :--- | :--- |\n| 1970 | 1 KB |\n:label:`tab_decade`\n\n后文。\n';
    const { blocks } = parseChapterBody(md, 'c.md', 0, 'ch1');
    const table = blocks[0];
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect([table.caption, table.label, table.rows.length]).toEqual(['数据集vs内存', 'tab_decade', 1]);
    expect(blocks[1]?.type).toBe('paragraph');
  });

  it('warns about a :label: that names nothing and leaves it out', () => {
    const { blocks, diagnostics } = parseChapterBody('正文。\n\n:label:`lost`\n', 'c.md', 0, 'ch1');
    expect(blocks).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['markdown/stray-label', 3]]);
  });

  it('numbers per chapter (front matter without a chapter part) and resolves references across chapters', () => {
    const front = chapter('front01', 'f.md', '![前言图](a.png)\n');
    const one = chapter('ch001', 'a.md', ':label:`chap_one`\n\n见 :numref:`fig_b`、 :eqref:`eq_b`和 :numref:`chap_one`，以及 :numref:`nowhere`。\n\n![图一](a.png)\n');
    const two = chapter('ch002', 'b.md', '![图甲](a.png)\n\n![图乙](b.png)\n:label:`fig_b`\n\n$$x$$\n\n$$y$$\n:eqlabel:`eq_b`\n\n| a |\n| - |\n| 1 |\n');
    const book = { root: '/', meta: {} as Book['meta'], front: [front], parts: [{ id: 'part01', label: '', title: '', chapters: [one, two] }] } satisfies Book;
    const diagnostics = numberBook(book);
    const numbers = (c: Chapter): Array<string | undefined> => c.blocks.map((b) => ('number' in b ? b.number : undefined));
    expect(numbers(front)).toEqual(['图1']);
    expect(numbers(two)).toEqual(['图2-1', '图2-2', undefined, '(2-1)', '表2-1']);
    expect(refs(one.blocks)).toEqual([
      { type: 'ref', label: 'fig_b', role: 'numref', text: '图2-2', target: { chapterId: 'ch002', id: 'ref-fig_b' } },
      { type: 'ref', label: 'eq_b', role: 'eqref', text: '(2-1)', target: { chapterId: 'ch002', id: 'ref-eq_b' } },
      { type: 'ref', label: 'chap_one', role: 'numref', text: '第1章', target: { chapterId: 'ch001', id: 'ch001' } },
      { type: 'ref', label: 'nowhere', role: 'numref', text: 'nowhere' },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['markdown/unresolved-ref']);
  });
});
