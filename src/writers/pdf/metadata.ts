/**
 * Document metadata of the print PDF, written twice: as the Info dictionary (the writer encodes
 * each value as a PDF text string) and as the XMP packet on the catalog's /Metadata stream.
 *
 * The XMP packet is built with xmlbuilder2, which escapes every value: a title with & or <
 * still gives a packet that is XML.
 */
import { create } from 'xmlbuilder2';
import type { FrontPages } from '../../derive/front-pages.js';
import type { BookMetadata } from '../../model/metadata.js';

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

/**
 * The whole XMP packet as a string. Every value goes through xmlbuilder2, which escapes & < >
 * in text; the layout mirrors the Info dictionary so the two never disagree.
 */
export function xmpPacket(m: PdfMetadata): string {
  const doc = create();
  doc.ins('xpacket', `begin="\uFEFF" id="${XPACKET_ID}"`);
  const rdf = doc
    .ele(NS.x, 'x:xmpmeta')
    .ele(NS.rdf, 'rdf:RDF');
  const description = (ns: string, prefix: string) =>
    rdf.ele(NS.rdf, 'rdf:Description').att(NS.rdf, 'rdf:about', '').att('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, ns);

  const xmp = description(NS.xmp, 'xmp');
  xmp.ele(NS.xmp, 'xmp:CreateDate').txt(xmpDate(m.date));
  xmp.ele(NS.xmp, 'xmp:ModifyDate').txt(xmpDate(m.date));
  xmp.ele(NS.xmp, 'xmp:MetadataDate').txt(xmpDate(m.date));
  xmp.ele(NS.xmp, 'xmp:CreatorTool').txt(m.creator);

  const dc = description(NS.dc, 'dc');
  dc.ele(NS.dc, 'dc:format').txt('application/pdf');
  const alt = (name: string, value: string): void => {
    const list = dc.ele(NS.dc, name).ele(NS.rdf, 'rdf:Alt');
    list.ele(NS.rdf, 'rdf:li').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'x-default').txt(value);
  };
  const array = (name: string, kind: 'rdf:Seq' | 'rdf:Bag', values: string[]): void => {
    if (values.length === 0) return;
    const list = dc.ele(NS.dc, name).ele(NS.rdf, kind);
    for (const value of values) list.ele(NS.rdf, 'rdf:li').txt(value);
  };
  alt('dc:title', m.title);
  array('dc:creator', 'rdf:Seq', m.authors);
  alt('dc:description', m.subject);
  array('dc:subject', 'rdf:Bag', m.keywords);
  array('dc:publisher', 'rdf:Bag', [m.publisher]);
  array('dc:language', 'rdf:Bag', [m.language]);
  dc.ele(NS.dc, 'dc:identifier').txt(m.identifier);
  alt('dc:rights', m.rights);

  const pdf = description(NS.pdf, 'pdf');
  pdf.ele(NS.pdf, 'pdf:Producer').txt(m.producer);
  if (m.keywords.length > 0) pdf.ele(NS.pdf, 'pdf:Keywords').txt(keywordString(m));

  doc.ins('xpacket', 'end="w"');
  return doc.end({ headless: true, prettyPrint: false });
}
