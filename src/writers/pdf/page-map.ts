/**
 * Which kind of page each physical page is, read back from pdfmake's layout. pdfmake fills in
 * `positions` on every node it lays out before it asks for headers and footers, so the page
 * furniture can tell text pages from the title page, part pages and the blank versos that
 * recto starts leave behind, none of which carry a folio. After layout the same positions give
 * the folios, the print pagination for the EPUB page-list, and the TOC's page numbers.
 */
import type { PageMark } from '../../model/pagination.js';
import type { BlockAnchor } from './blocks.js';
import { folioOf, tocFolio } from './folios.js';
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

interface ChapterEntry {
  chapterId: string;
  opening: Node;
  anchors: BlockAnchor[];
}

const firstPage = (node: Node | undefined): number | undefined => node?.positions?.[0]?.pageNumber;

export class PageMap {
  private readonly entries: Entry[] = [];
  private readonly openings: Node[] = [];
  private readonly chapters: ChapterEntry[] = [];
  /** Nodes a TOC page reference points at. */
  private readonly tocTargets: Node[] = [];
  private mainStart: Node | undefined;
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

  /** Records the first node of the main matter (folio 1). */
  main<T extends Node>(node: T): T {
    this.mainStart ??= node;
    return node;
  }

  chapter(chapterId: string, opening: Node, anchors: BlockAnchor[]): void {
    this.chapters.push({ chapterId, opening, anchors });
  }

  tocTarget<T extends Node>(node: T): T {
    this.tocTargets.push(node);
    return node;
  }

  /** Undefined for a page with no registered content: a blank page. */
  info(pageNumber: number): PageInfo | undefined {
    this.pages ??= this.collect();
    return this.pages.get(pageNumber);
  }

  folio(pageNumber: number): string {
    return folioOf(pageNumber, firstPage(this.mainStart));
  }

  /** Where each chapter opens and each top-level block starts, in reading order. */
  marks(): PageMark[] {
    const out: PageMark[] = [];
    for (const { chapterId, opening, anchors } of this.chapters) {
      const entries: Array<[number, Node]> = [[-1, opening], ...anchors.map((a): [number, Node] => [a.blockIndex, a.node])];
      for (const [blockIndex, node] of entries) {
        const page = firstPage(node);
        if (page !== undefined) out.push({ chapterId, blockIndex, page, folio: this.folio(page) });
      }
    }
    return out;
  }

  /**
   * pdfmake prints a page reference as `positions[0].pageNumber` of the target, converted to
   * text when the page is rendered. Once layout is done (and the marks are read), each TOC
   * target's first position is replaced by one that prints the folio in the TOC's form.
   */
  printFoliosInToc(): void {
    for (const node of this.tocTargets) {
      const [first, ...rest] = node.positions ?? [];
      if (!first) continue;
      const label = tocFolio(this.folio(first.pageNumber));
      node.positions = [{ ...first, pageNumber: { toString: () => label } as unknown as number }, ...rest];
    }
  }

  private collect(): Map<number, PageInfo> {
    const pages = new Map<number, PageInfo>();
    for (const { node, kind, head } of this.entries) {
      for (const { pageNumber } of node.positions ?? []) {
        if (!pages.has(pageNumber)) pages.set(pageNumber, { kind, head, opening: false });
      }
    }
    for (const node of this.openings) {
      const info = pages.get(firstPage(node) ?? 0);
      if (info) info.opening = true;
    }
    return pages;
  }
}
