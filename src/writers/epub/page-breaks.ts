/**
 * The print edition's pages inside the e-book: page-break markers before the blocks where a
 * printed page begins, and the page-list that points at them. Readers use them to show "p. 37"
 * and to jump to a cited page. Marks come from the PDF writer's layout (model/pagination.ts).
 */
import type { PageMark, PrintPagination } from '../../model/pagination.js';
import { textHref } from './paths.js';
import { epubType, type XMLBuilder } from './xml.js';

export interface PageTarget {
  /** The printed folio: the page-list label and the marker's aria-label. */
  folio: string;
  /** Package-relative href with fragment. */
  href: string;
  id: string;
  chapterId: string;
  blockIndex: number;
}

/**
 * One target per printed folio, in reading order. Unnumbered pages (folio "") cannot be
 * cited and are left out; a folio seen twice keeps its first page.
 */
export function pageTargets(pagination: PrintPagination | undefined): PageTarget[] {
  if (!pagination) return [];
  const seen = new Set<string>();
  const out: PageTarget[] = [];
  for (const mark of pagination.marks) {
    if (mark.folio === '' || seen.has(mark.folio)) continue;
    seen.add(mark.folio);
    const id = `page-${mark.folio.replace(/[^A-Za-z0-9_-]/g, '_')}-${mark.page}`;
    out.push({ folio: mark.folio, id, href: `${textHref(mark.chapterId)}#${id}`, chapterId: mark.chapterId, blockIndex: mark.blockIndex });
  }
  return out;
}

/** The markers of one chapter, by the index of the block they precede (-1: the title). */
export function markersByBlock(targets: PageTarget[], chapterId: string): Map<number, PageTarget[]> {
  const map = new Map<number, PageTarget[]>();
  for (const target of targets) {
    if (target.chapterId !== chapterId) continue;
    map.set(target.blockIndex, [...(map.get(target.blockIndex) ?? []), target]);
  }
  return map;
}

export function renderPageBreak(parent: XMLBuilder, target: PageTarget): void {
  epubType(parent.ele('span'), 'pagebreak').att('role', 'doc-pagebreak').att('id', target.id).att('aria-label', target.folio);
}

export type { PageMark };
