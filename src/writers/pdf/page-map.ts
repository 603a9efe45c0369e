/**
 * Which kind of page each physical page is, read back from pdfmake's layout. pdfmake fills in
 * `positions` on every node it lays out before it asks for headers and footers, so the page
 * furniture can tell text pages from the title page, part pages and the blank versos that
 * recto starts leave behind, none of which carry a folio.
 */
import type { Node } from './pdfmake.js';

export type PageKind = 'front' | 'part' | 'text';

export interface PageInfo {
  kind: PageKind;
  /** Recto running head (the section the page belongs to). */
  head: string;
  /** A chapter opens on this page: no running head above its title. */
  opening: boolean;
}

interface Entry {
  node: Node;
  kind: PageKind;
  head: string;
}

export class PageMap {
  private readonly entries: Entry[] = [];
  private readonly openings: Node[] = [];
  private pages: Map<number, PageInfo> | undefined;

  /** Records a top-level node; returns it so callers can register inline. */
  add<T extends Node>(node: T, kind: PageKind, head: string): T {
    this.entries.push({ node, kind, head });
    return node;
  }

  /** Records the node whose first line opens a chapter. */
  opening<T extends Node>(node: T): T {
    this.openings.push(node);
    return node;
  }

  /** Undefined for a page with no registered content: a blank page. */
  info(pageNumber: number): PageInfo | undefined {
    this.pages ??= this.collect();
    return this.pages.get(pageNumber);
  }

  private collect(): Map<number, PageInfo> {
    const pages = new Map<number, PageInfo>();
    for (const { node, kind, head } of this.entries) {
      for (const { pageNumber } of node.positions ?? []) {
        if (!pages.has(pageNumber)) pages.set(pageNumber, { kind, head, opening: false });
      }
    }
    for (const node of this.openings) {
      const first = node.positions?.[0];
      const info = first && pages.get(first.pageNumber);
      if (info) info.opening = true;
    }
    return pages;
  }
}
