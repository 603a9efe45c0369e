/**
 * markdown-it block tokens → model blocks, footnotes and headings of one chapter.
 */
import type { Token } from 'markdown-it';
import type { Align, Block, Footnote, Heading, Inline, SourcePosition } from '../model/book.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { FootnoteNumbering } from './footnotes.js';
import { convertInline, MAX_INLINE_DEPTH, plainText } from './inline.js';
import { checkMaths } from './math-check.js';
import { displayMath } from './display-math.js';
import { attachLabel, figureOf, tableCaption, tableLabelRow } from './figures.js';
import { trailingLabel, xrefInlines } from './xref.js';
import { createMarkdownParser } from './parser.js';

export interface ParsedBody {
  /** From a `:label:` before the first block. */
  chapterLabel?: string;
  blocks: Block[];
  footnotes: Footnote[];
  headings: Heading[];
  diagnostics: Diagnostic[];
}

interface Walker {
  /** A `:label:` before any block: the chapter's. */
  chapterLabel?: string;
  tokens: Token[];
  i: number;
  file: string;
  lineOffset: number;
  chapterId: string;
  notes: FootnoteNumbering;
  headings: Heading[];
  footnotes: Footnote[];
  diagnostics: Diagnostic[];
}

const parser = createMarkdownParser();

function positionOf(w: Walker, token: Token): SourcePosition {
  return { file: w.file, line: (token.map?.[0] ?? 0) + w.lineOffset + 1, column: 1 };
}

function inlineOf(w: Walker, token: Token | undefined): Inline[] {
  if (!token?.children) return [];
  w.diagnostics.push(...checkMaths(token, positionOf(w, token)));
  let warned = false;
  const tooDeep = (): void => {
    if (warned) return;
    warned = true;
    w.diagnostics.push({
      code: 'markdown/too-deep',
      severity: 'warning',
      message: `Emphasis and links nest more than ${MAX_INLINE_DEPTH} levels deep here; the deeper marks are dropped and their text kept.`,
      ...positionOf(w, token),
      hint: 'Check for a run of * or _ that was meant as text; write it as \\* or in a code span.',
    });
  };
  return xrefInlines(convertInline(token.children, w.notes, tooDeep));
}

function headingLevel(w: Walker, token: Token): 2 | 3 | 4 | 5 | 6 {
  const level = Number(token.tag.slice(1));
  if (level === 1) {
    w.diagnostics.push({
      code: 'markdown/h1-in-chapter',
      severity: 'warning',
      message: 'A level-1 heading inside a chapter; the chapter title comes from the front matter.',
      ...positionOf(w, token),
      hint: 'Use ## for sections inside a chapter; set the chapter title with `title:` in the front matter.',
    });
    return 2;
  }
  return Math.min(6, level) as 2 | 3 | 4 | 5 | 6;
}

function tableAlign(token: Token): Align {
  const style = String(token.attrGet('style') ?? '');
  const match = /text-align:(left|center|right)/.exec(style);
  return (match?.[1] as Align | undefined) ?? null;
}

function parseTable(w: Walker, open: Token): Block {
  const head: Inline[][] = [];
  const rows: Inline[][][] = [];
  const align: Align[] = [];
  let row: Inline[][] | null = null;
  let inHead = false;
  for (; w.i < w.tokens.length; w.i++) {
    const t = w.tokens[w.i] as Token;
    if (t.type === 'table_close') break;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) {
      if (!inHead) rows.push(row);
      row = null;
    } else if (t.type === 'th_open') align.push(tableAlign(t));
    else if (t.type === 'inline') (inHead ? head : (row ?? [])).push(inlineOf(w, t));
  }
  w.i++;
  return { type: 'table', align, head, rows, pos: positionOf(w, open) };
}

function parseFootnotes(w: Walker): void {
  while (w.i < w.tokens.length) {
    const t = w.tokens[w.i] as Token;
    w.i++;
    if (t.type === 'footnote_block_close') break;
    if (t.type !== 'footnote_open') continue;
    const markdownId = (t.meta as { id: number }).id;
    const blocks = parseUntil(w, 'footnote_close');
    w.footnotes.push({
      id: w.notes.noteId(markdownId),
      number: w.notes.numberOf(markdownId),
      refIds: w.notes.refIds(markdownId),
      blocks,
    });
  }
}

