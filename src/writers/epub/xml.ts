/**
 * Every XML file in the EPUB goes through xmlbuilder2, which escapes text and attributes;
 * markup is never assembled from strings. Output is not pretty-printed: indentation would put
 * white space into mixed content, and between CJK characters a space is visible.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export type { XMLBuilder };

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

export function newXmlDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8' });
}

/** Serialises as UTF-8 text: non-ASCII characters stay characters, never numeric references. */
export function serialize(doc: XMLBuilder): string {
  return `${doc.end({ prettyPrint: false, headless: false })}\n`;
}

export function setLanguage(element: XMLBuilder, language: string): XMLBuilder {
  return element.att('lang', language).att(NS.xml, 'xml:lang', language);
}

export function epubType(element: XMLBuilder, type: string): XMLBuilder {
  return element.att(NS.epub, 'epub:type', type);
}
