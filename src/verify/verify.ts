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
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return [...problems, internal('verify/epub-zip', 'The EPUB is not a readable zip archive.')];
  }
  const container = entries['META-INF/container.xml'];
  const rootfile = container && /full-path="([^"]+)"/.exec(new TextDecoder().decode(container))?.[1];
  if (!rootfile || !entries[rootfile]) {
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
