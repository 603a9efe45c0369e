/**
 * Technical books number their headings by chapter: 2.1 for a section (##) of the second
 * chapter, 2.1.3 for a subsection (###), 2.1.3.1 for a subsubsection (####, as d2l-zh's
 * 回归/分类 under 监督学习); deeper headings stay unnumbered. Done on the model, so the PDF,
 * the EPUB, the 目录 and the navigation all print the same number.
 */
import type { Block, Chapter } from '../model/book.js';

/** The deepest heading level that is numbered (####). */
const DEEPEST = 4;

/** `first`: the number of the first chapter given (chapters are numbered through the main matter). */
export function numberHeadings(chapters: Chapter[], first = 1): Chapter[] {
  return chapters.map((chapter, i) => {
    const n = first + i;
    // Counters of the levels ## ### ####; a heading resets the levels below it.
    const counters = [0, 0, 0];
    const numbers = new Map<string, string>();
    const blocks = chapter.blocks.map((block): Block => {
      if (block.type !== 'heading' || block.level < 2 || block.level > DEEPEST) return block;
      const depth = block.level - 1;
      counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
      counters.fill(0, depth);
      const number = [n, ...counters.slice(0, depth)].join('.');
      numbers.set(block.id, number);
      return { ...block, children: [{ type: 'text', value: `${number}\u3000` }, ...block.children] };
    });
    const headings = chapter.headings.map((h) => {
      const number = numbers.get(h.id);
      return number ? { ...h, text: `${number}\u3000${h.text}` } : h;
    });
    return { ...chapter, blocks, headings };
  });
}
