/**
 * PDF/X identification for a finished PDF: Info GTS_PDFXVersion (+ GTS_PDFXConformance for
 * X-1a), /Trapped /False, the catalog's /OutputIntents with the CMYK DestOutputProfile, the
 * matching XMP, and the header version the standard allows (X-4: PDF 1.6, X-1a: PDF 1.4).
 *
 * This works on the bytes a renderer produced (re-serialised with pdf-lib), not inside the
 * renderer: pdfkit has no PDF/X and no public way to write an Info name or a catalog entry,
 * and the renderer is being replaced. What the renderer itself must do — paint in K-only
 * ink (`src/print/ink.ts`), grey or CMYK images, TrimBox/BleedBox, no transparency for X-1a —
 * it does; `src/print/preflight` checks both halves.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFDict, type PDFRef } from 'pdf-lib';
import { cmykOutputProfile, PROFILE_DESCRIPTION } from './icc.js';
import { dictOf, get, streamBytes, textOf } from './preflight/objects.js';
import { pdfxPacket } from './xmp.js';

/** book.yaml `print.pdfx`: `x4` (default) or `x1a`. */
export type PdfxStandard = 'x4' | 'x1a';

export const PDFX_STANDARDS: Record<PdfxStandard, { version: string; conformance?: string; pdf: [number, number] }> = {
  x4: { version: 'PDF/X-4', pdf: [1, 6] },
  x1a: { version: 'PDF/X-1a:2001', conformance: 'PDF/X-1a:2001', pdf: [1, 4] },
};

export interface OutputIntent {
  /** OutputConditionIdentifier: a registered characterization name, or "Custom". */
  identifier: string;
  /** OutputCondition: the printing condition in words. */
  condition: string;
  registryName: string;
  /** Info: the profile's description. */
  info: string;
  /** The CMYK output (prtr) ICC profile. */
  profile: Uint8Array;
}

/** The bundled profile (src/print/icc.ts) and the characterization it was made from. */
export function defaultOutputIntent(): OutputIntent {
  return {
    identifier: 'CGATS TR 001',
    condition: 'Offset printing, coated paper (SWOP, CGATS TR 001)',
    registryName: 'http://www.color.org',
    info: PROFILE_DESCRIPTION,
    profile: cmykOutputProfile(),
  };
}

export type Box = [number, number, number, number];

export interface PdfxOptions {
  standard: PdfxStandard;
  intent: OutputIntent;
  /** Stable identity for the XMP document ids (e.g. the ISBN and the file's role). */
  identity: string;
  /** Title when the Info dictionary has none. */
  title: string;
  /** Boxes to set on a page (0-based index), when the renderer could not. */
  boxes?: (page: number) => { media: Box; bleed: Box; trim: Box } | undefined;
}

/** A PDF text string: literal for ASCII, UTF-16BE with BOM (a hex string) for anything else. */
function pdfText(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text) : PDFHexString.fromText(text);
}

function addOutputIntent(pdf: PDFDocument, intent: OutputIntent): void {
  const context = pdf.context;
  const profile = context.flateStream(intent.profile, { N: 4 });
  const profileRef: PDFRef = context.register(profile);
  const dict = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: pdfText(intent.identifier),
    OutputCondition: pdfText(intent.condition),
    RegistryName: pdfText(intent.registryName),
    Info: pdfText(intent.info),
    DestOutputProfile: profileRef,
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(dict)]));
}

function infoDict(pdf: PDFDocument): PDFDict {
  const context = pdf.context;
  const existing = dictOf(context.lookup(context.trailerInfo.Info));
  if (existing) return existing;
  const created = context.obj({});
  context.trailerInfo.Info = context.register(created);
  return created;
}

function pdfDate(date: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** A PDF date string (D:YYYYMMDDHHmmSS…) back to a Date, for the XMP; epoch when unreadable. */
function parsePdfDate(text: string | undefined): Date {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(text ?? '');
  if (!m) return new Date(0);
  const n = (i: number, d: number): number => (m[i] ? Number(m[i]) : d);
  return new Date(Date.UTC(n(1, 1970), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0)));
}

