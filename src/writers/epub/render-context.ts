/** What AST rendering needs to know beyond the node itself. */
export interface RenderContext {
  /** Package-relative href of the document being written. */
  href: string;
  /** Rewrites a Markdown link target (another chapter's .md, a fragment …) for this document. */
  linkHref(href: string): string;
  /** Package-relative href of an embedded image, or undefined when it is not in the book. */
  imageHref(src: string): string | undefined;
}
