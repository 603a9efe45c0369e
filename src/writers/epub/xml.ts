/**
 * Every XML file in the EPUB goes through one escaping builder (src/writers/xml-builder.ts),
 * which writes the document as it is built and escapes every text and attribute value;
 * markup is never assembled from strings. Output is not pretty-printed: indentation would put
 * white space into mixed content, and between CJK characters a space is visible.
 */
import { xmlDocument, type XmlDocument, type XmlElement } from '../xml-builder.js';

/** An element being built (the name the writers have used since xmlbuilder2). */
export type XMLBuilder = XmlElement;
export type { XmlDocument };

export const NS = {
  xhtml: 'http://www.w3.org/1999/xhtml',
  epub: 'http://www.idpf.org/2007/ops',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  ncx: 'http://www.daisy.org/z3986/2005/ncx/',
  container: 'urn:oasis:names:tc:opendocument:xmlns:container',
} as const;

export function newXmlDocument(): XmlDocument {
  return xmlDocument({ encoding: 'UTF-8' });
}

/** Serialises as UTF-8 text: non-ASCII characters stay characters, never numeric references. */
export function serialize(doc: XmlDocument): string {
  return `${doc.end()}\n`;
}

export function setLanguage(element: XMLBuilder, language: string): XMLBuilder {
  return element.att('lang', language).att(NS.xml, 'xml:lang', language);
}

export function epubType(element: XMLBuilder, type: string): XMLBuilder {
  return element.att(NS.epub, 'epub:type', type);
}
