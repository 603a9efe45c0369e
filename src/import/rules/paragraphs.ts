/**
 * Paragraphs. Lines are grouped into blocks at blank lines; then a paragraph that a page
 * break split (`…系统全` ⏎ ⏎ `面、博大精深…`) is rejoined. A block is only continued when it
 * ends without closing punctuation, is long enough to be running text (a heading or a name
 * line is short) and the next block is running text too: headings, list items, dated lines
 * and tables are never joined.
 */
import { charLength, endsClosed } from '../cjk.js';
import { result, type Change, type RuleResult, type SourceLine, type Unsure } from '../types.js';
import { classifyLine, type LineKind } from './headings.js';

export interface Block {
  kind: LineKind;
  text: string;
  /** Source lines the block was made from, first to last. */
  lines: number[];
}

/** Shorter open lines are titles, names or labels, not paragraphs cut by a page end. */
export const MIN_RUNNING_TEXT = 20;

function joinText(a: string, b: string): string {
  // Chinese joins without a space; two Latin words keep one.
  return /[A-Za-z0-9,.;:]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** Consecutive non-blank lines of running text are one paragraph; headings stand alone. */
export function toBlocks(lines: SourceLine[]): RuleResult<Block[]> {
  const blocks: Block[] = [];
  const changes: Change[] = [];
  let previousBlank = true;
  for (const line of lines) {
    if (line.text.trim() === '') {
      previousBlank = true;
      continue;
    }
    const { kind, text } = classifyLine(line.text);
    const last = blocks[blocks.length - 1];
    if (!previousBlank && last && last.kind === 'paragraph' && kind === 'paragraph') {
      const after = joinText(last.text, text);
      changes.push({ rule: 'line-join', line: line.no, before: text, after: '', note: `continues line ${last.lines[last.lines.length - 1]}` });
      last.text = after;
      last.lines.push(line.no);
    } else if (!previousBlank && last?.kind === 'table' && kind === 'table') {
      last.text += `\n${text}`;
      last.lines.push(line.no);
    } else {
      blocks.push({ kind, text, lines: [line.no] });
    }
    previousBlank = false;
  }
  return result(blocks, changes);
}

function isOpenRunningText(block: Block): boolean {
  return block.kind === 'paragraph' && !endsClosed(block.text) && charLength(block.text) >= MIN_RUNNING_TEXT;
}

function excerpt(a: string, b: string): string {
  return `…${[...a].slice(-6).join('')}⏎${[...b].slice(0, 6).join('')}…`;
}

export function joinPageBreaks(blocks: Block[]): RuleResult<Block[]> {
  const out: Block[] = [];
  const changes: Change[] = [];
  const unsure: Unsure[] = [];
  for (const block of blocks) {
    const last = out[out.length - 1];
    if (last && isOpenRunningText(last) && block.kind === 'paragraph') {
      const lastLine = last.lines[last.lines.length - 1] ?? 0;
      changes.push({
        rule: 'page-join',
        line: lastLine,
        before: excerpt(last.text, block.text),
        after: `…${[...last.text].slice(-6).join('')}${[...block.text].slice(0, 6).join('')}…`,
        note: `paragraph split by a page break; joined line ${lastLine} with line ${block.lines[0]}`,
      });
      out[out.length - 1] = { ...last, text: joinText(last.text, block.text), lines: [...last.lines, ...block.lines] };
      continue;
    }
    if (last && last.kind === 'paragraph' && !endsClosed(last.text) && block.kind === 'paragraph') {
      unsure.push({ rule: 'page-join', line: last.lines[last.lines.length - 1] ?? 0, message: `"${last.text}" ends without punctuation but is too short to be a paragraph cut by a page end; not joined with line ${block.lines[0]}` });
    }
    out.push({ ...block, lines: [...block.lines] });
  }
  return result(out, changes, unsure);
}
