/**
 * Figures and table captions from the Markdown. A paragraph that is one image (and perhaps a
 * trailing `:label:`) is a figure; its caption is the image's title when it has one, else its
 * alt text, without a final full stop (Chinese 图题 end without one). A table's caption is a
 * paragraph right before it that starts with `:` (pandoc's and d2l's `: 标题`) or `表：`.
 */
import type { Block, Inline, SourcePosition } from '../model/book.js';
import { plainText } from './inline.js';
import { trailingLabel } from './xref.js';

type Figure = Extract<Block, { type: 'figure' }>;

function blank(inline: Inline): boolean {
  return (inline.type === 'text' && inline.value.trim() === '') || inline.type === 'break';
}

export function captionText(text: string): string {
  return text.trim().replace(/[。.]$/u, '').trim();
}

/** A number written by hand at the head of a caption (图1　…, 图 2-3 …): hanpress numbers figures itself. */
const HAND_NUMBER = /^图\s*[0-9０-９]+(?:\s*[-－–.．]\s*[0-9０-９]+)?[\s\u3000:：]*/u;

export function figureOf(children: Inline[], pos: SourcePosition): Figure | undefined {
  const labelled = trailingLabel(children);
  const rest = (labelled?.rest ?? children).filter((c) => !blank(c));
  const only = rest.length === 1 ? rest[0] : undefined;
  if (only?.type !== 'image') return undefined;
  const caption = captionText(only.title?.trim() ? only.title : only.alt).replace(HAND_NUMBER, '');
  return { type: 'figure', image: only, caption, pos, ...(labelled ? { label: labelled.label } : {}) };
}

/** Puts a label-only paragraph's label on `previous`: 'attached', or why not. */
export function attachLabel(block: Block, previous: Block | undefined): 'attached' | 'unattached' | 'not-a-label' {
  if (block.type !== 'paragraph') return 'not-a-label';
  const found = trailingLabel(block.children);
  if (!found || found.rest.length > 0) return 'not-a-label';
  if (previous && (previous.type === 'table' || previous.type === 'heading' || previous.type === 'figure' || previous.type === 'math') && previous.label === undefined) {
    previous.label = found.label;
    return 'attached';
  }
  return 'unattached';
}

const CAPTION = /^\s*(?::|表[:：]|Table:)\s*(.+)$/su;

/** Takes a caption paragraph right before the table out of `blocks` and onto the table. */
export function tableCaption(blocks: Block[], table: Extract<Block, { type: 'table' }>): void {
  const previous = blocks.at(-1);
  if (previous?.type !== 'paragraph') return;
  const match = CAPTION.exec(plainText(previous.children));
  if (!match?.[1]) return;
  table.caption = captionText(match[1]);
  blocks.pop();
}

/**
 * GFM reads the `:label:` line right after a table's last row as one more row; taken back out
 * here as the table's label.
 */
export function tableLabelRow(table: Extract<Block, { type: 'table' }>): void {
  const last = table.rows.at(-1);
  if (!last || table.label !== undefined) return;
  const [first, ...others] = last;
  const found = first ? trailingLabel(first) : undefined;
  if (!found || found.rest.length > 0 || others.some((cell) => cell.some((i) => !blank(i)))) return;
  table.label = found.label;
  table.rows = table.rows.slice(0, -1);
}
