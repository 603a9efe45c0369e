/**
 * After the PDF is laid out: does book.yaml's 印张 agree with the real page count?
 * 印张 × 开数 = pages (a 1/16 sheet folds into 16 pages), and a printed book has an even
 * number of pages.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { BookMetadata } from '../model/metadata.js';

/**
 * Pages as the printer counts them: a folded sheet of paper is 4 pages, so a book's page count
 * is rounded up to a multiple of 4 (the blanks are added at the end).
 */
export function printedPages(pages: number): number {
  return Math.ceil(pages / 4) * 4;
}

/**
 * 印张 from a page count, as a copyright page prints it: 76 pages at 1/16 are 4.75 sheets;
 * 15 pages at 1/32 are 0.5 (16 printed pages), never 0.4688.
 */
export function sheetsForPages(pages: number, fold: number): number {
  return printedPages(pages) / fold;
}

export function printSpecDiagnostics(meta: BookMetadata, pageCount: number, source?: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (path: string[]) => (source ? { file: source.file, ...source.positionOf(path) } : {});
  if (pageCount % 2 === 1) {
    out.push({
      code: 'print/odd-pages',
      severity: 'warning',
      message: `The PDF has ${pageCount} pages; a printed book has an even number.`,
      hint: 'The printer will add a blank last page; check that nothing is missing at the end.',
    });
  }
  const { sheets, fold } = meta.print;
  // Blank pages the printer adds to fill the last folded sheet are fine.
  if (sheets !== undefined && (sheets * fold < pageCount || sheets * fold > printedPages(pageCount))) {
    out.push({
      code: 'print/sheets-mismatch',
      severity: 'warning',
      ...where(['print', 'sheets']),
      message: `印张 ${sheets} at 1/${fold} means ${sheets * fold} pages, but the PDF has ${pageCount}.`,
      hint: `For this PDF write \`sheets: ${sheetsForPages(pageCount, fold)}\`, or leave \`sheets\` out to have it computed from the PDF.`,
    });
  }
  return out;
}
