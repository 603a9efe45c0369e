/**
 * Walking the block tree, for stages that look for one kind of node (images, links …).
 */
import type { Block, Chapter, Inline } from './book.js';

export type ImageNode = Extract<Inline, { type: 'image' }>;

/** Every inline sequence in the blocks, with the top-level block that holds it. */
export function inlineRuns(blocks: Block[], owner?: Block): Array<{ inlines: Inline[]; block: Block }> {
  const out: Array<{ inlines: Inline[]; block: Block }> = [];
  runsOf(blocks, owner, out);
  return out;
}

/** Plain recursion into one array, no generator per block and per inline: chapterImages walks every chapter on every build. */
function runsOf(blocks: Block[], owner: Block | undefined, out: Array<{ inlines: Inline[]; block: Block }>): void {
  for (const block of blocks) {
    const top = owner ?? block;
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        out.push({ inlines: block.children, block: top });
        break;
      case 'list':
        for (const item of block.items) runsOf(item, top, out);
        break;
      case 'blockquote':
        runsOf(block.children, top, out);
        break;
      case 'table':
        for (const row of [block.head, ...block.rows]) for (const cell of row) out.push({ inlines: cell, block: top });
        break;
      case 'figure':
        out.push({ inlines: [block.image], block: top });
        break;
      default:
        break;
    }
  }
}

function imagesIn(inlines: Inline[], block: Block, out: Array<{ image: ImageNode; block: Block }>): void {
  for (const inline of inlines) {
    if (inline.type === 'image') out.push({ image: inline, block });
    else if ('children' in inline) imagesIn(inline.children, block, out);
  }
}

/** Images of a chapter (body and notes) in reading order, with the block that holds each. */
export function chapterImages(chapter: Chapter): Array<{ image: ImageNode; block: Block }> {
  const runs = inlineRuns(chapter.blocks);
  for (const note of chapter.footnotes) runsOf(note.blocks, undefined, runs);
  const out: Array<{ image: ImageNode; block: Block }> = [];
  for (const { inlines, block } of runs) imagesIn(inlines, block, out);
  return out;
}

function mathIn(inlines: Inline[]): boolean {
  return inlines.some((i) => i.type === 'math' || ('children' in i && mathIn(i.children)));
}

function blocksHaveMaths(blocks: Block[]): boolean {
  if (blocks.some((b) => b.type === 'math' || (b.type === 'list' && b.items.some(blocksHaveMaths)) || (b.type === 'blockquote' && blocksHaveMaths(b.children)))) return true;
  for (const { inlines } of inlineRuns(blocks)) if (mathIn(inlines)) return true;
  return false;
}

/** The chapter has a formula (its EPUB document then declares the `mathml` property). */
export function chapterHasMaths(chapter: Chapter): boolean {
  return blocksHaveMaths([...chapter.blocks, ...chapter.footnotes.flatMap((n) => n.blocks)]);
}
