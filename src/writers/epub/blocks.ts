/** Block AST → XHTML flow content. */
import type { Align, Block, Inline } from '../../model/book.js';
import { splitArticle } from '../../kinds/article-inlines.js';
import { lawRank } from '../../kinds/law.js';
import { plainText } from '../../markdown/inline.js';
import { renderInlines } from './inline.js';
import { appendMath } from './math.js';
import { anchorId } from '../../model/numbering.js';
import type { RenderContext } from './render-context.js';
import type { XMLBuilder } from './xml.js';

export function renderBlocks(parent: XMLBuilder, blocks: Block[], ctx: RenderContext): void {
  for (const block of blocks) renderBlock(parent, block, ctx);
}

function renderBlock(parent: XMLBuilder, block: Block, ctx: RenderContext): void {
  switch (block.type) {
    case 'paragraph':
      renderParagraph(parent, block.children, ctx);
      return;
    case 'heading': {
      const h = parent.ele(`h${block.level}`).att('id', block.id);
      // A law heading keeps its Markdown level (the outline) and is styled by its words.
      const rank = ctx.structure?.headingRank === 'law' ? lawRank(plainText(block.children)) : undefined;
      if (rank) h.att('class', LAW_CLASSES[rank]);
      renderInlines(h, block.children, ctx);
      return;
    }
    case 'list':
      renderList(parent, block, ctx);
      return;
    case 'blockquote':
      renderBlocks(parent.ele('blockquote'), block.children, ctx);
      return;
    case 'codeBlock': {
      const code = parent.ele('pre').ele('code');
      if (block.lang) code.att('class', `language-${block.lang}`);
      code.txt(block.value);
      return;
    }
    case 'table':
      renderTable(parent, block, ctx);
      return;
    case 'thematicBreak':
      parent.ele('hr');
      return;
    case 'math': {
      const div = parent.ele('div').att('class', 'equation');
      if (block.label) div.att('id', anchorId(block.label));
      appendMath(div, block.tex, true);
      if (block.number) div.ele('span').att('class', 'equation-number').txt(block.number);
      return;
    }
    case 'figure': {
      const figure = parent.ele('figure');
      if (block.label) figure.att('id', anchorId(block.label));
      renderInlines(figure, [block.image], ctx);
      const caption = [block.number, block.caption].filter(Boolean).join('\u3000');
      if (caption) figure.ele('figcaption').txt(caption);
      return;
    }
  }
}

const LAW_CLASSES = { 2: 'law-bian', 3: 'law-zhang', 4: 'law-jie' } as const;

/** A paragraph; in a law book one that opens an article leads with its number and a full-width space. */
/** Inlines cut at their top-level hard breaks: the lines of a poem. */
function hardLines(inlines: Inline[]): Inline[][] {
  if (!inlines.some((inline) => inline.type === 'break')) return [inlines];
  const lines: Inline[][] = [[]];
  for (const inline of inlines) {
    if (inline.type === 'break') lines.push([]);
    else lines.at(-1)?.push(inline);
  }
  return lines;
}

function renderParagraph(parent: XMLBuilder, inlines: Inline[], ctx: RenderContext): void {
  const lines = hardLines(inlines);
  if (lines.length > 1) {
    // Each line of a poem is a block of its own, so it keeps the paragraph's indent (as in print).
    const p = parent.ele('p').att('class', 'lines');
    for (const line of lines) renderInlines(p.ele('span').att('class', 'line'), line, ctx);
    return;
  }
  const p = parent.ele('p');
  const article = ctx.structure?.articleNumbers ? splitArticle(inlines) : undefined;
  if (!article) {
    renderInlines(p, inlines, ctx);
    return;
  }
  p.att('class', 'article');
  p.ele('span').att('class', 'article-number').txt(article.number);
  p.txt('\u3000');
  renderInlines(p, article.rest, ctx);
}

function renderList(parent: XMLBuilder, list: Extract<Block, { type: 'list' }>, ctx: RenderContext): void {
  const element = parent.ele(list.ordered ? 'ol' : 'ul');
  if (list.ordered && list.start !== 1) element.att('start', String(list.start));
  for (const item of list.items) renderBlocks(element.ele('li'), item, ctx);
}

function alignClass(align: Align | undefined): string | undefined {
  return align ? `align-${align}` : undefined;
}

function renderCell(row: XMLBuilder, name: 'th' | 'td', content: Inline[], align: Align | undefined, ctx: RenderContext): void {
  const cell = row.ele(name);
  if (name === 'th') cell.att('scope', 'col');
  const cls = alignClass(align);
  if (cls) cell.att('class', cls);
  renderInlines(cell, content, ctx);
}

function renderTable(parent: XMLBuilder, table: Extract<Block, { type: 'table' }>, ctx: RenderContext): void {
  const element = parent.ele('table');
  if (table.label) element.att('id', anchorId(table.label));
  const caption = [table.number, table.caption].filter(Boolean).join('\u3000');
  if (caption) element.ele('caption').txt(caption);
  const headRow = element.ele('thead').ele('tr');
  table.head.forEach((cell, i) => renderCell(headRow, 'th', cell, table.align[i], ctx));
  if (table.rows.length === 0) return;
  const body = element.ele('tbody');
  for (const row of table.rows) {
    const tr = body.ele('tr');
    row.forEach((cell, i) => renderCell(tr, 'td', cell, table.align[i], ctx));
  }
}
