/**
 * TeX maths: what the Markdown stage reads as a formula (and what it leaves as text), display
 * blocks with their d2l-style labels, errors at file:line:col, and the two renderings (MathML
 * for the EPUB, outlines for the PDF) from one MathJax parse.
 */
import { describe, expect, it } from 'vitest';
import { parseChapterBody } from '../src/markdown/blocks.js';
import { renderTex, TexError } from '../src/maths/tex.js';
import type { Block, Inline } from '../src/model/book.js';

function inlinesOf(markdown: string): Inline[] {
  const { blocks } = parseChapterBody(markdown, 'ch.md', 0, 'ch1');
  const first = blocks[0];
  if (first?.type !== 'paragraph') throw new Error(`not a paragraph: ${JSON.stringify(first)}`);
  return first.children;
}

describe('maths in Markdown', () => {
  it('reads $…$ as inline maths and keeps TeX escapes, underscores and stars as written', () => {
    const inlines = inlinesOf('特征$\\mathbf{x}_i^*$和标签$y_{*}$。');
    expect(inlines).toEqual([
      { type: 'text', value: '特征' },
      { type: 'math', tex: '\\mathbf{x}_i^*', display: false },
      { type: 'text', value: '和标签' },
      { type: 'math', tex: 'y_{*}', display: false },
      { type: 'text', value: '。' },
    ]);
  });

  it('leaves prices, shell variables and escaped dollars as text', () => {
    for (const text of ['价格是$5到$10之间', 'echo $ HOME $', '写作\\$x\\$即可', '$ 1 + 1$']) {
      expect(inlinesOf(text).some((i) => i.type === 'math'), text).toBe(false);
    }
  });

  it('does not read maths inside code spans', () => {
    expect(inlinesOf('用`$x$`表示').map((i) => i.type)).toEqual(['text', 'code', 'text']);
  });

  it('makes a paragraph of one $$…$$ a display block, with the :eqlabel: that follows it', () => {
    const { blocks } = parseChapterBody('前文。\n\n$$\\hat{y} = \\mathbf{w}^\\top \\mathbf{x} + b.$$\n:eqlabel:`eq_linreg-y`\n\n$$\\frac{1}{2}$$\n', 'ch.md', 4, 'ch1');
    const maths = blocks.filter((b): b is Extract<Block, { type: 'math' }> => b.type === 'math');
    expect(maths).toEqual([
      { type: 'math', tex: '\\hat{y} = \\mathbf{w}^\\top \\mathbf{x} + b.', label: 'eq_linreg-y', pos: { file: 'ch.md', line: 7, column: 1 } },
      { type: 'math', tex: '\\frac{1}{2}', pos: { file: 'ch.md', line: 10, column: 1 } },
    ]);
  });

  it('reports a formula that does not parse at the line and column of its opening $', () => {
    const body = '第一行。\n\n正文$x$再看 $\\frac{1}{2$ 和\n第二行$\\undefinedmacro$。\n';
    const { diagnostics } = parseChapterBody(body, 'chapters/ch.md', 3, 'ch1');
    expect(diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['markdown/math-error', 'error', 'chapters/ch.md', 6, 9],
      ['markdown/math-error', 'error', 'chapters/ch.md', 7, 4],
    ]);
    expect(diagnostics[0]?.message).toContain('Missing close brace');
    expect(diagnostics[1]?.message).toContain('\\undefinedmacro');
  });
});

describe('renderTex', () => {
  it('gives MathML without MathJax bookkeeping and outlines with their box in ems', () => {
    const out = renderTex('\\frac{1}{2} \\sum_{i=1}^n x_i', true);
    expect(out.mathml).toMatch(/^<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block">/);
    expect(out.mathml).toContain('<mfrac>');
    expect(out.mathml).not.toContain('data-');
    expect(out.graphic.paths.length).toBeGreaterThan(5);
    // Glyph outlines, not text: the PDF needs no maths font.
    expect(out.graphic.texts).toEqual([]);
    expect(out.width).toBeGreaterThan(2);
    expect(out.ascent).toBeGreaterThan(1);
    expect(out.height).toBeGreaterThan(out.ascent);
  });

  it('draws CJK inside \\text{} as text (MathJax has no outlines for it)', () => {
    const out = renderTex('x \\text{是} y', false);
    expect(out.graphic.texts.map((t) => t.text)).toEqual(['是']);
  });

  it('throws TexError for bad TeX, every time', () => {
    expect(() => renderTex('\\frac{a}{', false)).toThrow(TexError);
    expect(() => renderTex('\\frac{a}{', false)).toThrow(/Missing close brace/);
  });
});
