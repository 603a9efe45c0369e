/**
 * The PDF/X part of the XMP packet: pdfxid:GTS_PDFXVersion (ISO 15930-7 for PDF/X-4), the
 * older pdfx: pair Acrobat writes for PDF/X-1a, pdf:Trapped and the xmpMM ids PDF/X-4 asks
 * for. Added as one more rdf:Description to the packet the writer made (parsed and written
 * back with xmlbuilder2), or to a packet built from the Info values when there is none.
 */
import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  xmpMM: 'http://ns.adobe.com/xap/1.0/mm/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  pdfx: 'http://ns.adobe.com/pdfx/1.3/',
  pdfxid: 'http://www.npes.org/pdfx/ns/id/',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

const XPACKET_ID = 'W5M0MpCehiHzreSzNTczkc9d';

export interface PdfxXmpFields {
  version: string;
  /** PDF/X-1a only. */
  conformance?: string;
  trapped: 'True' | 'False';
  /** Stable identity of the document (same inputs → same ids). */
  identity: string;
}

export interface InfoValues {
  title: string;
  creator?: string;
  producer?: string;
  date: Date;
}

/** A uuid-shaped id from a hash, so reproducible builds stay byte-identical. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function description(rdf: XMLBuilder, prefix: keyof typeof NS): XMLBuilder {
  return rdf.ele(NS.rdf, 'rdf:Description').att(NS.rdf, 'rdf:about', '').att(NS.xmlns, `xmlns:${prefix}`, NS[prefix]);
}

/** A minimal packet from the Info values, for a file whose writer made none. */
function freshPacket(info: InfoValues): { doc: XMLBuilder; rdf: XMLBuilder } {
  const doc = create();
  doc.ins('xpacket', `begin="\uFEFF" id="${XPACKET_ID}"`);
  const rdf = doc.ele(NS.x, 'x:xmpmeta').ele(NS.rdf, 'rdf:RDF');
  const xmp = description(rdf, 'xmp');
  xmp.ele(NS.xmp, 'xmp:CreateDate').txt(xmpDate(info.date));
  xmp.ele(NS.xmp, 'xmp:ModifyDate').txt(xmpDate(info.date));
  xmp.ele(NS.xmp, 'xmp:MetadataDate').txt(xmpDate(info.date));
  if (info.creator) xmp.ele(NS.xmp, 'xmp:CreatorTool').txt(info.creator);
  const dc = description(rdf, 'dc');
  dc.ele(NS.dc, 'dc:format').txt('application/pdf');
  dc.ele(NS.dc, 'dc:title').ele(NS.rdf, 'rdf:Alt').ele(NS.rdf, 'rdf:li').att(NS.xml, 'xml:lang', 'x-default').txt(info.title);
  if (info.producer) description(rdf, 'pdf').ele(NS.pdf, 'pdf:Producer').txt(info.producer);
  return { doc, rdf };
}

function findRdf(doc: XMLBuilder): XMLBuilder | undefined {
  let found: XMLBuilder | undefined;
  doc.each(
    (node) => {
      if (!found && node.node.nodeType === 1 && (node.node as unknown as { localName: string }).localName === 'RDF') found = node;
    },
    false,
    true,
  );
  return found;
}

/** The packet with the PDF/X description added; `existing` is the writer's packet, if any. */
export function pdfxPacket(existing: string | undefined, fields: PdfxXmpFields, info: InfoValues): string {
  let doc: XMLBuilder | undefined;
  let rdf: XMLBuilder | undefined;
  if (existing !== undefined) {
    try {
      doc = create(existing.replace(/^\uFEFF/, ''));
      rdf = findRdf(doc);
    } catch {
      doc = undefined;
    }
  }
  if (!doc || !rdf) ({ doc, rdf } = freshPacket(info));
  const mm = description(rdf, 'xmpMM');
  mm.ele(NS.xmpMM, 'xmpMM:DocumentID').txt(stableUuid(`document ${fields.identity}`));
  mm.ele(NS.xmpMM, 'xmpMM:InstanceID').txt(stableUuid(`instance ${fields.identity} ${fields.version}`));
  mm.ele(NS.xmpMM, 'xmpMM:VersionID').txt('1');
  mm.ele(NS.xmpMM, 'xmpMM:RenditionClass').txt('default');
  description(rdf, 'pdf').ele(NS.pdf, 'pdf:Trapped').txt(fields.trapped);
  description(rdf, 'pdfxid').ele(NS.pdfxid, 'pdfxid:GTS_PDFXVersion').txt(fields.version);
  if (fields.conformance) {
    const old = description(rdf, 'pdfx');
    old.ele(NS.pdfx, 'pdfx:GTS_PDFXVersion').txt(fields.version);
    old.ele(NS.pdfx, 'pdfx:GTS_PDFXConformance').txt(fields.conformance);
  }
  const text = doc.end({ headless: true, prettyPrint: false });
  // A packet parsed from the writer keeps its xpacket processing instructions; make sure.
  return text.includes('<?xpacket begin') ? text : `<?xpacket begin="\uFEFF" id="${XPACKET_ID}"?>${text}<?xpacket end="w"?>`;
}
