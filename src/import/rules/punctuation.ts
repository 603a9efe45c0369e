/**
 * Half-width punctuation OCR'd between Chinese characters becomes full-width (`,` → `，`,
 * `:` → `：`, `(…)` → `（…）`). Latin words, numbers, URLs, ISBNs and CIP lines keep theirs:
 * a mark changes only when a Han character stands beside it, and protected spans are skipped.
 */
import { result, type Change, type RuleResult } from '../types.js';

const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };

/** Spans whose punctuation is the standard's own or not Chinese at all. */
const PROTECTED = /(https?:\/\/\S+|www\.\S+|ISBN[\s\d-]*[\dXx]|CIP[^，。]*)/g;

/** `,` `:` `;` after a Han character (or closing mark) and before Han, an opening mark or a digit. */
const MARK = /(?<=[\p{Script=Han}”’）》])\s*([,:;?!])\s*(?=[\p{Script=Han}“‘（《\d])/gu;
/** `?` `!` closing a Chinese sentence at the end of the text. */
const FINAL_MARK = /(?<=\p{Script=Han})\s*([?!])\s*$/u;
/** A parenthesis pair written with at least one half-width mark. */
const PARENS = /[(（]([^()（）]*)[)）]/g;

function parensAreChinese(inner: string, before: string): boolean {
  return /\p{Script=Han}/u.test(inner) || /\p{Script=Han}\s*$/u.test(before);
}

function fixParens(text: string): string {
  return text.replace(PARENS, (whole: string, inner: string, offset: number) => {
    if (!whole.includes('(') && !whole.includes(')')) return whole;
    return parensAreChinese(inner, text.slice(0, offset)) ? `（${inner.trim()}）` : whole;
  });
}

/** Spaces OCR put around a full-width parenthesis next to Chinese text or digits. */
function tightenParens(text: string): string {
  return text
    .replace(/(?<=[\p{Script=Han}\d])\s+(?=（)/gu, '')
    .replace(/(?<=）)\s+(?=[\p{Script=Han}\d（])/gu, '');
}

function fixPlain(text: string): string {
  const marks = text.replace(MARK, (_m: string, mark: string) => FULL[mark] ?? mark);
  return tightenParens(fixParens(marks)).replace(FINAL_MARK, (_m: string, mark: string) => FULL[mark] ?? mark);
}

export function fullWidthPunctuation(text: string, line: number): RuleResult<string> {
  const parts = text.split(PROTECTED);
  // split() with a capturing group puts the protected spans at odd indexes.
  const after = parts.map((part, i) => (i % 2 === 1 ? part : fixPlain(part))).join('');
  const changes: Change[] = after === text ? [] : [{ rule: 'punctuation', line, before: text, after }];
  return result(after, changes);
}
