/**
 * Rules that compare book.yaml with the manuscript itself.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import { plainText } from '../markdown/inline.js';
import { allChapters, type Book, type Chapter } from '../model/book.js';
import { inlineRuns } from '../model/walk.js';

/** A character outside the BMP: two code units, one character. */
const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Characters as 字数 counts them: everything printed except spaces. */
export function countCharacters(text: string): number {
  // Code points less white space (/\s/u, all of it single code units), by regular expressions
  // rather than a loop over every code unit: a whole book is counted.
  const units = text.length - text.replace(/\S+/gu, '').length;
  return units - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

function chapterCharacters(chapter: Chapter): number {
  const titles = [chapter.label, ...chapter.titleLines, chapter.subtitle, chapter.date, chapter.author].join('');
  const blocks = [...chapter.blocks, ...chapter.footnotes.flatMap((n) => n.blocks)];
  let n = countCharacters(titles);
  for (const { inlines } of inlineRuns(blocks)) n += countCharacters(plainText(inlines));
  for (const block of blocks) if (block.type === 'codeBlock') n += countCharacters(block.value);
  return n;
}

export function manuscriptCharacters(book: Book): number {
  return allChapters(book).reduce((n, chapter) => n + chapterCharacters(chapter), 0);
}

export function manuscriptDiagnostics(book: Book, source: YamlSource): Diagnostic[] {
  const counted = manuscriptCharacters(book);
  const declared = book.meta.print.kiloCharacters * 1000;
  if (declared >= counted) return [];
  return [
    {
      code: 'print/word-count',
      severity: 'error',
      message: `字数 is ${book.meta.print.kiloCharacters}千字, but the manuscript alone has ${counted} characters.`,
      file: source.file,
      ...source.positionOf(['print', 'kiloCharacters']),
      hint: `字数 counts the printed page and is never below the text: write at least ${Math.ceil(counted / 1000)}.`,
    },
  ];
}
