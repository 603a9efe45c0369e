/**
 * The imported Word manuscript as project files: book.yaml (written from data by the `yaml`
 * package, with the TODO list as its head comment), front/*.md, chapters/*.md, images/*,
 * unplaced.md when needed, and import-report.md.
 */
import { importedBookYaml, markdownFile } from '../files.js';
import type { DocxBook } from './import-docx.js';
import { docxReport } from './report.js';

export interface OutFile {
  path: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function bookYaml(book: DocxBook): string {
  return importedBookYaml(book.meta, book.source, book.missing.map((m) => ` TODO ${m.field}: ${m.why}`));
}

export function docxProjectFiles(book: DocxBook): OutFile[] {
  const text = (path: string, value: string): OutFile => ({ path, bytes: encoder.encode(value) });
  const chapters = book.chapters.map((c) => {
    const title = c.title.length === 1 ? c.title[0] : c.title;
    const fm = c.kind === 'front' ? { kind: 'preface', label: c.title.join(''), title } : { title, ...(c.subtitle ? { subtitle: c.subtitle } : {}), part: c.part };
    return text(c.file, markdownFile(fm, c.body));
  });
  return [
    text('book.yaml', bookYaml(book)),
    ...chapters,
    ...book.images.map((i) => ({ path: i.path, bytes: i.bytes })),
    ...(book.unplaced === '' ? [] : [text('unplaced.md', book.unplaced)]),
    text('import-report.md', docxReport(book)),
  ];
}