function setInfo(pdf: PDFDocument, options: PdfxOptions): { title: string; date: Date; creator?: string; producer?: string } {
  const context = pdf.context;
  const info = infoDict(pdf);
  const standard = PDFX_STANDARDS[options.standard];
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(standard.version));
  if (standard.conformance) info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of(standard.conformance));
  else info.delete(PDFName.of('GTS_PDFXConformance'));
  // Nothing is trapped by hanpress: the printer's RIP may trap.
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  const title = textOf(get(context, info, 'Title'));
  if (!title) info.set(PDFName.of('Title'), pdfText(options.title));
  const created = textOf(get(context, info, 'CreationDate'));
  const date = parsePdfDate(created ?? textOf(get(context, info, 'ModDate')));
  if (!created) info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(date)));
  if (!textOf(get(context, info, 'ModDate'))) info.set(PDFName.of('ModDate'), PDFString.of(created ?? pdfDate(date)));
  const creator = textOf(get(context, info, 'Creator'));
  const producer = textOf(get(context, info, 'Producer'));
  return { title: title ?? options.title, date, ...(creator ? { creator } : {}), ...(producer ? { producer } : {}) };
}

function setXmp(pdf: PDFDocument, options: PdfxOptions, info: ReturnType<typeof setInfo>): void {
  const context = pdf.context;
  const current = streamBytes(get(context, pdf.catalog, 'Metadata'));
  const standard = PDFX_STANDARDS[options.standard];
  const packet = pdfxPacket(
    current ? new TextDecoder().decode(current) : undefined,
    { version: standard.version, ...(standard.conformance ? { conformance: standard.conformance } : {}), trapped: 'False', identity: options.identity },
    info,
  );
  // Uncompressed, as XMP wants: a tool that does not read PDF can still find the packet.
  const stream = context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), context.register(stream));
}

function setBoxes(pdf: PDFDocument, boxes: NonNullable<PdfxOptions['boxes']>): void {
  pdf.getPages().forEach((page, index) => {
    const b = boxes(index);
    if (!b) return;
    const rect = (box: Box): [number, number, number, number] => [box[0], box[1], box[2] - box[0], box[3] - box[1]];
    page.setMediaBox(...rect(b.media));
    page.setBleedBox(...rect(b.bleed));
    page.setTrimBox(...rect(b.trim));
    page.node.delete(PDFName.of('CropBox'));
  });
}

/** The PDF with PDF/X identification and output intent added. */
export async function finishPdfx(bytes: Uint8Array, options: PdfxOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const info = setInfo(pdf, options);
  addOutputIntent(pdf, options.intent);
  setXmp(pdf, options, info);
  if (options.boxes) setBoxes(pdf, options.boxes);
  pdf.catalog.delete(PDFName.of('Version'));
  // No object streams: they are PDF 1.5, and PDF/X-1a is PDF 1.4 at most.
  const saved = await pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return withHeaderVersion(saved, PDFX_STANDARDS[options.standard].pdf);
}

/**
 * pdf-lib 1.17 always writes `%PDF-1.7`. The version is one digit in the first line, so it is
 * rewritten in place (same length: no offset in the cross-reference table moves). Nothing in
 * the file uses a feature newer than the version written: pdfkit's output is PDF 1.3-level,
 * and pdf-lib writes no object or cross-reference streams with useObjectStreams off.
 */
function withHeaderVersion(bytes: Uint8Array, [major, minor]: [number, number]): Uint8Array {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (!/^%PDF-\d\.\d$/.test(head)) throw new Error(`internal: unexpected PDF header ${JSON.stringify(head)}`);
  const out = bytes.slice();
  out.set(new TextEncoder().encode(`%PDF-${major}.${minor}`), 0);
  return out;
}
