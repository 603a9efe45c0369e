/**
 * Where everything lives inside the container. Names are ASCII and derived from stable ids,
 * never from titles, so a changed title never changes a file name (or a reader's bookmark).
 */
export const PACKAGE_DIR = 'OEBPS';
export const OPF_PATH = `${PACKAGE_DIR}/content.opf`;

/** Paths relative to the package document. */
export const NAV_HREF = 'nav.xhtml';
export const NCX_HREF = 'toc.ncx';
export const CSS_HREF = 'styles/book.css';
export const COVER_HREF = 'text/cover.xhtml';
export const TITLEPAGE_HREF = 'text/titlepage.xhtml';
export const COPYRIGHT_HREF = 'text/copyright.xhtml';
export const BOARD_HREF = 'text/board.xhtml';

/** front01 → text/front01.xhtml, part01 → text/part01.xhtml, ch001 → text/ch001.xhtml */
export function textHref(id: string): string {
  return `text/${id}.xhtml`;
}

/** `to` as seen from a document at `from` (both package-relative, forward slashes). */
export function relativeHref(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  return [...fromDir.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

export function inPackage(href: string): string {
  return `${PACKAGE_DIR}/${href}`;
}
