/**
 * Bare folios: a page number OCR'd as a line of its own (`006`, `· 4 ·`, `— 12 —`). Only a line
 * that is nothing but digits, with at most one ornament on each side, counts; a line that
 * merely ends in a digit is text.
 */
import { result, type Change, type RuleResult, type SourceLine } from '../types.js';

const FOLIO = /^\s*(?:[·•・\-—－]\s*)?\d{1,4}(?:\s*[·•・\-—－])?\s*$/;

export function isFolio(text: string): boolean {
  return FOLIO.test(text);
}

export function removeFolios(lines: SourceLine[]): RuleResult<SourceLine[]> {
  const changes: Change[] = [];
  const kept = lines.filter((line) => {
    if (!isFolio(line.text)) return true;
    changes.push({ rule: 'folio', line: line.no, before: line.text, after: '', note: 'page number' });
    return false;
  });
  return result(kept, changes);
}
