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

type BlockRange = { kind: BlockKind; lines: [number, number] };

/** Block line ranges [first, last) in body lines, in source order, one per table row, as markdown-it sees them. */
export function parsedRanges(body: string): BlockRange[] {
  const ranges: BlockRange[] = [];
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

/**
 * What a block construct can start its line with: indentation (code), # (heading), > (quote),
 * - + * and digits (lists), - * _ (rules), = - (setext underlines), ` ~ (fences), < (HTML, and
 * the lint comments the parser drops), [ (references, footnotes), | : (a table's delimiter row).
 */
const BLOCK_STARTS = ' \t#>-+*_=~`<[|:0123456789';

/** A line starting with c may be markup, or, white space trimmed, leave an empty paragraph. */
function mayStartMarkup(c: number): boolean {
  const ch = String.fromCharCode(c);
  return BLOCK_STARTS.includes(ch) || /\s/.test(ch);
}

/**
 * The block ranges of a body made of paragraphs only, without the parser; undefined for any
 * other. markdown-it also breaks lines at \r: a body without \r whose lines are empty or start
 * with none of BLOCK_STARTS (a Chinese novel) is paragraphs, each a run of non-empty lines.
 */
export function plainParagraphs(body: string): BlockRange[] | undefined {
  if (body.includes('\r')) return undefined;
  const ranges: BlockRange[] = [];
  let first = -1;
  let line = 0;
  for (let start = 0; start <= body.length; line++) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    if (end === start) {
      if (first >= 0) ranges.push({ kind: 'paragraph', lines: [first, line] });
      first = -1;
    } else if (mayStartMarkup(body.charCodeAt(start))) return undefined;
    else if (first < 0) first = line;
    start = end + 1;
  }
  if (first >= 0) ranges.push({ kind: 'paragraph', lines: [first, line] });
  return ranges;
}

/** Block line ranges [first, last) in body lines, in source order, one per table row. */
function blockRanges(body: string): BlockRange[] {
  return plainParagraphs(body) ?? parsedRanges(body);
}

/** `starts`: the text's lineStarts, when the caller has them already. */
export function proseBlocks(text: string, bodyLineOffset: number, starts = lineStarts(text)): ProseBlock[] {
  const body = text.slice(starts[bodyLineOffset] ?? text.length);
  const cr = text.includes('\r');
  return blockRanges(body).map(({ kind, lines }) => {
    const start = starts[lines[0] + bodyLineOffset] ?? text.length;
    const end = Math.max(start, (starts[lines[1] + bodyLineOffset] ?? text.length + 1) - 1);
    const line = text.slice(start, end);
    const source = cr ? line.replace(/\r(?=\n|$)/g, ' ') : line;
    return { kind, start, source, masked: maskProse(source) };
  });
}
