/**
 * `hanpress preflight`: our own check of the PDF/X rules a printing house's preflight rejects
 * first — no open PDF/X validator exists. Pure: PDF bytes in, findings out (each with its page
 * where it has one); reading the file and printing happen in the CLI.
 */
import { PDFDocument } from 'pdf-lib';
import { checkDocument } from './document.js';
import type { Finding } from './finding.js';
import { checkPages, rgbNamesAnywhere } from './pages.js';

export type { Finding } from './finding.js';

export interface PreflightOptions {
  /** Shown as the findings' file (relative to the report's root). */
  file?: string;
  /** The file is a cover: colour is allowed (rich-black text is still an error). */
  cover?: boolean;
}

export interface PreflightReport {
  /** GTS_PDFXVersion as found, if any. */
  pdfx?: string;
  pages: number;
  findings: Finding[];
}

export async function preflight(bytes: Uint8Array, options: PreflightOptions = {}): Promise<PreflightReport> {
  const findings: Finding[] = [];
  const add = (f: Finding): void => {
    findings.push(options.file === undefined ? f : { ...f, file: options.file });
  };
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (error) {
    add({ code: 'preflight/unreadable', severity: 'error', message: `The file is not a readable PDF: ${(error as Error).message}` });
    return { pages: 0, findings };
  }
  const facts = checkDocument(pdf, bytes, add);
  checkPages(pdf, { cover: options.cover ?? false, x1a: facts.version?.startsWith('PDF/X-1a') ?? false }, add);
  const rgb = rgbNamesAnywhere(pdf);
  if (rgb.length > 0) {
    add({
      code: 'preflight/rgb-colour-space',
      severity: 'error',
      message: `/DeviceRGB or /CalRGB appears in ${rgb.length} object(s) (${rgb.slice(0, 5).join(', ')}${rgb.length > 5 ? ', …' : ''}).`,
    });
  }
  return { ...(facts.version === undefined ? {} : { pdfx: facts.version }), pages: pdf.getPageCount(), findings };
}
