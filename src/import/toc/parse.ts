/**
 * The printed TOC as data: parts, articles (headline lines, dated line, page) and the
 * sections listed under an article (`（一）…`). Table rows and line-form entries are read the
 * same way; a row without a page number continues on the next page, as it does in print.
 */
import { CN_NUMERAL } from '../cjk.js';
import { PART } from '../rules/headings.js';
import { ideographicGaps } from '../rules/spacing.js';
import { cleanText } from '../prose.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from '../types.js';
import { collapseLetterSpacing } from '../rules/spacing.js';
import { isFrontLabel } from '../front-labels.js';
import { CHAPTER, JIE } from '../rules/headings.js';
import { pageOf, PAGE_REF, TOC_TITLE } from './region.js';
import type { RawTitleLine } from './title-lines.js';

export interface TocSection {
  title: string;
  page?: number;
  line: number;
}

export interface TocArticle {
  raw: RawTitleLine[];
  date?: string;
  page?: number;
  /** Every source line the entry was read from. */
  lines: number[];
  sections: TocSection[];
}

export interface TocPart {
  label: string;
  title: string;
  line: number;
  articles: TocArticle[];
}

interface Item {
  text: string;
  page?: number;
  table: boolean;
  line: number;
}

const TABLE_RULE = /^\|[\s|:-]*\|$/;
const TRAILING_DATE = /\s*[(（]\s*(\d{4}\s*年[^()（）]*?)\s*[)）]\s*$/;
const SECTION = new RegExp(`^[（(]${CN_NUMERAL}[）)]`);
/** `一、…` is a section only in a TOC of chapters (第一章 …); in a collection it may begin an article's title. */
const NUMBERED = new RegExp(`^${CN_NUMERAL}、`);
const PAGE_CELL = /^[(（]\s*(\d{1,4})\s*[)）]$/;

function tableItem(line: SourceLine): Item {
  const cells = line.text.trim().slice(1, -1).split('|').map((c) => c.trim());
  const pageCell = cells.findLast((c) => PAGE_CELL.test(c));
  const page = pageCell ? Number(PAGE_CELL.exec(pageCell)?.[1]) : undefined;
  const text = cells.filter((c) => c !== '' && c !== pageCell).join(' ');
  return { text, page, table: true, line: line.no };
}

function lineItem(line: SourceLine): Item {
  const m = PAGE_REF.exec(line.text);
  const text = m ? line.text.slice(0, m.index).trim() : line.text.trim();
  return { text, page: pageOf(m), table: false, line: line.no };
}

export function tocItems(lines: SourceLine[]): Item[] {
  return lines
    .filter((l) => l.text.trim() !== '' && !TABLE_RULE.test(l.text.trim()))
    .map((l) => (l.text.trim().startsWith('|') ? tableItem(l) : lineItem(l)));
}

class TocBuilder {
  readonly parts: TocPart[] = [];
  readonly log = new ChangeLog();
  private pending: TocArticle | undefined;

  private part(): TocPart {
    if (this.parts.length === 0) this.parts.push({ label: '', title: '', line: 0, articles: [] });
    return this.parts[this.parts.length - 1] as TocPart;
  }

  private finish(): void {
    if (!this.pending) return;
    if (this.pending.page === undefined) {
      this.log.unsure.push({ rule: 'toc', line: this.pending.lines[0] ?? 0, message: 'TOC entry without a page number' });
    }
    this.part().articles.push(this.pending);
    this.pending = undefined;
  }

  addPart(item: Item): void {
    this.finish();
    const [label = '', ...rest] = item.text.split(/\s+/);
    // `第一编 总 则`: a two-character title is letter-spaced in print, not two phrases.
    const spaced = this.log.take(collapseLetterSpacing(rest.join(' '), item.line));
    const title = cleanText(ideographicGaps(spaced), item.line, this.log);
    this.parts.push({ label, title, line: item.line, articles: [] });
  }

  addSection(item: Item): void {
    this.finish();
    const article = this.part().articles[this.part().articles.length - 1];
    const title = cleanText(ideographicGaps(item.text), item.line, this.log);
    if (item.table && /\S\s+\S/.test(item.text.replace(SECTION, '').trim())) {
      this.log.unsure.push({ rule: 'title-lines', line: item.line, message: `table cell "${item.text}": a space may be a line wrap or a gap between phrases; check the heading (${title})` });
    }
    if (article) article.sections.push({ title, page: item.page, line: item.line });
    else this.log.unsure.push({ rule: 'toc', line: item.line, message: `section "${item.text}" listed before any article` });
  }

  addText(item: Item): void {
    const entry = (this.pending ??= { raw: [], lines: [], sections: [] });
    entry.lines.push(item.line);
    const date = TRAILING_DATE.exec(item.text);
    const text = date ? item.text.slice(0, date.index).trim() : item.text;
    if (date?.[1]) entry.date = date[1].replace(/\s+/g, '');
    if (text !== '') entry.raw.push({ text, table: item.table, line: item.line });
    if (item.page !== undefined) {
      entry.page = item.page;
      this.finish();
    }
  }

  end(): TocPart[] {
    this.finish();
    return this.parts;
  }
}

export function parseToc(lines: SourceLine[]): RuleResult<TocPart[]> {
  const builder = new TocBuilder();
  const items = tocItems(lines);
  const chapters = items.some((i) => CHAPTER.test(i.text));
  for (const item of items) {
    if (TOC_TITLE.test(item.text)) {
      builder.log.changes.push({ rule: 'toc', line: item.line, before: item.text, after: '', note: 'the TOC title (hanpress prints its own)' });
      continue;
    }
    if (isFrontLabel(item.text)) {
      builder.log.changes.push({ rule: 'toc', line: item.line, before: item.text, after: '', note: 'TOC entry of a front section (read from the text as a front section, not a chapter)' });
      continue;
    }
    if (PART.test(item.text) && item.page === undefined) builder.addPart(item);
    else if (SECTION.test(item.text) || JIE.test(item.text) || (chapters && NUMBERED.test(item.text))) builder.addSection(item);
    else builder.addText(item);
  }
  const parts = builder.end();
  return result(parts, builder.log.changes, [...builder.log.unsure, ...pageOrderUnsure(parts)]);
}

/** Page numbers run forwards; one that goes back is an OCR slip or a mis-split entry. */
function pageOrderUnsure(parts: TocPart[]): RuleResult<never>['unsure'] {
  const pages = parts.flatMap((p) => p.articles).flatMap((a) => (a.page === undefined ? [] : [{ page: a.page, line: a.lines[a.lines.length - 1] ?? 0 }]));
  return pages.flatMap((p, i) => {
    const before = pages[i - 1];
    return before && p.page < before.page
      ? [{ rule: 'toc' as const, line: p.line, message: `page ${p.page} comes after page ${before.page}: check the page number` }]
      : [];
  });
}
