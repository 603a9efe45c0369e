/**
 * pair-balance for brackets and book-title marks: （） 《》 〈〉 【】 〔〕 「」 『』 must close in the
 * paragraph that opens them. 「」 and 『』 are quotation marks (vertical-text forms) and follow
 * the multi-paragraph convention of quotes: an open 「 at a paragraph's end is fine when the next
 * paragraph starts with 「 again. Quotes “” ‘’ are handled in quotes.ts.
 */
import { firstPrintedIndex, indicesOf } from '../chars.js';
import type { Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

const PAIRS: Record<string, string> = { '（': '）', '《': '》', '〈': '〉', '【': '】', '〔': '〕', '「': '」', '『': '』' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const RUN_ON = new Set(['「', '『']);
const MARKS = /[（《〈【〔「『）》〉】〕」』]/g;

function unclosed(offset: number, open: string): Finding {
  const close = PAIRS[open] ?? '';
  return { rule: 'pair-balance', offset, message: `${open} is not closed in its paragraph.`, hint: `Add ${close} where it ends, or remove the ${open}.` };
}

/** Balance of one block; open marks left at its end are returned, not yet reported. */
function scanBlock(block: ProseBlock, findings: Finding[]): { mark: string; offset: number }[] {
  const marks = indicesOf(block.masked, MARKS);
  if (marks.length === 0) return [];
  const stacks = new Map<string, number[]>();
  for (const i of marks) {
    const ch = block.masked[i] as string;
    if (PAIRS[ch]) {
      const stack = stacks.get(ch) ?? [];
      stack.push(block.start + i);
      stacks.set(ch, stack);
      continue;
    }
    const open = CLOSERS.get(ch);
    if (!open) continue;
    if ((stacks.get(open) ?? []).pop() === undefined) {
      findings.push({ rule: 'pair-balance', offset: block.start + i, message: `A closing ${ch} with no ${open} before it.`, hint: `Add ${open} where it starts, or remove the ${ch}.` });
    }
  }
  return [...stacks].flatMap(([mark, offsets]) => offsets.map((offset) => ({ mark, offset })));
}

export function brackets(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  blocks.forEach((block, k) => {
    const next = blocks[k + 1];
    for (const { mark, offset } of scanBlock(block, findings)) {
      const runsOn = RUN_ON.has(mark) && next?.kind === 'paragraph' && next.masked[firstPrintedIndex(next.masked)] === mark;
      if (!runsOn) findings.push(unclosed(offset, mark));
    }
  });
  return findings.sort((a, b) => a.offset - b.offset);
}
