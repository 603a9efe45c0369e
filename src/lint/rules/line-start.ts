/**
 * line-start-mark: a paragraph (or a line after a hard break) that starts with ，。、；：？！
 * prints a mark at the start of a line, which GB/T 15834 never allows; it is always a slip in
 * the source (a lost word, a split paragraph). Reported, never fixed: the missing text is unknown.
 */
import { firstPrintedIndex, PAUSE_MARKS } from '../chars.js';
import type { Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

/** Starts of printed lines: the block's first text, and lines after a hard break (two spaces or \). */
function printedLineStarts(block: ProseBlock): number[] {
  const starts = [firstPrintedIndex(block.masked)];
  for (let i = block.source.indexOf('\n'); i >= 0; i = block.source.indexOf('\n', i + 1)) {
    if (/(?: {2,}|\\)$/.test(block.source.slice(Math.max(0, i - 2), i))) starts.push(firstPrintedIndex(block.masked, i + 1, true));
  }
  return starts.filter((i) => i >= 0);
}

export function lineStartMark(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    for (const i of printedLineStarts(block)) {
      const mark = block.masked[i] as string;
      if (!PAUSE_MARKS.includes(mark)) continue;
      findings.push({
        rule: 'line-start-mark',
        offset: block.start + i,
        message: `A ${block.kind === 'heading' ? 'heading' : 'paragraph'} starts with ${mark}, which never begins a line.`,
        hint: 'The text before the mark is missing or the paragraph was split in the wrong place: restore the words or join it to the previous paragraph.',
      });
    }
  }
  return findings;
}
