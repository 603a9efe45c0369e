/**
 * Footnote numbering per chapter: numbers follow the order of first citation, ids are
 * stable ASCII derived from the chapter id, so files and links never depend on labels.
 */
import type { Inline } from '../model/book.js';

export class FootnoteNumbering {
  private readonly numbers = new Map<number, number>();
  private readonly refCounts = new Map<number, number>();

  constructor(private readonly chapterId: string) {}

  noteId(markdownId: number): string {
    return `${this.chapterId}-fn${this.numberOf(markdownId)}`;
  }

  numberOf(markdownId: number): number {
    let n = this.numbers.get(markdownId);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(markdownId, n);
    }
    return n;
  }

  reference(markdownId: number): Extract<Inline, { type: 'footnoteRef' }> {
    const number = this.numberOf(markdownId);
    const count = (this.refCounts.get(markdownId) ?? 0) + 1;
    this.refCounts.set(markdownId, count);
    return {
      type: 'footnoteRef',
      noteId: this.noteId(markdownId),
      number,
      refId: `${this.chapterId}-fnref${number}${count > 1 ? `-${count}` : ''}`,
    };
  }

  refIds(markdownId: number): string[] {
    const number = this.numberOf(markdownId);
    const count = this.refCounts.get(markdownId) ?? 0;
    return Array.from({ length: count }, (_, i) => `${this.chapterId}-fnref${number}${i > 0 ? `-${i + 1}` : ''}`);
  }
}
