/**
 * ellipsis-form and dash-form (GB/T 15834-2011 省略号, 破折号): an ellipsis is …… (two U+2026),
 * a dash is —— (two U+2014). Everything that stands in for them is rewritten, because the
 * replacement cannot change what the sentence means.
 */
import { after, before, indicesOf, isChinese, isHan, runEnd } from '../chars.js';
import type { Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

function replaceRun(rule: Finding['rule'], block: ProseBlock, from: number, to: number, right: string, what: string): Finding {
  const wrong = block.source.slice(from, to);
  return {
    rule,
    offset: block.start + from,
    message: `${what} \`${wrong}\` is written as ${right} in Chinese text.`,
    hint: `Write ${right} (${rule === 'ellipsis-form' ? 'two U+2026, six dots' : 'two U+2014, one two-em dash'}).`,
    fix: [{ from: block.start + from, to: block.start + to, text: right }],
  };
}

/** Chinese on either side of [from, to): a mark standing in Chinese text, not in a number or code. */
function inChinese(masked: string, from: number, to: number): boolean {
  return isChinese(before(masked, from)) || isChinese(after(masked, to - 1));
}

/** Index past a run of … allowing spaces between two parts of it ("…… ……" split apart). */
function ellipsisRunEnd(masked: string, i: number): number {
  let end = runEnd(masked, i, '…');
  for (;;) {
    const gap = runEnd(masked, end, ' \u3000');
    if (gap === end || masked[gap] !== '…') return end;
    end = runEnd(masked, gap, '…');
  }
}

function ellipsisAt(block: ProseBlock, i: number): { end: number; finding?: Finding } {
  const m = block.masked;
  const ch = m[i] as string;
  const ellipsis = (end: number, what: string): { end: number; finding: Finding } => ({
    end,
    finding: replaceRun('ellipsis-form', block, i, end, '……', what),
  });
  if (ch === '…') {
    const end = ellipsisRunEnd(m, i);
    const run = m.slice(i, end);
    // …… is one ellipsis and ………… (twelve dots) the long form GB/T allows for omitted lines.
    if (run === '……' || run === '…………') return { end };
    return ellipsis(end, run.includes(' ') || run.includes('\u3000') ? 'A split ellipsis' : 'An ellipsis');
  }
  const end = runEnd(m, i, ch);
  const n = end - i;
  if (ch === '.' && n >= 3 && inChinese(m, i, end)) return ellipsis(end, 'An ellipsis');
  if ((ch === '。' && n >= 3) || (ch === '．' && n >= 2) || ((ch === '·' || ch === '・') && n >= 3)) {
    return ellipsis(end, 'An ellipsis');
  }
  return { end };
}

/**
 * Runs `at` on every position `candidates` finds, except those inside a run `at` has taken.
 * The candidates are the marks in runs long enough for `at` to find fault with: a run too short
 * has no finding and is skipped whole, so leaving it out changes nothing.
 */
function scanMarks(
  blocks: ProseBlock[],
  candidates: RegExp,
  at: (block: ProseBlock, i: number) => { end: number; finding?: Finding },
): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    let from = 0;
    for (const i of indicesOf(block.masked, candidates)) {
      if (i < from) continue;
      const { end, finding } = at(block, i);
      if (finding) findings.push(finding);
      from = Math.max(end, i + 1);
    }
  }
  return findings;
}

/** Every …; . 。 · ・ three in a row; ．． (ellipsisAt's thresholds). */
const ELLIPSIS_CANDIDATES = /…|\.(?=\.\.)|。(?=。。)|．(?=．)|·(?=··)|・(?=・・)/g;

export function ellipsisForm(blocks: ProseBlock[]): Finding[] {
  return scanMarks(blocks, ELLIPSIS_CANDIDATES, ellipsisAt);
}

/** A single — between two words is a 连接号 (北京—上海, 2015—2017); next to a mark or at an end, a dash. */
function singleEmDashIsDash(masked: string, i: number): boolean {
  const left = before(masked, i);
  const right = after(masked, i);
  const word = (ch: string): boolean => isHan(ch) || /^[0-9A-Za-z\uFFFC]$/.test(ch);
  return !(word(left) && word(right));
}

function dashAt(block: ProseBlock, i: number): { end: number; finding?: Finding } {
  const m = block.masked;
  const ch = m[i] as string;
  const end = runEnd(m, i, ch);
  const n = end - i;
  const dash = (what: string): { end: number; finding: Finding } => ({ end, finding: replaceRun('dash-form', block, i, end, '——', what) });
  if (ch === '-' && n >= 2 && inChinese(m, i, end)) return dash('A dash');
  if ((ch === '－' || ch === '─' || ch === '━') && n >= 2) return dash('A dash');
  if (ch === '—' && n === 1 && singleEmDashIsDash(m, i)) return dash('A single — used as a dash');
  if (ch === '—' && n > 1 && n % 2 === 1) return dash('A dash');
  return { end };
}

/** Every —; - － ─ ━ two in a row (dashAt's thresholds). */
const DASH_CANDIDATES = /—|-(?=-)|－(?=－)|─(?=─)|━(?=━)/g;

export function dashForm(blocks: ProseBlock[]): Finding[] {
  return scanMarks(blocks, DASH_CANDIDATES, dashAt);
}
