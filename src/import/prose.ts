/**
 * Running text (a preface, an article body): blocks, page-break joins, then the per-line rules
 * (dashes, digit spaces, punctuation), then Markdown. Tables are left as the OCR wrote them.
 */
import { normaliseDashes } from './rules/dashes.js';
import { removeDigitSpaces } from './rules/digit-spaces.js';
import { isHeadingKind } from './rules/headings.js';
import { joinPageBreaks, toBlocks, type Block } from './rules/paragraphs.js';
import { ideographicGaps } from './rules/spacing.js';
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
  // In a heading a space between Chinese words is a gap between phrases (第一节　城乡关系), never a slip.
  const cleaned = blocks.map((b) => (b.kind === 'table' ? b : { ...b, text: cleanText(isHeadingKind(b.kind) ? ideographicGaps(b.text) : b.text, b.lines[0] ?? 0, log) }));
  return result(cleaned, log.changes, log.unsure);
}

/** The numbered heading kinds from the top down: 第一节, 一、, （一）. */
const NESTED: Block['kind'][] = ['jie', 'section', 'subsection'];

function markdownBlock(block: Block, levels: Map<Block['kind'], string>): string {
  switch (block.kind) {
    case 'part':
    case 'chapter':
    case 'front-title':
      return `## ${block.text}`;
    case 'jie':
    case 'section':
    case 'subsection':
      return `${levels.get(block.kind) ?? '##'} ${block.text}`;
    default:
      return block.text;
  }
}

/** Each numbered heading kind the text uses takes the next level from ## down: 第一节 ##, 一、 ###, （一） ####. */
export function renderMarkdown(blocks: Block[]): string {
  const present = NESTED.filter((k) => blocks.some((b) => b.kind === k));
  const levels = new Map(present.map((k, i) => [k, '#'.repeat(i + 2)]));
  return blocks.map((b) => markdownBlock(b, levels)).join('\n\n') + (blocks.length > 0 ? '\n' : '');
}
