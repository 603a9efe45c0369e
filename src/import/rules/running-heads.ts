/**
 * Running heads: the book title printed at the top of a page (`■ 新的使命和担当①`). OCR keeps
 * them wherever a page starts, often in the middle of a paragraph, and misreads the volume
 * number (Ⅱ as ① or ②), so the mark after the title is not compared.
 */
import { charLength, CIRCLED_CLASS, endsClosed } from '../cjk.js';
import { PAGE_REF } from '../toc/region.js';
import { result, type Change, type RuleResult, type SourceLine, type Unsure } from '../types.js';
import { isFolio } from './folios.js';
import { MIN_RUNNING_TEXT } from './paragraphs.js';

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

const SHORT_HEAD = 40;

function headKey(text: string): string {
  return text.replace(PAGE_REF, '').replace(/[\s\u3000]+/g, '');
}

function neighbour(lines: SourceLine[], i: number, step: 1 | -1): SourceLine | undefined {
  for (let j = i + step; j >= 0 && j < lines.length; j += step) {
    if ((lines[j]?.text.trim() ?? '') !== '') return lines[j];
  }
  return undefined;
}

function isCandidate(text: string): boolean {
  const t = text.trim();
  return t !== '' && charLength(t) <= SHORT_HEAD && !/[。！？，；]/.test(t) && !isFolio(t) && !/^■/.test(t) && !PAGE_REF.test(t);
}

/**
 * Running heads printed without a ■: the book title on versos, the chapter title on rectos
 * (`第一章 乡村振兴的时代背景`), each next to a folio where a page turns, often in the middle
 * of a paragraph. A short line counts when a folio stands next to it and it is the book title
 * or repeats a line already printed as a heading in the text (never its first appearance: that
 * is the heading itself). A repeat with no folio next to it but inside an open paragraph is
 * removed too, and reported as unsure. Run before folios are removed.
 */
export function removeUnmarkedHeads(lines: SourceLine[], bookTitle?: string): RuleResult<SourceLine[]> {
  const seen = new Set<string>();
  const kept: SourceLine[] = [];
  const changes: Change[] = [];
  const unsure: Unsure[] = [];
  lines.forEach((line, i) => {
    const text = line.text.trim();
    if (!isCandidate(text)) {
      kept.push(line);
      return;
    }
    const key = headKey(text);
    const before = neighbour(lines, i, -1);
    const after = neighbour(lines, i, 1);
    const nextToFolio = [before, after].some((l) => l !== undefined && isFolio(l.text));
    const isBook = bookTitle !== undefined && key === bookTitle;
    const repeat = seen.has(key);
    const inParagraph = before !== undefined && after !== undefined && !endsClosed(before.text) && charLength(before.text.trim()) >= MIN_RUNNING_TEXT && !isCandidate(after.text);
    if (nextToFolio && (isBook || repeat)) {
      changes.push({ rule: 'running-head', line: line.no, before: line.text, after: '', note: isBook ? 'running head (the book title, next to a folio)' : 'running head repeating a heading, next to a folio' });
    } else if (repeat && inParagraph) {
      changes.push({ rule: 'running-head', line: line.no, before: line.text, after: '', note: 'running head repeating a heading, inside a paragraph' });
      unsure.push({ rule: 'running-head', line: line.no, message: `"${text}" repeats a heading inside a paragraph with no folio next to it; removed as a running head` });
    } else {
      seen.add(key);
      kept.push(line);
    }
  });
  return result(kept, changes, unsure);
}
