/**
 * After the PDF is laid out: the pages widow control and looking back could not fill (齐底),
 * each a warning at the paragraph an editor could change by a few characters to fill it.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { allChapters, type Book } from '../model/book.js';
import type { ShortPage } from '../typeset/short-page.js';

export function shortPageDiagnostics(book: Book, shortPages: ShortPage[]): Diagnostic[] {
  return shortPages.map((short): Diagnostic => {
    const message = `Page ${short.folio || short.page} (PDF page ${short.page}) ends a line short (齐底): no paragraph on it or before it can be set a line longer or shorter without a widow, an orphan or 孤字.`;
    const advice = short.advice;
    const chapter = advice && allChapters(book).find((c) => c.id === advice.chapterId);
    const block = advice && chapter?.blocks[advice.blockIndex];
    if (!advice || !chapter || !block || !('pos' in block)) {
      return { code: 'pdf/short-page', severity: 'warning', message, hint: 'Add or cut a few characters in a paragraph on that page (调字) so that it takes a line more or less; then rebuild.' };
    }
    const cut = advice.cut === undefined ? '' : `Cut ${advice.cut} character${advice.cut === 1 ? '' : 's'} from this paragraph (its last line holds ${advice.cut}) or add`;
    const add = `${cut ? ' about' : 'Add about'} ${advice.add} to this paragraph`;
    return {
      code: 'pdf/short-page',
      severity: 'warning',
      message,
      file: block.pos.file,
      line: block.pos.line,
      column: block.pos.column,
      hint: `${cut}${add}: a line fewer or more before the foot fills the page. Rebuild to check.`,
    };
  });
}
