/**
 * Technical books number their headings by chapter: 2.1 for a section (##) of the second
 * chapter, 2.1.3 for a subsection (###); deeper headings stay unnumbered. Done on the model,
 * so the PDF, the EPUB, the 目录 and the navigation all print the same number.
 */
import type { Block, Chapter } from '../model/book.js';

/** `first`: the number of the first chapter given (chapters are numbered through the main matter). */
export function numberHeadings(chapters: Chapter[], first = 1): Chapter[] {
  return chapters.map((chapter, i) => {
    const n = first + i;
    const counters = [0, 0];
    const numbers = new Map<string, string>();
    const blocks = chapter.blocks.map((block): Block => {
      if (block.type !== 'heading' || block.level > 3) return block;
      if (block.level === 2) {
        counters[0] = (counters[0] ?? 0) + 1;
        counters[1] = 0;
      } else counters[1] = (counters[1] ?? 0) + 1;
      const number = block.level === 2 ? `${n}.${counters[0]}` : `${n}.${counters[0]}.${counters[1]}`;
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
