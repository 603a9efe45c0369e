/**
 * The 缺字 report: every placeholder (□, 〓) in the manuscript, with its 【…】 note when it has
 * one, at its file, line and column, so an editor can work through the list before the book
 * goes to press (水浒传's source holds about a hundred).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findMissing } from '../kinds/missing.js';
import type { MarkdownSource } from '../load/project.js';

/** Line and column (1-based, UTF-16 units) of an offset in a text. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

export function missingCharDiagnostics(sources: Iterable<MarkdownSource>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const source of sources) {
    for (const found of findMissing(source.text)) {
      out.push(diagnostic('markdown/missing-char', {
        message: `缺字: ${found.mark} holds the place of a character${found.note ? `; its note: 【${found.note}】` : ' (no note says which)'}.`,
        file: source.file,
        ...position(source.text, found.offset),
      }));
    }
  }
  return out;
}
