/**
 * half-width-punctuation: , . ; : ? ! ( ) standing between Chinese characters, where Chinese
 * text takes the full-width mark. Numbers (3.14, 1,000, 10:30) and Latin text are not between
 * Chinese characters, so they never match. --fix rewrites only what is certain: , ; : ! always;
 * ? and . only where a sentence ends (a ? between two characters is often a character an old
 * encoding lost, a . between two a mistyped 间隔号); ( ) only as a pair around Chinese words.
 * full-width-alphanumeric: Ａ ９ in Chinese text; Latin letters and digits are half-width.
 * cjk-space: a space between two Chinese characters, which the print shows as a gap.
 */
import { after, before, CLOSING_MARKS, indicesOf, isChinese, isHan, matchesOf, oneOf, OPENING_MARKS } from '../chars.js';
import type { Edit, Finding } from '../finding.js';
import type { ProseBlock } from '../prose.js';

const FULL: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！' };

/** Index past the mark and the spaces after it, which the full-width mark makes redundant. */
function spacesAfter(source: string, i: number): number {
  let j = i + 1;
  while (source[j] === ' ') j++;
  return j;
}

function sentenceEnd(next: string): boolean {
  return next === '' || oneOf(CLOSING_MARKS, next);
}

function markAt(block: ProseBlock, i: number): Finding | undefined {
  const m = block.masked;
  const ch = m[i] as string;
  const full = FULL[ch];
  // A run (..., ::) is another rule's business; a lone mark is this one's.
  if (!full || m[i - 1] === ch || m[i + 1] === ch) return undefined;
  const prev = before(m, i);
  const next = after(m, i);
  const closes = ch === '.' || ch === '?' || ch === '!';
  if (!isHan(prev) || !(isHan(next) || oneOf(OPENING_MARKS, next) || (closes && sentenceEnd(next)))) return undefined;
  const offset = block.start + i;
  const safe = (ch !== '?' && ch !== '.') || sentenceEnd(next);
  const to = block.start + (isHan(next) ? spacesAfter(block.source, i) : i + 1);
  return {
    rule: 'half-width-punctuation',
    offset,
    message: `A half-width ${ch} between Chinese characters.`,
    hint: safe
      ? `Write the full-width ${full}.`
      : ch === '?'
        ? `Write ${full} if a question ends here; a ? inside a word often stands for a character an old encoding lost.`
        : `Write ${full} if a sentence ends here, or the middle dot · between the parts of a foreign name.`,
    ...(safe ? { fix: [{ from: offset, to, text: full }] } : {}),
  };
}

/** ( … ) around Chinese words, after Chinese text: both halves become （ ）. */
function parenthesesAt(block: ProseBlock, i: number): Finding | undefined {
  const m = block.masked;
  const close = m.indexOf(')', i);
  const inner = close < 0 ? '' : m.slice(i + 1, close);
  if (close < 0 || inner.includes('(') || inner.includes('\n\n') || ![...inner].some(isHan)) return undefined;
  const outsideOk = (ch: string): boolean => ch === '' || isChinese(ch);
  if (!outsideOk(before(m, i)) || !outsideOk(after(m, close))) return undefined;
  const edits: Edit[] = [
    { from: block.start + i, to: block.start + i + 1, text: '（' },
    { from: block.start + close, to: block.start + close + 1, text: '）' },
  ];
  return {
    rule: 'half-width-punctuation',
    offset: block.start + i,
    message: 'Half-width parentheses ( ) around Chinese text.',
    hint: 'Write the full-width parentheses （ ）.',
    fix: edits,
  };
}

const HALF_WIDTH = /[,.;:?!(]/g;

export function halfWidthPunctuation(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    for (const i of indicesOf(block.masked, HALF_WIDTH)) {
      const finding = block.masked[i] === '(' ? parenthesesAt(block, i) : markAt(block, i);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

const FULL_WIDTH_ALNUM = /[Ａ-Ｚａ-ｚ０-９]+/g;

export function fullWidthAlphanumeric(blocks: ProseBlock[]): Finding[] {
  return blocks.flatMap((block) =>
    matchesOf(block.masked, FULL_WIDTH_ALNUM).map((m): Finding => {
      const ascii = [...m[0]].map((c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xfee0)).join('');
      return {
        rule: 'full-width-alphanumeric',
        offset: block.start + m.index,
        message: `Full-width letters or digits \`${m[0]}\` in Chinese text.`,
        hint: `Write them half-width: ${ascii}.`,
      };
    }),
  );
}

/**
 * Spaces or tabs (not the ideographic space U+3000, which layout uses on purpose) before a Han;
 * cjkSpace asks for a Han before them too. A look-behind first would make the engine try every
 * position of the text; spaces first, it skips to the next space.
 */
const SPACE_HAN = /[ \t]+(?=[\u3400-\u4dbf\u4e00-\u9fff])/g;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]$/;

/** 第一条 at the head of a paragraph: the space after it is the law's separator, printed full width. */
const ARTICLE_BEFORE = /(?:^|\n)[ \t]*第[一二三四五六七八九十百千零〇两\d]+条(?:之[一二三四五六七八九十\d]+)?$/;

export function cjkSpace(blocks: ProseBlock[]): Finding[] {
  return blocks.flatMap((block) =>
    matchesOf(block.masked, SPACE_HAN)
      .filter((m) => HAN.test(block.masked[m.index - 1] ?? '') && !ARTICLE_BEFORE.test(block.masked.slice(0, m.index)))
      .map(
      (m): Finding => ({
        rule: 'cjk-space',
        offset: block.start + m.index,
        message: 'A space between two Chinese characters prints as a gap.',
        hint: 'Remove the space; if a gap is meant (a poem, a name set apart), write the ideographic space U+3000.',
      }),
    ),
  );
}
