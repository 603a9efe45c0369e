/**
 * Character classes the cleaning rules share. "CJK" here means Han ideographs plus the
 * full-width punctuation that sits between them in running text.
 */

export const HAN = '\\p{Script=Han}';
const HAN_RE = /\p{Script=Han}/u;

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN_RE.test(ch);
}

/** Full-width punctuation that may stand next to a Han character in running text. */
const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉「」『』【】…—·　';

export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch) || CJK_PUNCT.includes(ch));
}

/** Characters a paragraph (or a sentence) can end with. */
export const CLOSING = '。！？；：…”’）」』》】.!?;:)';

export function endsClosed(text: string): boolean {
  const last = text.trimEnd().slice(-1);
  return last !== '' && CLOSING.includes(last);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ'];

export const CIRCLED_CLASS = `[${CIRCLED}]`;

/** ② → Ⅱ: the OCR reads a superscript volume number as a circled digit. */
export function circledToRoman(ch: string): string | undefined {
  const i = CIRCLED.indexOf(ch);
  return i < 0 ? undefined : ROMAN[i];
}

/** Latin letters read for Roman numeral characters: II → Ⅱ. */
export function latinToRoman(text: string): string | undefined {
  const latin = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  const i = latin.indexOf(text);
  return i < 0 ? undefined : ROMAN[i];
}

export const CN_NUMERAL = '[一二三四五六七八九十百]+';

/** Visible length in characters (code points), for the length heuristics. */
export function charLength(text: string): number {
  return [...text].length;
}
