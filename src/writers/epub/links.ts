/**
 * Link targets as written in Markdown point at source files (../chapters/2-01.md#x); in the
 * EPUB they must point at the generated XHTML, or EPUBCheck reports a missing resource.
 */
import path from 'node:path';
import type { Book, Chapter } from '../../model/book.js';
import { allChapters } from '../../model/book.js';
import { chapterHref } from './chapter.js';
import { relativeHref } from './paths.js';

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** The chapters by source file, made once per book and only for a book with a link to a file. */
const filesOf = new WeakMap<Book, Map<string, Chapter>>();

function chaptersByFile(book: Book): Map<string, Chapter> {
  let byFile = filesOf.get(book);
  if (!byFile) filesOf.set(book, (byFile = new Map(allChapters(book).map((c) => [path.posix.normalize(c.file), c]))));
  return byFile;
}

export function markdownLinkResolver(book: Book): (from: Chapter, href: string) => string {
  return (from, href) => {
    if (EXTERNAL.test(href) || href.startsWith('#')) return href;
    const [file = '', fragment] = href.split('#', 2);
    const target = chaptersByFile(book).get(path.posix.normalize(path.posix.join(path.posix.dirname(from.file), decodeURI(file))));
    if (!target) return href;
    const to = relativeHref(chapterHref(from), chapterHref(target));
    return fragment ? `${to}#${fragment}` : to;
  };
}
