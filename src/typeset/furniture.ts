/**
 * What pagination decides last: TOC folios resolved to the pages their targets landed on,
 * running heads (■ book title on versos, the section on rectos) above a hairline, and folios at
 * the foot on the outer edge. Chapter openings carry no running head; generated pages, part
 * pages and blank versos carry neither.
 */
import type { Typography } from './design.js';
import type { FontBook } from './fonts.js';
import { tocFolio } from './folios.js';
import { EM_TOP } from './grid.js';
import type { Page, PageItem } from './model.js';
import { styleOf } from './stack.js';
import { lineWidth, naturalLine } from './text.js';

export function isRecto(page: Page): boolean {
  return page.number % 2 === 1;
}

/** Where each named destination landed: name → page. */
export function destinationPages(pages: Page[]): Map<string, Page> {
  const out = new Map<string, Page>();
  for (const page of pages) {
    for (const item of page.items) if (item.kind === 'dest' && !out.has(item.name)) out.set(item.name, page);
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      for (const run of item.line.runs) if (run.style.id && !out.has(run.style.id)) out.set(run.style.id, page);
    }
  }
  return out;
}

export function resolveFolios(pages: Page[], fonts: FontBook): void {
  const where = destinationPages(pages);
  for (const page of pages) {
    page.items = page.items.map((item): PageItem => {
      if (item.kind !== 'folioRef') return item;
      const target = where.get(item.target);
      const line = naturalLine(tocFolio(target?.folio || String(target?.number ?? '?')), item.style, fonts);
      return { kind: 'text', x: item.right - lineWidth(line), baseline: item.baseline, line };
    });
  }
}

export function addFurniture(pages: Page[], typo: Typography, fonts: FontBook, width: number, textHeight: number, bookTitle: string): void {
  const { headGap, headRule, folioGap } = typo.design.furniture;
  const headStyle = styleOf(typo, 'runningHead');
  const folioStyle = styleOf(typo, 'folio');
  for (const page of pages) {
    if (page.kind !== 'text') continue;
    const recto = isRecto(page);
    if (!page.opening) {
      const line = naturalLine(recto ? page.head : `■\u2002${bookTitle}`, headStyle, fonts);
      page.items.push({ kind: 'text', x: recto ? width - lineWidth(line) : 0, baseline: -headGap - 3, line });
      page.items.push({ kind: 'rule', x1: 0, y1: -headGap, x2: width, y2: -headGap, width: headRule });
    }
    if (page.folio) {
      const line = naturalLine(page.folio, folioStyle, fonts);
      page.items.push({ kind: 'text', x: recto ? width - lineWidth(line) : 0, baseline: textHeight + folioGap + EM_TOP * folioStyle.size, line });
    }
  }
}
