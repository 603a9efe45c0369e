/**
 * Which spreads a reviewer sees. A spread is what lies open in the hand: a verso (even page)
 * on the left and the recto after it (odd page) on the right; page 1 stands alone on the right.
 * Pure functions of what the PDF says, so they are tested without rendering.
 */
import type { Book } from '../model/book.js';

export interface Spread {
  /** Even page on the left, or undefined before page 1. */
  left?: number;
  /** Odd page on the right, or undefined after the last page. */
  right?: number;
  /** What the reviewer is looking at, e.g. 版权页 p. 2. */
  labels: string[];
}

export interface PageFacts {
  pageCount: number;
  /** 1-based page of each named destination. */
  destinationPage: ReadonlyMap<string, number>;
  /** Characters of text per page (index 0 = page 1), for finding a dense spread. */
  density: readonly number[];
}

export interface Pick {
  page: number;
  label: string;
}

/** The spread a page belongs to. */
export function spreadOf(page: number, pageCount: number): { left?: number; right?: number } {
  const left = page % 2 === 0 ? page : page - 1;
  return {
    ...(left >= 2 ? { left } : {}),
    ...(left + 1 <= pageCount ? { right: left + 1 } : {}),
  };
}

/**
 * The default choice: title page, copyright page, first TOC page, first part opener, the
 * densest body spread, and the first page with notes, each at most once.
 */
export function defaultPicks(book: Book, facts: PageFacts, tocId: string, noteId: (chapterId: string, noteId: string) => string): Pick[] {
  const picks: Pick[] = [
    { page: 1, label: '书名页' },
    { page: 2, label: '版权页' },
  ];
  const dest = (name: string): number | undefined => facts.destinationPage.get(name);
  const toc = dest(tocId);
  if (toc) picks.push({ page: toc, label: '目录' });
  const part = book.parts[0];
  const opener = part && dest(part.id);
  if (opener) picks.push({ page: opener, label: '编页' });
  const dense = densestSpread(facts, opener ?? 1);
  if (dense) picks.push({ page: dense, label: '正文' });
  for (const chapter of [...book.front, ...book.parts.flatMap((p) => p.chapters)]) {
    const note = chapter.footnotes[0];
    const page = note && dest(noteId(chapter.id, note.id));
    if (page) {
      picks.push({ page, label: '注' });
      break;
    }
  }
  return picks.filter((p) => p.page >= 1 && p.page <= facts.pageCount);
}

/** The left page of the spread with the most text, from `from` on (the main matter). */
function densestSpread(facts: PageFacts, from: number): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (let left = from + (from % 2); left + 1 <= facts.pageCount; left += 2) {
    const count = (facts.density[left - 1] ?? 0) + (facts.density[left] ?? 0);
    if (count > bestCount) {
      best = left;
      bestCount = count;
    }
  }
  return best;
}

/** `--pages 1,5,12-13`: physical page numbers; a range takes every page in it. */
export function parsePageList(list: string, pageCount: number): Pick[] | string {
  const picks: Pick[] = [];
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not a page number or a range like 12-13.`;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to > pageCount || to < from) return `Pages ${item} are not in 1–${pageCount}.`;
    for (let page = from; page <= to; page++) picks.push({ page, label: `p. ${page}` });
  }
  return picks.length > 0 ? picks : 'The page list is empty.';
}

/** Picks → spreads in page order, each spread once, carrying the labels of its picks. */
export function spreadsFor(picks: Pick[], pageCount: number): Spread[] {
  const byLeft = new Map<number, Spread>();
  for (const pick of picks) {
    const where = spreadOf(pick.page, pageCount);
    const key = where.left ?? 0;
    const spread = byLeft.get(key) ?? { ...where, labels: [] };
    const label = pick.label.startsWith('p. ') ? pick.label : `${pick.label} p. ${pick.page}`;
    if (!spread.labels.includes(label)) spread.labels.push(label);
    byLeft.set(key, spread);
  }
  return [...byLeft.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}
