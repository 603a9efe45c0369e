/**
 * The imported project as files. YAML is written by the `yaml` package from data (never glued
 * from strings), so quoting of dates, prices and postcodes is the library's job.
 */
import { Document, isScalar, stringify, visit } from 'yaml';
import type { ImportedBook } from './import-ocr.js';
import { importReport } from './report.js';

export interface ProjectFile {
  /** Relative to the project folder, forward slashes. */
  path: string;
  text: string;
}

/**
 * book.yaml of an imported project: the metadata written from data, headed by a comment
 * naming the source and listing `fill` (one line each) still to be filled in.
 */
export function importedBookYaml(meta: unknown, source: string, fill: string[]): string {
  const doc = new Document(meta);
  doc.commentBefore = [
    ` Imported by hanpress import from ${source}; see import-report.md.`,
    ...(fill.length > 0 ? [' To fill in before `hanpress check` passes:', ...fill] : []),
  ].join('\n');
  // A plain 2017-09 reads as text, but people and other YAML readers take it for a date:
  // quote it, as docs/metadata.md asks.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d{2}$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function bookYaml(book: ImportedBook): string {
  return importedBookYaml(book.meta, book.source, book.missing.map((m) => `   ${m.field}: ${m.why}`));
}

/** A Markdown file with YAML front matter. */
export function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body === '' ? '' : `\n${body}`}`;
}

export function projectFiles(book: ImportedBook): ProjectFile[] {
  const front = book.front.map((f) => ({
    path: f.file,
    text: markdownFile({ kind: 'preface', label: f.label, title: f.title, ...(f.author ? { author: f.author } : {}) }, f.body),
  }));
  const chapters = book.chapters.map((c) => ({
    path: c.file,
    text: markdownFile(
      { title: c.shaped.title, ...(c.shaped.subtitle ? { subtitle: c.shaped.subtitle } : {}), ...(c.date ? { date: c.date } : {}), part: c.part },
      c.body,
    ),
  }));
  const unplaced = book.unplaced === '' ? [] : [{ path: 'unplaced.md', text: book.unplaced }];
  return [
    { path: 'book.yaml', text: bookYaml(book) },
    ...front,
    ...chapters,
    ...unplaced,
    { path: 'import-report.md', text: importReport(book) },
  ];
}
