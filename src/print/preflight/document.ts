/**
 * Document-level PDF/X rules (ISO 15930-1 PDF/X-1a:2001, ISO 15930-7 PDF/X-4; GB/T 27935):
 * identification in Info and XMP, trapping key, output intent with its profile, file version,
 * trailer ID, no encryption.
 */
import type { PDFDict} from 'pdf-lib';
import { type PDFDocument } from 'pdf-lib';
import { create } from 'xmlbuilder2';
import type { Finding } from './finding.js';
import { arrayOf, dictOf, get, nameOf, streamBytes, textOf } from './objects.js';

export type PdfxVersion = 'PDF/X-4' | 'PDF/X-1a:2001';

export interface DocumentFacts {
  /** GTS_PDFXVersion as the Info dictionary gives it. */
  version?: string;
  /** The header's PDF version, e.g. 1.4. */
  pdfVersion: number;
}

function headerVersion(bytes: Uint8Array): number {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  const match = /%PDF-(\d+\.\d+)/.exec(head);
  return match ? Number(match[1]) : NaN;
}

/** XMP properties by local name, from every rdf:Description (attribute or element form). */
function xmpProperties(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  let tree: unknown;
  try {
    tree = create(xml.replace(/^\uFEFF/, '')).end({ format: 'object' });
  } catch {
    return found;
  }
  const local = (key: string): string => key.replace(/^@/, '').replace(/^[^:]*:/, '');
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (typeof value === 'string') found.set(local(key), value);
      else if (value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)['#'] === 'string') {
        found.set(local(key), (value as Record<string, string>)['#'] ?? '');
      }
      visit(value);
    }
  };
  visit(tree);
  return found;
}

export function checkDocument(pdf: PDFDocument, bytes: Uint8Array, add: (f: Finding) => void): DocumentFacts {
  const context = pdf.context;
  const trailer = context.trailerInfo;
  const pdfVersion = headerVersion(bytes);
  if (trailer.Encrypt) add({ code: 'preflight/encrypted', severity: 'error', message: 'The PDF is encrypted; PDF/X forbids encryption.' });
  if (!trailer.ID) add({ code: 'preflight/no-id', severity: 'error', message: 'The trailer has no /ID; PDF/X requires one.' });

  const info = dictOf(context.lookup(trailer.Info));
  const version = textOf(get(context, info, 'GTS_PDFXVersion'));
  if (version === undefined) {
    add({
      code: 'preflight/no-pdfx-version',
      severity: 'error',
      message: 'The Info dictionary has no GTS_PDFXVersion: this is not a PDF/X file.',
      hint: 'Build the print files with `hanpress build --print`; a PDF made for the screen is RGB and not PDF/X.',
    });
  } else if (version !== 'PDF/X-4' && !version.startsWith('PDF/X-1a')) {
    add({ code: 'preflight/pdfx-version', severity: 'warning', message: `GTS_PDFXVersion is “${version}”; this checker knows PDF/X-4 and PDF/X-1a.` });
  }
  if (version?.startsWith('PDF/X-1a')) {
    const conformance = textOf(get(context, info, 'GTS_PDFXConformance'));
    if (conformance !== version) {
      add({ code: 'preflight/pdfx-conformance', severity: 'error', message: `PDF/X-1a needs GTS_PDFXConformance “${version}” in Info (found ${conformance ?? 'none'}).` });
    }
    if (pdfVersion > 1.4) add({ code: 'preflight/pdf-version', severity: 'error', message: `PDF/X-1a allows PDF 1.4 at most; the header says ${pdfVersion}.` });
  }
  if (version === 'PDF/X-4' && pdfVersion > 1.6) {
    add({ code: 'preflight/pdf-version', severity: 'error', message: `PDF/X-4 allows PDF 1.6 at most; the header says ${pdfVersion}.` });
  }

  const trapped = nameOf(get(context, info, 'Trapped'));
  if (trapped !== 'True' && trapped !== 'False') {
    add({ code: 'preflight/trapped', severity: 'error', message: 'Info /Trapped must be the name /True or /False.' });
  }
  if (!textOf(get(context, info, 'Title'))) add({ code: 'preflight/info-title', severity: 'error', message: 'Info has no /Title; PDF/X requires one.' });
  for (const key of ['CreationDate', 'ModDate']) {
    if (!textOf(get(context, info, key))) add({ code: 'preflight/info-dates', severity: 'error', message: `Info has no /${key}; PDF/X requires it.` });
  }

  checkXmp(pdf, version, trapped, add);
  checkOutputIntent(pdf, version, add);
  return { version, pdfVersion };
}

