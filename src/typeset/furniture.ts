/**
 * What pagination decides last: TOC folios resolved to the pages their targets landed on,
 * running heads (■ book title on versos, the section on rectos) above a hairline, and folios at
 * the foot on the outer edge. Chapter openings carry no running head; generated pages, part
 * pages and blank versos carry neither.
 */
import { NO_MEMO, type StepMemo } from '../pipeline/memo.js';
import type { Typography } from './design.js';
import type { FontBook } from './fonts.js';
import { tocFolio } from './folios.js';
import { EM_TOP } from './grid.js';
import type { Page, PageItem, RunStyle, TextLine } from './model.js';
import { appendItems, isUnread, markedItems } from './page-body.js';
import { styleOf } from './stack.js';
import { lineWidth, naturalLine } from './text.js';

export function isRecto(page: Page): boolean {
  return page.number % 2 === 1;
}

/** Where each named destination landed: name → page. A page's body is not read for it (page-body.ts). */
export function destinationPages(pages: Page[]): Map<string, Page> {
  const out = new Map<string, Page>();
  for (const page of pages) {
    const items = markedItems(page);
    for (const item of items) if (item.kind === 'dest' && !out.has(item.name)) out.set(item.name, page);
    for (const item of items) {
      if (item.kind !== 'text') continue;
      for (const run of item.line.runs) if (run.style.id && !out.has(run.style.id)) out.set(run.style.id, page);
    }
  }
  return out;
}

/**
 * Lines set from a text in one style (running heads, folios, TOC folios), through the cache
 * across runs: a new process would otherwise read the glyph metrics of their faces only to set
 * them again (a third of a second for 水浒传's 980 pages). One entry for the book's texts;
 * the font book is in every key (the settings key), as it is for composed chapters.
 */
function setLines(texts: Array<{ text: string; style: RunStyle }>, fonts: FontBook, memo: StepMemo): TextLine[] {
  return memo.get('typeset-lines', texts, () => texts.map(({ text, style }) => naturalLine(text, style, fonts)));
}

export function resolveFolios(pages: Page[], fonts: FontBook, memo: StepMemo = NO_MEMO): void {
  const where = destinationPages(pages);
  const refs: Array<{ text: string; style: RunStyle }> = [];
  for (const page of pages) {
    // A body read back from the cache holds no TOC folio (cached-pages.ts stores none).
    if (isUnread(page)) continue;
    for (const item of page.items) {
      if (item.kind !== 'folioRef') continue;
      const target = where.get(item.target);
      refs.push({ text: tocFolio(target?.folio || String(target?.number ?? '?')), style: item.style });
    }
  }
  if (refs.length === 0) return;
  const lines = setLines(refs, fonts, memo);
  let next = 0;
  for (const page of pages) {
    if (isUnread(page)) continue;
    page.items = page.items.map((item): PageItem => {
      if (item.kind !== 'folioRef') return item;
      const line = lines[next++] as TextLine;
      return { kind: 'text', x: item.right - lineWidth(line), baseline: item.baseline, line };
    });
  }
}

export function addFurniture(pages: Page[], typo: Typography, fonts: FontBook, width: number, textHeight: number, bookTitle: string, memo: StepMemo = NO_MEMO): void {
  const { headGap, headRule, folioGap } = typo.design.furniture;
  const headStyle = styleOf(typo, 'runningHead');
  const folioStyle = styleOf(typo, 'folio');
  const headOf = (page: Page): string => (isRecto(page) ? page.head : `■\u2002${bookTitle}`);
  // Each text once: a novel's versos share one head, each chapter's rectos another.
  const heads = new Map<string, number>();
  const folios = new Map<string, number>();
  for (const page of pages) {
    if (page.kind !== 'text') continue;
    if (!page.opening && !heads.has(headOf(page))) heads.set(headOf(page), heads.size);
    if (page.folio && !folios.has(page.folio)) folios.set(page.folio, folios.size);
  }
  const lines = setLines([...[...heads.keys()].map((text) => ({ text, style: headStyle })), ...[...folios.keys()].map((text) => ({ text, style: folioStyle }))], fonts, memo);
  for (const page of pages) {
    if (page.kind !== 'text') continue;
    const recto = isRecto(page);
    if (!page.opening) {
      const line = lines[heads.get(headOf(page)) as number] as TextLine;
      appendItems(page, { kind: 'text', x: recto ? width - lineWidth(line) : 0, baseline: -headGap - 3, line }, { kind: 'rule', x1: 0, y1: -headGap, x2: width, y2: -headGap, width: headRule });
    }
    if (page.folio) {
      const line = lines[heads.size + (folios.get(page.folio) as number)] as TextLine;
      appendItems(page, { kind: 'text', x: recto ? width - lineWidth(line) : 0, baseline: textHeight + folioGap + EM_TOP * folioStyle.size, line });
    }
  }
}
