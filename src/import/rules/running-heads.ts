/**
 * Running heads: the book title printed at the top of a page (`■ 新的使命和担当①`). OCR keeps
 * them wherever a page starts, often in the middle of a paragraph, and misreads the volume
 * number (Ⅱ as ① or ②), so the mark after the title is not compared.
 */
import { CIRCLED_CLASS } from '../cjk.js';
import { result, type Change, type RuleResult, type SourceLine } from '../types.js';

const MARKED = /^■\s*(.+)$/;
const VOLUME_MARK = new RegExp(`\\s*(\\^?${CIRCLED_CLASS}|[ⅠⅡⅢⅣⅤ]|I{1,3})$`);

function headText(line: string): string | undefined {
  const m = MARKED.exec(line.trim());
  return m?.[1]?.replace(VOLUME_MARK, '').replace(/\s+/g, '');
}

/**
 * Removes `■ <title>` lines. With a known book title only that title counts; without one, a
 * ■ line counts when the same text comes back on another page (a section title like
 * `■ 前 言` is printed once).
 */
export function removeRunningHeads(lines: SourceLine[], bookTitle?: string): RuleResult<SourceLine[]> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const head = headText(line.text);
    if (head) counts.set(head, (counts.get(head) ?? 0) + 1);
  }
  const isHead = (head: string): boolean => (bookTitle ? head === bookTitle : (counts.get(head) ?? 0) > 1);
  const kept: SourceLine[] = [];
  const changes: Change[] = [];
  for (const line of lines) {
    const head = headText(line.text);
    if (head && isHead(head)) {
      const mark = VOLUME_MARK.exec(line.text.trim())?.[1];
      const note = mark ? `running head; its volume mark ${mark} is OCR for the book's number` : 'running head';
      changes.push({ rule: 'running-head', line: line.no, before: line.text, after: '', note });
    } else {
      kept.push(line);
    }
  }
  return result(kept, changes);
}
