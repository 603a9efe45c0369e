/**
 * The table of contents as data, shared by nav.xhtml and toc.ncx so the two never disagree.
 * It follows the printed 目录: front matter by its label (前言), then each part with its
 * articles and their h2 sections.
 */
import type { Book, Chapter } from '../../model/book.js';
import { chapterHref } from './chapter.js';
import { LABELS } from './labels.js';
import { textHref } from './paths.js';

export interface TocEntry {
  label: string;
  /** Package-relative, with fragment for sections. */
  href: string;
  children: TocEntry[];
}

function sectionEntries(chapter: Chapter): TocEntry[] {
  return chapter.headings
    .filter((h) => h.level === 2)
    .map((h) => ({ label: h.text, href: `${chapterHref(chapter)}#${h.id}`, children: [] }));
}

export function buildToc(book: Book): TocEntry[] {
  const front = book.front.map((chapter) => ({
    label: chapter.label ?? chapter.title,
    href: chapterHref(chapter),
    children: [],
  }));
  const parts = book.parts.map((part) => ({
    label: `${part.label}${LABELS.ideographicSpace}${part.title}`,
    href: textHref(part.id),
    children: part.chapters.map((chapter) => ({
      label: chapter.title,
      href: chapterHref(chapter),
      children: sectionEntries(chapter),
    })),
  }));
  return [...front, ...parts];
}

export function tocDepth(entries: TocEntry[]): number {
  return entries.reduce((max, e) => Math.max(max, 1 + tocDepth(e.children)), 0);
}
