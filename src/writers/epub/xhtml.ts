/**
 * The shell shared by every content document: XHTML namespace, the book's language on
 * `html`, a `<title>`, the stylesheet link. Callers fill the body.
 */
import { CSS_HREF, relativeHref } from './paths.js';
import { NS, newXmlDocument, serialize, setLanguage, type XMLBuilder, type XmlDocument } from './xml.js';

export interface XhtmlPage {
  /** Package-relative href of this document, for relative links. */
  href: string;
  title: string;
  language: string;
  /** Class on body, so the stylesheet can style page kinds (titlepage, copyright …). */
  bodyClass?: string;
}

export interface XhtmlDocument {
  doc: XmlDocument;
  body: XMLBuilder;
}

export function createXhtml(page: XhtmlPage): XhtmlDocument {
  const doc = newXmlDocument().dtd();
  const html = doc.ele(NS.xhtml, 'html').att(NS.xmlns, 'xmlns:epub', NS.epub);
  setLanguage(html, page.language);
  const head = html.ele('head');
  head.ele('meta').att('charset', 'utf-8');
  head.ele('title').txt(page.title);
  head.ele('link').att('rel', 'stylesheet').att('type', 'text/css').att('href', relativeHref(page.href, CSS_HREF));
  const body = html.ele('body');
  if (page.bodyClass) body.att('class', page.bodyClass);
  return { doc, body };
}

export { serialize };
