import type { Structure } from '../../kinds/presets.js';
import type { PageTarget } from './page-breaks.js';

/** What AST rendering needs to know beyond the node itself. */
export interface RenderContext {
  /** Package-relative href of the document being written. */
  href: string;
  /** Rewrites a Markdown link target (another chapter's .md, a fragment …) for this document. */
  linkHref(href: string): string;
  /** The embedded image (package-relative href, pixel size), or undefined when it is not in the book. */
  image(src: string): { href: string; width?: number; height?: number } | undefined;
  /** Print page-break markers of this chapter by block index (-1: before the title). */
  pageBreaks?: Map<number, PageTarget[]>;
  /** The book kind's structure (law headings, 条 numbers, couplet titles); house when absent. */
  structure?: Structure;
}
