/**
 * import-report.md for a Word manuscript: what the editor must fill, where the import was
 * unsure, what went where (¶n is the n-th paragraph of the document, tables included, as
 * Word's navigation counts them), what was dropped, and the tracked changes and comments
 * that were accepted or dropped with --accept-changes.
 */
import type { DocxBook } from './import-docx.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ⏎ ');
}

function at(para: number): string {
  return para > 0 ? `¶${para}` : '—';
}

function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['- Nothing.'];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function docxReport(book: DocxBook): string {
  const c = book.counts;
  const chapters = book.chapters.filter((x) => x.kind === 'chapter').length;
  const front = book.chapters.length - chapters;
  return [
    `# Import report: ${book.source}`,
    '',
    `- ${book.paragraphs} paragraphs read. Outline: ${book.outline}.`,
    `- ${chapters} chapters in ${book.parts.length} part(s), ${front} front section(s); ${c.headings} headings, ${c.lists} list items, ${c.quotes} quotation paragraphs, ${c.tables} tables.`,
    `- ${c.footnotes} footnotes and ${c.endnotes} endnotes → Markdown footnotes; ${book.images.length} images extracted into images/.`,
    `- Leading indentation (spaces, U+3000, tabs) removed from ${c.indented} paragraphs: the book's design indents every paragraph.`,
    `- Tracked changes accepted: ${book.revisions.length}; comments dropped: ${book.comments.length}.`,
    `- Unsure places: ${book.unsure.length}; dropped items: ${book.dropped.length}.`,
    '',
    '## The editor must fill',
    '',
    ...(book.missing.length > 0 ? book.missing.map((m) => `- \`${m.field}\` in book.yaml: ${m.why}.`) : ['- Nothing.']),
    '',
    '## Unsure: check these',
    '',
    ...table(['where', 'what'], book.unsure.map((u) => [at(u.para), u.message])),
    '',
    '## What went where',
    '',
    ...table(['where', 'in the document', 'in the project'], book.mapped.map((m) => [at(m.para), m.from, m.to])),
    '',
    '## Dropped',
    '',
    ...table(['where', 'what', 'text'], book.dropped.map((d) => [at(d.para), d.what, d.text])),
    '',
    '## Tracked changes accepted (--accept-changes)',
    '',
    ...table(['where', 'change', 'author', 'date', 'text'], book.revisions.map((r) => [at(r.para), r.kind, r.author, r.date, r.text])),
    '',
    '## Comments dropped (--accept-changes)',
    '',
    ...table(['where', 'author', 'date', 'comment'], book.comments.map((x) => [at(x.para), x.author, x.date, x.text])),
    '',
  ].join('\n');
}
