/**
 * Reading XML the writers produced: a strict well-formedness gate (sax in strict mode, through
 * xmldoc) and a DOM (xmlbuilder2's parser) for queries. xmlbuilder2's parser is lenient — it
 * takes a bare `&` in text — so every parse goes through the strict gate first.
 */
import { createRequire } from 'node:module';
import { create } from 'xmlbuilder2';

export interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
}

export interface XmlElement extends XmlNode {
  localName: string;
  namespaceURI: string | null;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, localName: string): string | null;
  getElementsByTagNameNS(namespace: string, localName: string): ArrayLike<XmlElement>;
}

export interface XmlDocument extends XmlNode {
  documentElement: XmlElement;
  getElementsByTagNameNS(namespace: string, localName: string): ArrayLike<XmlElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export const XML_NS = {
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
} as const;

// xmldoc comes with pdfmake; it wraps sax's strict parser, which rejects a bare & or <.
const { XmlDocument: StrictDocument } = createRequire(import.meta.url)('xmldoc') as {
  XmlDocument: new (xml: string) => unknown;
};

/** Throws with the parser's message when `text` is not well-formed XML. */
export function assertWellFormed(text: string): void {
  new StrictDocument(text);
}

export function parseXml(text: string): XmlDocument {
  assertWellFormed(text);
  return create(text).node as unknown as XmlDocument;
}

export function elementsByName(root: XmlDocument | XmlElement, namespace: string, localName: string): XmlElement[] {
  return Array.from(root.getElementsByTagNameNS(namespace, localName));
}

export function isElement(node: XmlNode): node is XmlElement {
  return node.nodeType === ELEMENT_NODE;
}
