/**
 * Running text (a preface, an article body): blocks, page-break joins, then the per-line rules
 * (dashes, digit spaces, punctuation), then Markdown. Tables are left as the OCR wrote them.
 */
import { normaliseDashes } from './rules/dashes.js';
import { removeDigitSpaces } from './rules/digit-spaces.js';
import { joinPageBreaks, toBlocks, type Block } from './rules/paragraphs.js';
import { fullWidthPunctuation } from './rules/punctuation.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from './types.js';

/** The per-text rules, in the order they must run (dashes before punctuation sees them). */
export function cleanText(text: string, line: number, log: ChangeLog): string {
  const dashed = log.take(normaliseDashes(text, line));
  const spaced = log.take(removeDigitSpaces(dashed, line));
  return log.take(fullWidthPunctuation(spaced, line));
}

export function cleanProse(lines: SourceLine[]): RuleResult<Block[]> {
  const log = new ChangeLog();
  const blocks = log.take(joinPageBreaks(log.take(toBlocks(lines))));
  const cleaned = blocks.map((b) => (b.kind === 'table' ? b : { ...b, text: cleanText(b.text, b.lines[0] ?? 0, log) }));
  return result(cleaned, log.changes, log.unsure);
}

function markdownBlock(block: Block, subsectionLevel: string): string {
  switch (block.kind) {
    case 'section':
    case 'part':
    case 'front-title':
      return `## ${block.text}`;
    case 'subsection':
      return `${subsectionLevel} ${block.text}`;
    default:
      return block.text;
  }
}

/** `（一）` headings sit under `一、` headings when the text has both, else at level 2. */
export function renderMarkdown(blocks: Block[]): string {
  const level = blocks.some((b) => b.kind === 'section') ? '###' : '##';
  return blocks.map((b) => markdownBlock(b, level)).join('\n\n') + (blocks.length > 0 ? '\n' : '');
}
