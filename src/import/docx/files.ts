/**
 * The imported Word manuscript as project files: book.yaml (written from data by the `yaml`
 * package, with the TODO list as its head comment), front/*.md, chapters/*.md, images/*,
 * unplaced.md when needed, and import-report.md.
 */
import { Document, isScalar, stringify, visit } from 'yaml';
import type { DocxBook } from './import-docx.js';
import { docxReport } from './report.js';

export interface OutFile {
  path: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function bookYaml(book: DocxBook): string {
  const doc = new Document(book.meta);
  const fill = book.missing.map((m) => ` TODO ${m.field}: ${m.why}`);
  doc.commentBefore = [` Imported by hanpress import from ${book.source}; see import-report.md.`, ...(fill.length > 0 ? [' To fill in before `hanpress check` passes:', ...fill] : [])].join('\n');
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d{2}$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function markdown(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body === '' ? '' : `\n${body}`}`;
}

export function docxProjectFiles(book: DocxBook): OutFile[] {
  const text = (path: string, value: string): OutFile => ({ path, bytes: encoder.encode(value) });
  const chapters = book.chapters.map((c) => {
    const title = c.title.length === 1 ? c.title[0] : c.title;
    const fm = c.kind === 'front' ? { kind: 'preface', label: c.title.join(''), title } : { title, ...(c.subtitle ? { subtitle: c.subtitle } : {}), part: c.part };
    return text(c.file, markdown(fm, c.body));
  });
  return [
    text('book.yaml', bookYaml(book)),
    ...chapters,
    ...book.images.map((i) => ({ path: i.path, bytes: i.bytes })),
    ...(book.unplaced === '' ? [] : [text('unplaced.md', book.unplaced)]),
    text('import-report.md', docxReport(book)),
  ];
}
