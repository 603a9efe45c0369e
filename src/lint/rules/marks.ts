/**
 * doubled-mark: the same pause mark twice (，， 。。), or two different pause marks in a row
 * (。， ；，) where one of them is a slip. A doubled mark is collapsed by --fix; two different
 * marks are only reported, since which one was meant is not known; so are two marks with only
 * closing quotes or brackets or a soft line break between them (。”，  。⏎，).
 * lookalike-mark: a character that looks like a Chinese mark but is another one: ∶ (U+2236
 * RATIO) for ：, a lone ． (U+FF0E) for 。 or ·.
 */
import { after, before, CLOSING_MARKS, indicesOf, isChinese, isHan, MARKUP, oneOf } from '../chars.js';
import type { Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

const DOUBLABLE = '，、；：。';

function doubledAt(block: ProseBlock, i: number): Finding | undefined {
  const a = block.masked[i] as string;
  const b = block.masked[i + 1] as string;
  if (!DOUBLABLE.includes(a) || !DOUBLABLE.includes(b)) return undefined;
  // 。。。 is an ellipsis in the wrong form; ellipsis-form reports it.
  if (a === '。' && b === '。' && (block.masked[i + 2] === '。' || block.masked[i - 1] === '。')) return undefined;
  const offset = block.start + i;
  if (a === b) {
    return {
      rule: 'doubled-mark',
      offset,
      message: `The mark ${a} is doubled.`,
      hint: `Write one ${a}.`,
      fix: [{ from: offset, to: offset + 2, text: a }],
    };
  }
  return {
    rule: 'doubled-mark',
    offset,
    message: `Two marks in a row: ${a}${b}.`,
    hint: `Keep the one the sentence needs: ${a} or ${b}.`,
  };
}

const SOFT = ' \t\r\n*_' + MARKUP;

/**
 * 。”， and 。⏎， : the second mark is the next thing printed after the first, past closing
 * quotes and brackets, and past a line break in the source (the reader sees no break).
 */
function acrossAt(block: ProseBlock, i: number): Finding | undefined {
  const a = block.masked[i] as string;
  if (!DOUBLABLE.includes(a)) return undefined;
  let j = i + 1;
  let closers = '';
  let broken = false;
  for (; j < block.masked.length; j++) {
    const ch = block.masked[j] as string;
    if (ch === '\n') broken = true;
    else if (CLOSING_MARKS.includes(ch)) closers += ch;
    else if (!SOFT.includes(ch)) break;
  }
  const b = block.masked[j] ?? '';
  if (!oneOf(DOUBLABLE, b) || (closers === '' && !broken)) return undefined;
  const where = broken ? ' across a line break' : '';
  return {
    rule: 'doubled-mark',
    offset: block.start + i,
    message: `Two marks in a row${where}: ${a}${closers}${b}.`,
    hint: closers === '' ? `Keep the one the sentence needs: ${a} or ${b}.` : `Keep one: ${a}${closers} when the quotation ends the sentence, ${closers}${b} when the sentence goes on.`,
  };
}

/** Where doubledAt or acrossAt can find something: a mark with another after it, past SOFT and closers. */
const DOUBLED = /[，、；：。](?=[ \t\r\n*_\u200B”’）》〉」』】〕]*[，、；：。])/g;

export function doubledMark(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    let from = 0;
    for (const i of indicesOf(block.masked, DOUBLED)) {
      if (i < from) continue;
      const finding = doubledAt(block, i) ?? acrossAt(block, i);
      if (!finding) continue;
      findings.push(finding);
      // A collapsed pair: its second mark does not start another.
      if (finding.fix) from = i + 2;
    }
  }
  return findings;
}

function lookalikeAt(block: ProseBlock, i: number): Finding | undefined {
  const ch = block.masked[i];
  const offset = block.start + i;
  if (ch === '∶' && (isChinese(before(block.masked, i)) || isChinese(after(block.masked, i)))) {
    return {
      rule: 'lookalike-mark',
      offset,
      message: 'The ratio sign ∶ (U+2236) stands where the colon ： belongs.',
      hint: 'Write the full-width colon ：.',
      fix: [{ from: offset, to: offset + 1, text: '：' }],
    };
  }
  const lone = block.masked[i - 1] !== '．' && block.masked[i + 1] !== '．';
  if (ch === '．' && lone && isHan(before(block.masked, i))) {
    return {
      rule: 'lookalike-mark',
      offset,
      message: 'A full-width full stop ． (U+FF0E) in Chinese text.',
      hint: 'End a sentence with 。; between the parts of a foreign name write the middle dot ·.',
    };
  }
  return undefined;
}

const LOOKALIKES = /[∶．]/g;

export function lookalikeMark(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    for (const i of indicesOf(block.masked, LOOKALIKES)) {
      const finding = lookalikeAt(block, i);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
