/**
 * The verify stage: structural checks of what the writers produced, before anything is
 * written to disk. EPUBCheck runs in the tests; these catch a broken writer in every build.
 */
import { unzipSync } from 'fflate';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic.js';

function internal(code: DiagnosticCode, message: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message,
    hint: 'This is a hanpress bug, not a problem in your book: please report it with the book project.',
  };
}

export function verifyEpub(bytes: Uint8Array): Diagnostic[] {
  const firstName = new TextDecoder().decode(bytes.subarray(30, 38));
  const method = bytes[8] ?? -1;
  const problems: Diagnostic[] = [];
  if (firstName !== 'mimetype' || method !== 0) {
    problems.push(internal('verify/epub-mimetype', 'The EPUB does not start with a stored `mimetype` entry.'));
  }
  // The directory is read whole, but only the container and the package document are inflated:
  // inflating every document cost a rebuild a tenth of a second, and each document's bytes are
  // EPUBCheck's to judge (in the tests).
  const names = new Set<string>();
  let container: Uint8Array | undefined;
  try {
    container = unzipSync(bytes, { filter: (file) => names.add(file.name) && file.name === 'META-INF/container.xml' })['META-INF/container.xml'];
  } catch {
    return [...problems, internal('verify/epub-zip', 'The EPUB is not a readable zip archive.')];
  }
  const rootfile = container && /full-path="([^"]+)"/.exec(new TextDecoder().decode(container))?.[1];
  let packageDocument: Uint8Array | undefined;
  try {
    packageDocument = rootfile && names.has(rootfile) ? unzipSync(bytes, { filter: (file) => file.name === rootfile })[rootfile] : undefined;
  } catch {
    packageDocument = undefined;
  }
  if (!rootfile || !packageDocument) {
    problems.push(internal('verify/epub-package', 'The EPUB has no container.xml naming an existing package document.'));
  }
  return problems;
}

export function verifyPdf(bytes: Uint8Array, pageCount: number): Diagnostic[] {
  const head = new TextDecoder().decode(bytes.subarray(0, 5));
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 32)));
  const problems: Diagnostic[] = [];
  if (head !== '%PDF-' || !tail.includes('%%EOF')) {
    problems.push(internal('verify/pdf-structure', 'The PDF lacks its header or end-of-file marker.'));
  }
  if (pageCount < 1) problems.push(internal('verify/pdf-pages', 'The PDF has no pages.'));
  return problems;
}
