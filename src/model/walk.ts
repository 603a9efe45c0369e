/**
 * Walking the block tree, for stages that look for one kind of node (images, links …).
 */
import type { Block, Chapter, Inline } from './book.js';

export type ImageNode = Extract<Inline, { type: 'image' }>;

/** Every inline sequence in the blocks, with the top-level block that holds it. */
export function* inlineRuns(blocks: Block[], owner?: Block): Generator<{ inlines: Inline[]; block: Block }> {
  for (const block of blocks) {
    const top = owner ?? block;
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        yield { inlines: block.children, block: top };
        break;
      case 'list':
        for (const item of block.items) yield* inlineRuns(item, top);
        break;
      case 'blockquote':
        yield* inlineRuns(block.children, top);
        break;
      case 'table':
        for (const row of [block.head, ...block.rows]) for (const cell of row) yield { inlines: cell, block: top };
        break;
      case 'figure':
        yield { inlines: [block.image], block: top };
        break;
      default:
        break;
    }
  }
}

function* imagesIn(inlines: Inline[]): Generator<ImageNode> {
  for (const inline of inlines) {
    if (inline.type === 'image') yield inline;
    else if ('children' in inline) yield* imagesIn(inline.children);
  }
}

/** Images of a chapter (body and notes) in reading order, with the block that holds each. */
export function* chapterImages(chapter: Chapter): Generator<{ image: ImageNode; block: Block }> {
  const blocks = [...chapter.blocks, ...chapter.footnotes.flatMap((n) => n.blocks)];
  for (const { inlines, block } of inlineRuns(blocks)) {
    for (const image of imagesIn(inlines)) yield { image, block };
  }
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