function checkXmp(pdf: PDFDocument, version: string | undefined, trapped: string | undefined, add: (f: Finding) => void): void {
  const stream = get(pdf.context, pdf.catalog, 'Metadata');
  const bytes = streamBytes(stream);
  if (!bytes) {
    if (version === 'PDF/X-4') add({ code: 'preflight/xmp-pdfx', severity: 'error', message: 'PDF/X-4 needs an XMP metadata stream on the catalog; there is none.' });
    return;
  }
  const props = xmpProperties(new TextDecoder().decode(bytes));
  const xmpVersion = props.get('GTS_PDFXVersion');
  if (version !== undefined && xmpVersion !== version) {
    add({
      code: 'preflight/xmp-pdfx',
      severity: version === 'PDF/X-4' ? 'error' : 'warning',
      message: `XMP GTS_PDFXVersion (${xmpVersion ?? 'none'}) does not match Info (${version}).`,
    });
  }
  const xmpTrapped = props.get('Trapped');
  if (xmpTrapped !== undefined && trapped !== undefined && xmpTrapped !== trapped) {
    add({ code: 'preflight/trapped', severity: 'error', message: `XMP pdf:Trapped (${xmpTrapped}) does not match Info /Trapped (${trapped}).` });
  }
}

/** The ICC header's device class and data colour space (ICC.1 §7.2.5, §7.2.6). */
export function iccHeader(bytes: Uint8Array): { deviceClass: string; space: string } {
  const ascii = (from: number): string => String.fromCharCode(...bytes.subarray(from, from + 4)).trim();
  return { deviceClass: ascii(12), space: ascii(16) };
}

function checkOutputIntent(pdf: PDFDocument, version: string | undefined, add: (f: Finding) => void): void {
  const context = pdf.context;
  const intents = arrayOf(context, get(context, pdf.catalog, 'OutputIntents')).map(dictOf).filter((d): d is PDFDict => d !== undefined);
  const pdfx = intents.filter((d) => nameOf(get(context, d, 'S')) === 'GTS_PDFX');
  if (pdfx.length !== 1) {
    add({
      code: 'preflight/no-output-intent',
      severity: 'error',
      message: pdfx.length === 0 ? 'The catalog has no /OutputIntents entry with /S /GTS_PDFX.' : 'More than one /GTS_PDFX output intent.',
      hint: 'The output intent names the printing condition the file was made for.',
    });
    return;
  }
  const intent = pdfx[0] as PDFDict;
  if (!textOf(get(context, intent, 'OutputConditionIdentifier'))) {
    add({ code: 'preflight/output-condition', severity: 'error', message: 'The output intent has no /OutputConditionIdentifier.' });
  }
  const profile = get(context, intent, 'DestOutputProfile');
  const icc = streamBytes(profile);
  if (!icc) {
    if (version === 'PDF/X-4') add({ code: 'preflight/dest-profile', severity: 'error', message: 'PDF/X-4 needs an embedded /DestOutputProfile in the output intent.' });
    else if (!textOf(get(context, intent, 'RegistryName'))) {
      add({ code: 'preflight/dest-profile', severity: 'warning', message: 'No embedded profile and no /RegistryName: the RIP must know the condition by its identifier alone.' });
    }
    return;
  }
  const header = iccHeader(icc);
  if (header.deviceClass !== 'prtr' || header.space !== 'CMYK') {
    add({
      code: 'preflight/dest-profile',
      severity: 'error',
      message: `The DestOutputProfile is a ${header.deviceClass} ${header.space} profile; PDF/X wants a CMYK output (prtr) profile here.`,
    });
  }
  const n = get(context, dictOf(profile), 'N');
  if (n !== undefined && n.toString() !== '4') add({ code: 'preflight/dest-profile', severity: 'error', message: `The DestOutputProfile has /N ${n.toString()}, not 4.` });
}
