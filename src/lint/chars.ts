/**
 * Character classes the rules share. Everything works on UTF-16 code units: positions are
 * reported in code units (as the code frame expects), and the marks themselves are all BMP.
 */

/** Stands for a masked character (code, math, URL, Latin text): never Chinese, never a mark. */
export const MASK = '\uFFFC';
/** Stands for Markdown structure (indentation, >, list markers, #): transparent, like a line break. */
export const MARKUP = '\u200B';

export function isHan(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    // High surrogates of planes 2–3 (CJK extensions B–H); a lone half is never text here.
    (c >= 0xd840 && c <= 0xd8bf) ||
    c === 0x3007 // 〇
  );
}

export const OPENING_MARKS = '“‘（《〈「『【〔';
export const CLOSING_MARKS = '”’）》〉」』】〕';
/** Marks that end or split a sentence (点号). */
export const PAUSE_MARKS = '，。、；：？！';

export function isCjkPunct(ch: string | undefined): boolean {
  if (!ch) return false;
  return (OPENING_MARKS + CLOSING_MARKS + PAUSE_MARKS + '…—～·　').includes(ch);
}

/** Han character or Chinese punctuation: the context that makes a mark "in Chinese text". */
export function isChinese(ch: string | undefined): boolean {
  return isHan(ch) || isCjkPunct(ch);
}

export function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z]$/.test(ch);
}

/** Emphasis markers and soft whitespace do not separate two characters in print. */
const TRANSPARENT = new Set([' ', '\t', '\r', '\n', '*', MARKUP]);

/** The nearest printed character before index i, or '' at the start of the text. */
export function before(text: string, i: number): string {
  for (let j = i - 1; j >= 0; j--) {
    const ch = text[j] as string;
    if (!TRANSPARENT.has(ch)) return ch;
  }
  return '';
}

/** The nearest printed character after index i, or '' at the end of the text. */
export function after(text: string, i: number): string {
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j] as string;
    if (!TRANSPARENT.has(ch)) return ch;
  }
  return '';
}

/** Index just past a run of the same character starting at i. */
export function runEnd(text: string, i: number, chars: string): number {
  let j = i;
  while (j < text.length && chars.includes(text[j] as string)) j++;
  return j;
}

/** Index of the first printed character from `from` on (MASK counts as printed), or -1. */
export function firstPrintedIndex(text: string, from = 0, stopAtLineEnd = false): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i] as string;
    if (stopAtLineEnd && ch === '\n') return -1;
    if (!TRANSPARENT.has(ch)) return i;
  }
  return -1;
}

/** `set` holds `ch` (a one-character string); false for '' (String.includes('') is always true). */
export function oneOf(set: string, ch: string): boolean {
  return ch !== '' && set.includes(ch);
}

/**
 * Indices where `pattern` (global, each match at least one character long) matches: the places
 * a rule has to look at. The regular expression engine finds them in native code, where a loop
 * over every character of a chapter would run in the interpreter until it warms up.
 */
export function indicesOf(text: string, pattern: RegExp): number[] {
  const found: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(m.index);
  return found;
}

/** The matches of `pattern` (global): like matchAll, without its copy of the expression per call. */
export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(m);
  return found;
}
