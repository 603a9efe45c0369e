/**
 * After the PDF is laid out: the pages widow control and looking back could not fill (齐底),
 * and the pages filled only by leaving a paragraph's first line alone at the foot, each a
 * warning at the paragraph an editor could change by a few characters to set it right (调字).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { allChapters, type Book } from '../model/book.js';
import type { ShortPage } from '../typeset/short-page.js';

type Code = 'pdf/short-page' | 'pdf/orphan-line';

export function shortPageDiagnostics(book: Book, shortPages: ShortPage[]): Diagnostic[] {
  return shortPages.map((short) =>
    editorial(book, short, 'pdf/short-page', `Page ${pageName(short)} ends a line short (齐底): no paragraph on it or before it can be set a line longer or shorter without a widow, an orphan or 孤字.`, 'fills the page'),
  );
}

export function orphanPageDiagnostics(book: Book, orphanPages: ShortPage[]): Diagnostic[] {
  return orphanPages.map((page) =>
    editorial(
      book,
      page,
      'pdf/orphan-line',
      `Page ${pageName(page)} ends with a paragraph's first line alone (an orphan), kept so the page is full (齐底): no other line could move.`,
      'lets the page fill without it',
    ),
  );
}

function pageName(page: ShortPage): string {
  return `${page.folio || page.page} (PDF page ${page.page})`;
}

function editorial(book: Book, page: ShortPage, code: Code, message: string, effect: string): Diagnostic {
  const advice = page.advice;
  const chapter = advice && allChapters(book).find((c) => c.id === advice.chapterId);
  const block = advice && chapter?.blocks[advice.blockIndex];
  if (!advice || !chapter || !block || !('pos' in block)) {
    return { code, severity: 'warning', message, hint: 'Add or cut a few characters in a paragraph on that page (调字) so that it takes a line more or less; then rebuild.' };
  }
  const cut = advice.cut === undefined ? '' : `Cut ${advice.cut} character${advice.cut === 1 ? '' : 's'} from this paragraph (its last line holds ${advice.cut}) or add`;
  const add = `${cut ? ' about' : 'Add about'} ${advice.add} to ${cut ? 'it' : 'this paragraph'}`;
  return {
    code,
    severity: 'warning',
    message,
    file: block.pos.file,
    line: block.pos.line,
    column: block.pos.column,
    hint: `${cut}${add}: a line fewer or more before the foot ${effect}. Rebuild to check.`,
  };
}
