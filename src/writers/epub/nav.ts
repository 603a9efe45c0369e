/**
 * nav.xhtml: the EPUB 3 navigation document. It is also in the spine, after the preface,
 * where the printed book has its 目录, so it is styled as a page of the book.
 */
import { LABELS } from './labels.js';
import { NAV_HREF, relativeHref } from './paths.js';
import type { PageTarget } from './page-breaks.js';
import type { TocEntry } from './toc.js';
import { createXhtml, serialize } from './xhtml.js';
import { epubType, type XMLBuilder } from './xml.js';

export interface Landmark {
  type: string;
  label: string;
  href: string;
}

function renderEntries(parent: XMLBuilder, entries: TocEntry[]): void {
  const ol = parent.ele('ol');
  for (const entry of entries) {
    const li = ol.ele('li');
    li.ele('a').att('href', relativeHref(NAV_HREF, entry.href)).txt(entry.label);
    if (entry.children.length > 0) renderEntries(li, entry.children);
  }
}

export function renderNav(toc: TocEntry[], landmarks: Landmark[], language: string, pages: PageTarget[] = []): string {
  const { doc, body } = createXhtml({ href: NAV_HREF, title: LABELS.toc, language, bodyClass: 'toc' });
  const tocNav = epubType(body.ele('nav'), 'toc').att('role', 'doc-toc').att('id', 'toc').att('class', 'toc');
  tocNav.ele('h1').txt(LABELS.toc);
  renderEntries(tocNav, toc);

  // Landmarks are for the reading system's menu, not for the page.
  const landmarkNav = epubType(body.ele('nav'), 'landmarks').att('hidden', 'hidden').att('aria-label', LABELS.landmarks);
  const ol = landmarkNav.ele('ol');
  for (const landmark of landmarks) {
    const a = ol.ele('li').ele('a');
    epubType(a, landmark.type).att('href', relativeHref(NAV_HREF, landmark.href)).txt(landmark.label);
  }
  if (pages.length > 0) {
    // The print edition's folios, for "go to page" and citations; hidden like the landmarks.
    const pageList = epubType(body.ele('nav'), 'page-list').att('role', 'doc-pagelist').att('hidden', 'hidden').att('aria-label', LABELS.pageList);
    const list = pageList.ele('ol');
    for (const page of pages) list.ele('li').ele('a').att('href', relativeHref(NAV_HREF, page.href)).txt(page.folio);
  }
  return serialize(doc);
}
