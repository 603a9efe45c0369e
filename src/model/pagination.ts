/**
 * Where the print edition puts the book's text: produced by the PDF writer after layout,
 * read by the EPUB writer for its page-list and page-break markers. Keys are model positions,
 * so neither writer needs to know the other's internals.
 */
export interface PageMark {
  /** Chapter id (front01, ch001 …). */
  chapterId: string;
  /**
   * Index into chapter.blocks of the top-level block that starts on this page, or -1 for the
   * chapter's title (its opening page).
   */
  blockIndex: number;
  /** 1-based physical page of the PDF. */
  page: number;
  /** The folio printed on that page (what a reader cites), e.g. "3", or "" when unnumbered. */
  folio: string;
}

export interface PrintPagination {
  /** Print ISBN the folios belong to (dc:source of the e-book). */
  isbn: string;
  /** In reading order; at most one mark per page and block. */
  marks: PageMark[];
}
