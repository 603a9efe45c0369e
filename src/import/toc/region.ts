/**
 * Finding the printed table of contents: a run of lines ending in page references (`(003)`,
 * or a dot leader and a number: `第一章 基本规定 …………… 3`) or table rows holding them, starting at the `目录` title or the first part heading before
 * them. hanpress generates its own TOC, so this text never goes into the manuscript.
 */
import { PART } from '../rules/headings.js';
import type { SourceLine } from '../types.js';

export const PAGE_REF = /\s*(?:[(（]\s*(\d{1,4})\s*[)）]|[.．…·・]{2,}\s*(\d{1,4}))\s*$/;

/** The page number of a TOC line's page reference. */
export function pageOf(m: RegExpExecArray | null): number | undefined {
  const page = m?.[1] ?? m?.[2];
  return page === undefined ? undefined : Number(page);
}
const TABLE_ROW = /^\|.*\|$/;
export const TOC_TITLE = /^(?:目\s*录|目\s*次)$/;
/** How far back from the first page reference a TOC title or part heading may stand. */
const LOOK_BACK = 12;

export function isTocLine(text: string): boolean {
  const t = text.trim();
  return PAGE_REF.test(t) || (TABLE_ROW.test(t) && /[(（]\s*\d{1,4}\s*[)）]/.test(t));
}

export interface Region {
  /** Index into the lines array of the first and one past the last TOC line. */
  start: number;
  end: number;
}

/** Without a TOC title, the first entry's own title lines (short, open) still belong to it. */
function titleLinesBefore(lines: SourceLine[], first: number): number {
  let start = first;
  for (let i = first - 1; i >= 0 && first - i <= 6; i--) {
    const text = lines[i]?.text.trim() ?? '';
    if (text === '') continue;
    if (text.length > 40 || /[。！？]$/.test(text)) break;
    start = i;
  }
  return start;
}

/** The 目录 title when it stands within reach (before a first part heading), else that heading. */
function startBefore(lines: SourceLine[], first: number): number {
  let seen = 0;
  let part = -1;
  for (let i = first - 1; i >= 0 && seen < LOOK_BACK; i--) {
    const text = lines[i]?.text.trim() ?? '';
    if (text === '') continue;
    seen++;
    if (TOC_TITLE.test(text)) return i;
    if (PART.test(text)) part = i;
  }
  return part >= 0 ? part : titleLinesBefore(lines, first);
}

/** A page reference counts as the TOC's start only when another follows soon after it. */
function firstDenseTocLine(lines: SourceLine[]): number {
  const hits = lines.flatMap((l, i) => (isTocLine(l.text) ? [i] : []));
  return hits.find((i, k) => (hits[k + 1] ?? Infinity) - i <= 2 * LOOK_BACK) ?? -1;
}

/** The TOC region, or undefined when the text has no run of page references. */
export function findTocRegion(lines: SourceLine[]): Region | undefined {
  const first = firstDenseTocLine(lines);
  if (first < 0) return undefined;
  let last = first;
  lines.forEach((l, i) => {
    if (isTocLine(l.text)) last = i;
  });
  return { start: startBefore(lines, first), end: last + 1 };
}
