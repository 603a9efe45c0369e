/**
 * import-report.md: what the editor must fill, where the import was unsure, and every change
 * with its line in the OCR source (removed text included), then the TOC → chapter map.
 */
import type { ImportedBook } from './import-ocr.js';
import type { Change, RuleId } from './types.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ⏎ ');
}

export interface ImportStats {
  lines: number;
  removed: Partial<Record<RuleId, number>>;
  changes: Partial<Record<RuleId, number>>;
  tocEntries: number;
  tocSections: number;
  textFound: number;
}

export function importStats(book: ImportedBook): ImportStats {
  const count = (list: Change[]): Partial<Record<RuleId, number>> => {
    const out: Partial<Record<RuleId, number>> = {};
    for (const c of list) out[c.rule] = (out[c.rule] ?? 0) + 1;
    return out;
  };
  const articles = book.toc.flatMap((p) => p.articles);
  return {
    lines: book.lineCount,
    removed: count(book.changes.filter((c) => c.after === '' && c.rule !== 'line-join')),
    changes: count(book.changes),
    tocEntries: articles.length,
    tocSections: articles.reduce((n, a) => n + a.sections.length, 0),
    textFound: book.chapters.filter((c) => c.found).length,
  };
}

function summary(book: ImportedBook): string[] {
  const s = importStats(book);
  const n = (r: RuleId): number => s.changes[r] ?? 0;
  return [
    `- ${s.lines} lines read.`,
    `- Removed: ${n('running-head')} running heads, ${n('folio')} folios, ${n('logo-mark')} logo marks (the imprint kept).`,
    `- Paragraphs rejoined across page breaks: ${n('page-join')}; OCR lines joined inside a paragraph: ${n('line-join')}.`,
    `- Punctuation made full-width: ${n('punctuation')} lines; CJK–digit spaces removed: ${n('digit-space')} lines; dash runs: ${n('dash')}.`,
    `- Printed TOC: ${s.tocEntries} articles and ${s.tocSections} sections in ${book.parts.length} parts → ${book.chapters.length} chapter files; article text found in the OCR for ${s.textFound}.`,
    `- Unsure places: ${book.unsure.length}.`,
  ];
}

function mustFill(book: ImportedBook): string[] {
  const fields = book.missing.map((m) => `- \`${m.field}\` in book.yaml: ${m.why}.`);
  const empty = book.chapters.filter((c) => !c.found).map((c) => c.file);
  const bodies = empty.length > 0 ? [`- The text of ${empty.length} article(s) is not in the OCR (only their TOC entries): ${empty.join(', ')}. \`hanpress check\` accepts them empty.`] : [];
  const all = [...fields, ...bodies];
  return all.length > 0 ? all : ['- Nothing.'];
}

function changesTable(changes: Change[]): string[] {
  return [
    '| line | rule | before | after | note |',
    '|---:|---|---|---|---|',
    ...changes.map((c) => `| ${c.line} | ${c.rule} | ${cell(c.before)} | ${c.after === '' ? '*(removed)*' : cell(c.after)} | ${cell(c.note ?? '')} |`),
  ];
}

function tocTable(book: ImportedBook): string[] {
  const articles = book.toc.flatMap((p) => p.articles);
  return [
    '| TOC line | page | file | title | date | text in OCR |',
    '|---:|---:|---|---|---|---|',
    ...book.chapters.map((c, i) => {
      const title = Array.isArray(c.shaped.title) ? c.shaped.title.join(' / ') : c.shaped.title;
      const page = articles[i]?.page;
      return `| ${c.tocLine} | ${page ?? '—'} | ${c.file} | ${cell(title)}${c.shaped.subtitle ? ` ——${cell(c.shaped.subtitle)}` : ''} | ${c.date ?? ''} | ${c.found ? 'yes' : 'no'} |`;
    }),
  ];
}

export function importReport(book: ImportedBook): string {
  return [
    `# Import report: ${book.source}`,
    '',
    ...summary(book),
    '',
    '## The editor must fill',
    '',
    ...mustFill(book),
    '',
    '## Unsure: check these',
    '',
    ...(book.unsure.length > 0 ? ['| line | rule | what |', '|---:|---|---|', ...book.unsure.map((u) => `| ${u.line} | ${u.rule} | ${cell(u.message)} |`)] : ['- Nothing.']),
    '',
    '## Every change, by source line',
    '',
    ...changesTable(book.changes),
    '',
    '## TOC entries → chapters',
    '',
    ...tocTable(book),
    '',
  ].join('\n');
}
