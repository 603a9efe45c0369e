/**
 * Where the parts of a printed book's front matter lie in the OCR: title pages, the CIP block,
 * the 版本记录, the editorial board, front sections (`■ 前 言`), the printed TOC and whatever
 * follows it (article text). Found by their fixed wording, not by line numbers.
 */
import { isBoardLine } from './meta/board.js';
import { findTocRegion } from './toc/region.js';
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

export function segment(lines: SourceLine[]): Segments {
  const cipStart = indexFrom(lines, 0, /图书在版编目/);
  const cipEnd = cipStart < 0 ? -1 : indexFrom(lines, cipStart, /CIP数据核字/);
  const colophonEnd = cipEnd < 0 ? -1 : indexFrom(lines, cipEnd + 1, /版权所有/);
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
