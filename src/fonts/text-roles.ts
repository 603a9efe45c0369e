/**
 * The roles the book's design (the house design with the book's design.yaml over it) gives
 * block quotations and code: the PDF sets them from the same styles, so the EPUB's subsets and
 * stylesheet and the coverage gate follow the design instead of a second, hard-coded rule.
 */
import type { Book } from '../model/book.js';
import { loadDesign, mergeDesign, type Design } from '../typeset/design.js';
import type { TextRoles } from './glyphs.js';

export function textRolesOf(design: Design): TextRoles {
  return {
    quote: design.styles.blockquote.font ?? 'body',
    code: design.styles.code.font ?? 'body',
    caption: design.styles.caption.font ?? 'body',
    ...(design.structure.articleNumbers ? { articleNumber: design.styles.articleNumber.font ?? 'heading' } : {}),
  };
}

export async function bookTextRoles(book: Book): Promise<TextRoles> {
  return textRolesOf(mergeDesign(await loadDesign(), book.design));
}
