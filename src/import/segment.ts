/**
 * Where the parts of a printed book's front matter lie in the OCR: title pages, the CIP block,
 * the 版本记录 (up to 版权所有, or up to the next page when it has no such line), the
 * editorial board, front sections (`■ 前 言`, `前 言`), the printed TOC and whatever follows
 * it (article text). Found by their fixed wording, not by line numbers.
 */
import { isBoardLine } from './meta/board.js';
import { isFrontLabel } from './front-labels.js';
import { CHAPTER, PART } from './rules/headings.js';
import { findTocRegion, TOC_TITLE } from './toc/region.js';
import type { SourceLine } from './types.js';

export interface Segments {
  titlePages: SourceLine[];
  cip: SourceLine[];
  colophon: SourceLine[];
  board: SourceLine[];
  front: SourceLine[];
  toc: SourceLine[];
  body: SourceLine[];
}

function indexFrom(lines: SourceLine[], from: number, re: RegExp): number {
  const i = lines.slice(from).findIndex((l) => re.test(l.text));
  return i < 0 ? -1 : from + i;
}

function boardEnd(lines: SourceLine[], from: number): number {
  let end = from;
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]?.text.trim() ?? '';
    if (text === '') continue;
    if (!isBoardLine(text)) break;
    end = i + 1;
  }
  return end;
}

/** What starts the pages after the 版本记录: the TOC title, a front section, a part or chapter heading. */
function startsNextPage(text: string): boolean {
  const t = text.trim();
  return TOC_TITLE.test(t) || /^■/.test(t) || isFrontLabel(t) || ((PART.test(t) || CHAPTER.test(t)) && !/[。！？]/.test(t)) || isBoardLine(t);
}

/**
 * The 版本记录 ends at 版权所有 — or, in a colophon without that line, just before the next
 * page's first line; a 版权所有 further on (in the text) does not count.
 */
function colophonEndIndex(lines: SourceLine[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (/版权所有/.test(text)) return i;
    if (startsNextPage(text)) return i - 1;
  }
  return lines.length - 1;
}

export function segment(lines: SourceLine[]): Segments {
  const cipStart = indexFrom(lines, 0, /图书在版编目/);
  const cipEnd = cipStart < 0 ? -1 : indexFrom(lines, cipStart, /CIP数据核字/);
  const colophonEnd = cipEnd < 0 ? -1 : colophonEndIndex(lines, cipEnd + 1);
  const afterColophon = colophonEnd >= 0 ? colophonEnd + 1 : cipEnd + 1;
  const boardStop = boardEnd(lines, Math.max(afterColophon, 0));
  const rest = lines.slice(boardStop);
  const region = findTocRegion(rest);
  const tocStart = region ? region.start : rest.length;
  const tocEnd = region ? region.end : rest.length;
  return {
    titlePages: lines.slice(0, Math.max(cipStart, 0)),
    cip: cipStart < 0 ? [] : lines.slice(cipStart, cipEnd + 1),
    colophon: cipEnd < 0 ? [] : lines.slice(cipEnd + 1, afterColophon),
    board: lines.slice(Math.max(afterColophon, 0), boardStop),
    front: rest.slice(0, tocStart),
    toc: rest.slice(tocStart, tocEnd),
    body: rest.slice(tocEnd),
  };
}
