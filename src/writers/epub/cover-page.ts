/**
 * The cover page: first in the spine, one image filling the screen. Its alt text is the
 * book's title as shown on the title page, so a screen reader announces the book.
 */
import { LABELS } from './labels.js';
import { COVER_HREF, relativeHref } from './paths.js';
import { createXhtml, serialize } from './xhtml.js';
import { epubType } from './xml.js';

export function renderCoverPage(imageHref: string, displayTitle: string, language: string): string {
  const { doc, body } = createXhtml({ href: COVER_HREF, title: LABELS.cover, language, bodyClass: 'cover' });
  const section = epubType(body.ele('section'), 'cover').att('class', 'cover').att('aria-label', LABELS.cover);
  section.ele('img').att('src', relativeHref(COVER_HREF, imageHref)).att('alt', displayTitle).att('role', 'doc-cover');
  return serialize(doc);
}
