/**
 * Quotation marks per GB/T 15834-2011 (引号): “ ” outside, ‘ ’ inside. One pass over the blocks
 * of a file keeps a stack of open quotations, and decides what a wrong mark was meant to be from
 * its neighbours:
 * - quote-direction: “ where ” belongs (after 。！？ or before a pause mark or the end of the
 *   paragraph), ” where “ belongs (after ：， or at the start, before words); same for ‘ ’.
 * - quote-nesting: a quotation inside a quotation opened with “ instead of ‘.
 * - pair-balance: a quotation never closed, a closing mark with nothing open, and the
 *   multi-paragraph convention — a quotation over several paragraphs opens each with “ and
 *   closes only at its end, so an open “ at a paragraph's end is fine when the next paragraph
 *   starts with “, and a paragraph that closes a quotation from the previous one must reopen it.
 * Nothing is fixed: which mark was meant is a reading, not a certainty.
 */
import { after, before, firstPrintedIndex, indicesOf, isChinese, isHan, MASK, oneOf } from '../chars.js';
import type { Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

type Level = 'double' | 'single';

interface Open {
  level: Level;
  offset: number;
  /** Already reported (nesting): do not report it again as unclosed. */
  reported: boolean;
}

interface State {
  stack: Open[];
  findings: Finding[];
  /** An outer “ left open at the end of the previous paragraph. */
  carried?: Open;
}

const SENTENCE_END = '。！？…';
const PAUSES = '，。、；：？！）》」』';
const OPENING_CONTEXT = '：，；、（《「『—';

function report(s: State, rule: Finding['rule'], offset: number, message: string, hint: string): void {
  s.findings.push({ rule, offset, message, hint });
}

/** The mark ends a quotation by its neighbours: after a sentence's end, or before a pause or the end. */
function closingContext(m: string, i: number): boolean {
  const next = after(m, i);
  return next === '' || oneOf(PAUSES, next) || oneOf(SENTENCE_END, before(m, i));
}

/** The mark starts a quotation by its neighbours: at the start or after ：， and before words. */
function openingContext(m: string, i: number): boolean {
  const prev = before(m, i);
  const next = after(m, i);
  return (prev === '' || oneOf(OPENING_CONTEXT, prev)) && (isHan(next) || next === MASK || next === '“' || next === '‘');
}

/**
 * For a “ at i inside an open “: true when the marks after it close both quotations before the
 * paragraph ends (its own ” and the outer one) — the shape of a nested quotation, however many
 * inner quotations come first. `run` is the running count of “ minus ” (a straight " counts as
 * closing) and `lowest[j]` the minimum of run from j on, so each question costs O(1).
 */
const OPEN_DOUBLE = '“'.charCodeAt(0);
const CLOSE_DOUBLE = '”'.charCodeAt(0);
const STRAIGHT_DOUBLE = '"'.charCodeAt(0);

export function nestingOracle(m: string): (i: number) => boolean {
  const run = new Int32Array(m.length + 1);
  // By code unit: m[j] would make a string of every character.
  for (let j = 0; j < m.length; j++) {
    const c = m.charCodeAt(j);
    run[j + 1] = (run[j] as number) + (c === OPEN_DOUBLE ? 1 : c === CLOSE_DOUBLE || c === STRAIGHT_DOUBLE ? -1 : 0);
  }
  const lowest = new Int32Array(m.length + 1);
  lowest[m.length] = run[m.length] as number;
  for (let j = m.length - 1; j >= 0; j--) lowest[j] = Math.min(run[j] as number, lowest[j + 1] as number);
  return (i) => (lowest[i + 1] as number) <= (run[i + 1] as number) - 2;
}

const NAMES: Record<Level, { open: string; close: string }> = { double: { open: '“', close: '”' }, single: { open: '‘', close: '’' } };

function names(level: Level): { open: string; close: string } {
  return NAMES[level];
}

function onOpen(s: State, m: string, i: number, offset: number, level: Level, nested: (i: number) => boolean): void {
  const top = s.stack.at(-1);
  const { open, close } = names(level);
  if (top?.level === level && closingContext(m, i)) {
    s.stack.pop();
    report(s, 'quote-direction', offset, `An opening ${open} where the quotation ends.`, `Write the closing ${close}.`);
  } else if (!top && level === 'double' && closingContext(m, i) && after(m, i) === '') {
    report(s, 'quote-direction', offset, `An opening ${open} at the end of the paragraph.`, `Write the closing ${close}, and check where the quotation opens.`);
  } else if (top?.level === 'double' && level === 'double' && nested(i)) {
    report(s, 'quote-nesting', offset, 'A quotation inside a quotation opens with “.', 'Inside “…” write ‘…’ (GB/T 15834: the inner quotation takes single quotes).');
    s.stack.push({ level, offset, reported: true });
  } else if (top?.level === 'double' && level === 'double') {
    // “a … “b …” with no ” left for the first: the first quotation was never closed; do not let one
    // missing ” turn every later quotation of the paragraph into a nesting fault.
    s.stack.pop();
    if (!top.reported) report(s, 'pair-balance', top.offset, '“ is not closed before the next quotation opens.', 'Add ” where the quotation ends.');
    s.stack.push({ level, offset, reported: false });
  } else s.stack.push({ level, offset, reported: false });
}

function closeUnmatched(s: State, offset: number, blockStart: number, close: string): void {
  if (s.carried && close === '”') {
    report(s, 'pair-balance', blockStart, 'This paragraph closes a quotation from the previous paragraph but does not reopen it with “.',
      'A quotation over several paragraphs opens every paragraph with “ and closes only at its end (GB/T 15834): add “ here, or close it in the previous paragraph.');
    s.carried = undefined;
  } else {
    report(s, 'pair-balance', offset, `A closing ${close} with no opening mark before it.`, `Add the opening mark where the quotation starts, or remove the ${close}.`);
  }
}

function onClose(s: State, m: string, i: number, offset: number, blockStart: number, level: Level): void {
  const { open, close } = names(level);
  // An inner ‘ never closed before the outer ” closes: report it and close both.
  while (s.stack.length > 0 && s.stack.at(-1)?.level !== level && level === 'double') {
    const inner = s.stack.pop() as Open;
    if (!inner.reported) report(s, 'pair-balance', inner.offset, '‘ is not closed before the outer quotation ends.', 'Add ’ where the inner quotation ends.');
  }
  if (s.stack.at(-1)?.level === level) {
    s.stack.pop();
  } else if (openingContext(m, i)) {
    report(s, 'quote-direction', offset, `A closing ${close} where a quotation opens.`, `Write the opening ${open}.`);
    s.stack.push({ level, offset, reported: true });
  } else closeUnmatched(s, offset, blockStart, close);
}

/** A straight " pairs with whatever double quotation is open, so it is reported once (straight-quote). */
function onStraight(s: State, m: string, i: number, offset: number): void {
  const ch = m[i] as string;
  report(s, 'straight-quote', offset, `A straight ${ch} in Chinese text.`, ch === '"' ? 'Write “ to open and ” to close a quotation.' : 'Write ‘ to open and ’ to close an inner quotation.');
  const level: Level = ch === '"' ? 'double' : 'single';
  if (s.stack.at(-1)?.level === level) s.stack.pop();
  else s.stack.push({ level, offset, reported: true });
}

function startBlock(s: State, block: ProseBlock): void {
  const first = block.masked[firstPrintedIndex(block.masked)];
  if (s.carried && (first === '“' || first === '"')) s.carried = undefined;
}

function endBlock(s: State, block: ProseBlock | undefined, next: ProseBlock | undefined): void {
  if (s.carried) {
    report(s, 'pair-balance', s.carried.offset, '“ is not closed, and the paragraphs after it do not close it.', 'Add ” where the quotation ends.');
    s.carried = undefined;
  }
  const [outer, ...inner] = s.stack;
  for (const open of inner) {
    if (!open.reported) report(s, 'pair-balance', open.offset, `${names(open.level).open} is not closed in its paragraph.`, `Add ${names(open.level).close} where the quotation ends.`);
  }
  if (!outer || outer.reported) {
    // Nothing open, or a mark already reported (a straight quote, a reversed ”).
  } else if (outer.level === 'double' && block?.kind === 'paragraph' && next?.kind === 'paragraph') s.carried = outer;
  else {
    report(s, 'pair-balance', outer.offset, `${names(outer.level).open} is not closed in its paragraph.`, `Add ${names(outer.level).close} where the quotation ends.`);
  }
  s.stack = [];
}

function straightInChinese(m: string, i: number): boolean {
  return isChinese(before(m, i)) || isChinese(after(m, i)) || before(m, i) === '' || after(m, i) === '';
}

const QUOTES = /[“‘”’"']/g;

/** The oracle is built the first time a block asks it (most blocks never nest a quotation). */
function lazyOracle(m: string): (i: number) => boolean {
  let oracle: ((i: number) => boolean) | undefined;
  return (i) => (oracle ??= nestingOracle(m))(i);
}

function scanBlock(s: State, block: ProseBlock): void {
  const m = block.masked;
  const nested = lazyOracle(m);
  const marks = indicesOf(m, QUOTES);
  // Where the paragraph's text starts: a closing mark from the previous paragraph is reported there.
  const textStart = block.start + Math.max(0, firstPrintedIndex(m));
  for (const i of marks) {
    const ch = m[i] as string;
    const offset = block.start + i;
    if (ch === '“') onOpen(s, m, i, offset, 'double', nested);
    else if (ch === '‘') onOpen(s, m, i, offset, 'single', nested);
    else if (ch === '”') onClose(s, m, i, offset, textStart, 'double');
    else if (ch === '’') onClose(s, m, i, offset, textStart, 'single');
    else if ((ch === '"' || ch === "'") && straightInChinese(m, i)) onStraight(s, m, i, offset);
  }
}

export function quotes(blocks: ProseBlock[]): Finding[] {
  const s: State = { stack: [], findings: [] };
  blocks.forEach((block, k) => {
    startBlock(s, block);
    scanBlock(s, block);
    endBlock(s, block, blocks[k + 1]);
  });
  endBlock(s, undefined, undefined);
  return s.findings;
}
