/**
 * A law paragraph's inlines split into its article number and the rest, for both writers: the
 * number is set in its own style and followed by exactly one full-width space.
 */
import type { Block, Inline } from '../model/book.js';
import { articleHead } from './law.js';

export function splitArticle(inlines: Inline[]): { number: string; rest: Inline[] } | undefined {
  const first = inlines[0];
  if (first?.type !== 'text') return undefined;
  const head = articleHead(first.value);
  if (!head) return undefined;
  const remainder = first.value.slice(head.rest);
  return { number: head.number, rest: [...(remainder ? [{ type: 'text' as const, value: remainder }] : []), ...inlines.slice(1)] };
}

/** Every article number of the blocks (top-level paragraphs), for the heading face's glyph subset. */
export function articleNumbers(blocks: Iterable<Block>): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const article = splitArticle(block.children);
    if (article) out.push(article.number);
  }
  return out;
}
