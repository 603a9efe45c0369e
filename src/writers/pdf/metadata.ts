/**
 * Document metadata of the print PDF, written twice: as the Info dictionary (the writer encodes
 * each value as a PDF text string) and as the XMP packet on the catalog's /Metadata stream.
 *
 * The XMP packet is built with an escaping builder (./xml-element.ts): a title with & or <
 * still gives a packet that is XML.
 */
import type { FrontPages } from '../../derive/front-pages.js';
import type { BookMetadata } from '../../model/metadata.js';
import { element, serializeElement, type XmlElement } from './xml-element.js';

export interface PdfMetadata {
  title: string;
  /** Primary contributors (the statement of responsibility), in book.yaml order. */
  authors: string[];
  subject: string;
  /** 中图法 classes first, then the CIP subject headings. */
  keywords: string[];
  creator: string;
  producer: string;
  date: Date;
  language: string;
  publisher: string;
  /** urn:isbn of the print edition. */
  identifier: string;
  rights: string;
}

export interface Producer {
  creator: string;
  producer: string;
}

function subjectOf(meta: BookMetadata): string | undefined {
  const { partName, otherInfo } = meta.title;
  if (!partName) return undefined;
  return `${partName}${otherInfo ? `（${otherInfo}）` : ''}`;
}

export function pdfMetadata(meta: BookMetadata, front: FrontPages, date: Date, producer: Producer): PdfMetadata {
  return {
    title: front.displayTitle,
    authors: meta.contributors.filter((c) => c.primary).map((c) => c.name),
    subject: subjectOf(meta) ?? front.displayTitle,
    keywords: [...meta.cip.clc, ...meta.cip.subjects],
    creator: producer.creator,
    producer: producer.producer,
    date,
    language: meta.language,
    publisher: meta.publisher.name,
    identifier: `urn:isbn:${meta.isbn.replace(/[^0-9Xx]/g, '').toUpperCase()}`,
    rights: meta.rights,
  };
}

/** Keywords as one Info string (and pdf:Keywords): the classes and headings, `; ` between. */
export function keywordString(m: PdfMetadata): string {
  return m.keywords.join('; ');
}

/** The Info dictionary's keys and values; values unescaped, the writer encodes them. */
export function infoDictionary(m: PdfMetadata): Record<string, string | Date> {
  return {
    Title: m.title,
    Author: m.authors.join('，'),
    Subject: m.subject,
    Keywords: keywordString(m),
    Creator: m.creator,
    Producer: m.producer,
    CreationDate: m.date,
    ModDate: m.date,
  };
}

/** XMP dates: UTC to the second. */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
} as const;

/** The packet's fixed id from the XMP specification. */
const XPACKET_ID = 'W5M0MpCehiHzreSzNTczkc9d';

const text = (name: string, value: string): XmlElement => element(name, {}, value);
const alt = (name: string, value: string): XmlElement => element(name, {}, element('rdf:Alt', {}, element('rdf:li', { 'xml:lang': 'x-default' }, value)));
const list = (name: string, kind: 'rdf:Seq' | 'rdf:Bag', values: string[]): XmlElement[] =>
  values.length === 0 ? [] : [element(name, {}, element(kind, {}, ...values.map((value) => text('rdf:li', value))))];
const description = (prefix: keyof typeof NS, ...children: XmlElement[]): XmlElement =>
  element('rdf:Description', { 'rdf:about': '', [`xmlns:${prefix}`]: NS[prefix] }, ...children);

/**
 * The whole XMP packet as a string. Every value is escaped (& < > in text); the layout mirrors
 * the Info dictionary so the two never disagree.
 */
export function xmpPacket(m: PdfMetadata): string {
  const date = xmpDate(m.date);
  const xmp = description('xmp', text('xmp:CreateDate', date), text('xmp:ModifyDate', date), text('xmp:MetadataDate', date), text('xmp:CreatorTool', m.creator));
  const dc = description(
    'dc',
    text('dc:format', 'application/pdf'),
    alt('dc:title', m.title),
    ...list('dc:creator', 'rdf:Seq', m.authors),
    alt('dc:description', m.subject),
    ...list('dc:subject', 'rdf:Bag', m.keywords),
    ...list('dc:publisher', 'rdf:Bag', [m.publisher]),
    ...list('dc:language', 'rdf:Bag', [m.language]),
    text('dc:identifier', m.identifier),
    alt('dc:rights', m.rights),
  );
  const pdf = description('pdf', text('pdf:Producer', m.producer), ...(m.keywords.length > 0 ? [text('pdf:Keywords', keywordString(m))] : []));
  const meta = element('x:xmpmeta', { 'xmlns:x': NS.x }, element('rdf:RDF', { 'xmlns:rdf': NS.rdf }, xmp, dc, pdf));
  return `<?xpacket begin="\uFEFF" id="${XPACKET_ID}"?>${serializeElement(meta)}<?xpacket end="w"?>`;
}
