/**
 * The prose of one Markdown file as blocks (paragraphs, headings, table rows) with absolute
 * offsets into the file text. markdown-it decides what is a block, so fenced and indented code,
 * link reference definitions and the front matter never reach a rule; inside a block, mask.ts
 * hides what is not Chinese prose.
 */
import type { Token } from 'markdown-it';
import { createMarkdownParser } from '../markdown/parser.js';
import { maskProse } from './mask.js';

export type BlockKind = 'paragraph' | 'heading' | 'cell';

export interface ProseBlock {
  kind: BlockKind;
  /** Offset of the block's first character in the file text. */
  start: number;
  /** The block's lines as they stand in the file (no final newline). */
  source: string;
  /** `source` with everything that is not prose replaced by MASK; same length. */
  masked: string;
}

const parser = createMarkdownParser();

/**
 * The same parser without the inline stage, whose tokens (and their cost: most of a chapter's
 * parse) the block ranges never read. Only footnotes make the inline stage change the blocks
 * (footnote_tail keeps the definitions that are referenced, in order of reference), so a text
 * that could hold one takes the full parse.
 */
const blockParser = createMarkdownParser();
blockParser.core.ruler.disable(['inline', 'footnote_tail', 'linkify', 'replacements', 'smartquotes', 'text_join']);

function blockTokens(body: string): Token[] {
  const footnotes = body.includes('[^') || body.includes('^[');
  return (footnotes ? parser : blockParser).parse(body, {});
}

/** Offsets where each line of the text starts; one more entry for the end. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  starts.push(text.length + 1);
  return starts;
}

function kindOf(open: Token | undefined): BlockKind {
  if (open?.type === 'heading_open') return 'heading';
  if (open?.type === 'th_open' || open?.type === 'td_open') return 'cell';
  return 'paragraph';
}

/** Block line ranges [first, last) in body lines, in source order, one per table row. */
function blockRanges(body: string): { kind: BlockKind; lines: [number, number] }[] {
  const ranges: { kind: BlockKind; lines: [number, number] }[] = [];
  const tokens = blockTokens(body);
  let lastMap: [number, number] | undefined;
  tokens.forEach((token, i) => {
    if (token.map) lastMap = token.map;
    // Table cells carry no map of their own; their row (tr_open) has it.
    if (token.type !== 'inline' || !lastMap) return;
    const lines: [number, number] = [lastMap[0], lastMap[1]];
    const previous = ranges.at(-1);
    if (previous && previous.lines[0] === lines[0] && previous.lines[1] === lines[1]) return;
    ranges.push({ kind: kindOf(tokens[i - 1]), lines });
  });
  // Footnote definitions come out of markdown-it after the text; put them back in place.
  return ranges.sort((a, b) => a.lines[0] - b.lines[0]);
}

export function proseBlocks(text: string, bodyLineOffset: number): ProseBlock[] {
  const starts = lineStarts(text);
  const body = text.slice(starts[bodyLineOffset] ?? text.length);
  return blockRanges(body).map(({ kind, lines }) => {
    const start = starts[lines[0] + bodyLineOffset] ?? text.length;
    const end = Math.max(start, (starts[lines[1] + bodyLineOffset] ?? text.length + 1) - 1);
    const source = text.slice(start, end).replace(/\r(?=\n|$)/g, ' ');
    return { kind, start, source, masked: maskProse(source) };
  });
}