function parseListItems(w: Walker, closeType: string): Block[][] {
  const items: Block[][] = [];
  while (w.i < w.tokens.length) {
    const t = w.tokens[w.i] as Token;
    w.i++;
    if (t.type === closeType) break;
    if (t.type === 'list_item_open') items.push(parseUntil(w, 'list_item_close'));
  }
  return items;
}

function parseBlock(w: Walker, t: Token): Block | undefined {
  switch (t.type) {
    case 'paragraph_open': {
      const children = inlineOf(w, w.tokens[w.i]);
      w.i += 2;
      const pos = positionOf(w, t);
      return displayMath(children, pos) ?? figureOf(children, pos) ?? { type: 'paragraph', children, pos };
    }
    case 'heading_open': {
      const level = headingLevel(w, t);
      const children = inlineOf(w, w.tokens[w.i]);
      w.i += 2;
      const id = `${w.chapterId}-s${w.headings.length + 1}`;
      w.headings.push({ id, level, text: plainText(children) });
      return { type: 'heading', level, id, children, pos: positionOf(w, t) };
    }
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const ordered = t.type === 'ordered_list_open';
      const items = parseListItems(w, ordered ? 'ordered_list_close' : 'bullet_list_close');
      return { type: 'list', ordered, start: Number(t.attrGet('start') ?? 1), items, pos: positionOf(w, t) };
    }
    case 'blockquote_open':
      return { type: 'blockquote', children: parseUntil(w, 'blockquote_close'), pos: positionOf(w, t) };
    case 'fence':
    case 'code_block':
      return { type: 'codeBlock', lang: t.info.trim().split(/\s+/)[0] ?? '', value: t.content, pos: positionOf(w, t) };
    case 'hr':
      return { type: 'thematicBreak', pos: positionOf(w, t) };
    case 'table_open': {
      const table = parseTable(w, t);
      if (table.type === 'table') tableLabelRow(table);
      return table;
    }
    case 'footnote_block_open':
      parseFootnotes(w);
      return undefined;
    default:
      return undefined;
  }
}

/** Parses blocks from w.i up to (and past) a token of closeType. */
function parseUntil(w: Walker, closeType: string | null): Block[] {
  const blocks: Block[] = [];
  while (w.i < w.tokens.length) {
    const t = w.tokens[w.i] as Token;
    w.i++;
    if (t.type === closeType) break;
    const block = parseBlock(w, t);
    if (!block) continue;
    // A paragraph that is only a :label: names the block before it (or, first, the chapter).
    const labelled = attachLabel(block, blocks.at(-1));
    if (labelled === 'attached') continue;
    if (labelled === 'unattached') {
      const label = block.type === 'paragraph' ? trailingLabelOf(block.children) : undefined;
      if (label && blocks.length === 0 && w.chapterLabel === undefined && closeType === null) w.chapterLabel = label;
      else
        w.diagnostics.push({
          code: 'markdown/stray-label',
          severity: 'warning',
          message: `The label \`${label ?? ''}\` follows no figure, table, formula or heading; it is left out.`,
          ...block.pos,
          hint: 'Put :label: on the line right after the figure, table or heading it names (a blank line before it is fine).',
        });
      continue;
    }
    if (block.type === 'table') tableCaption(blocks, block);
    blocks.push(block);
  }
  return blocks;
}

function trailingLabelOf(children: Inline[]): string | undefined {
  const found = trailingLabel(children);
  return found && found.rest.length === 0 ? found.label : undefined;
}

export function parseChapterBody(body: string, file: string, lineOffset: number, chapterId: string): ParsedBody {
  const tokens = parser.parse(body, {});
  const w: Walker = {
    tokens,
    i: 0,
    file,
    lineOffset,
    chapterId,
    notes: new FootnoteNumbering(chapterId),
    headings: [],
    footnotes: [],
    diagnostics: [],
  };
  const blocks = parseUntil(w, null);
  w.footnotes.sort((a, b) => a.number - b.number);
  return { blocks, footnotes: w.footnotes, headings: w.headings, diagnostics: w.diagnostics, ...(w.chapterLabel ? { chapterLabel: w.chapterLabel } : {}) };
}
