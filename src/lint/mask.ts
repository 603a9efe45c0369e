/**
 * Masks everything in a prose block that is not Chinese prose, so no rule can fire there:
 * container markup, code spans, math, autolinks, link targets, URLs, e-mail addresses, ISBNs,
 * and Latin runs (a Latin sentence keeps its own punctuation; CLC numbers such as TP311.13 are
 * Latin runs too). Masked characters become MASK; the string keeps its length, so an index in
 * the masked text is an index in the source.
 */
import { MARKUP, MASK } from './chars.js';

type Range = [number, number];

/** Line prefixes that are Markdown structure, not text: indentation, >, list markers, #, [^1]:. */
const CONTAINER = /^[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}(?=[ \t]|$)[ \t]*|\[\^[^\]\s]+\]:[ \t]*)[ \t]*)*/;
const SETEXT_UNDERLINE = /^[ \t]*(?:=+|-+)[ \t]*$/;
const LINT_COMMENT = /^[ \t]*<!--\s*hanpress-lint-[\s\S]*?-->[ \t]*$/;

const URL = /(?:https?|ftp):\/\/[\x21-\x7e]+|www\.[A-Za-z0-9-]+\.[\x21-\x7e]+/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const ISBN = /ISBN(?:-1[03])?[:：]?[ \t]*[0-9][0-9 -]{8,15}[0-9Xx]/g;
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>/g;
const NEWLINE = 0x0a;
const MASK_CODE = MASK.charCodeAt(0);
const MARKUP_CODE = MARKUP.charCodeAt(0);

/** Masks code units in place; line breaks stay, so line starts stay visible to the rules. */
function maskRange(codes: Uint16Array, [from, to]: Range, mask = MASK_CODE): void {
  for (let i = from; i < to; i++) if (codes[i] !== NEWLINE) codes[i] = mask;
}

function lineRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    ranges.push([start, end]);
    start = end + 1;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/** Whether a line can begin with markup: every pattern below starts with one of these. */
function mayOpenMarkup(c: number): boolean {
  // space tab # * + - 0-9 < = > [
  return c === 0x20 || c === 0x09 || c === 0x23 || c === 0x2a || c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39) || (c >= 0x3c && c <= 0x3e) || c === 0x5b;
}

function containerRanges(text: string): Range[] {
  return lineRanges(text).map(([from, to]) => {
    // Most lines of prose start with a character: no need to cut the line out and try it.
    if (!mayOpenMarkup(text.charCodeAt(from))) return [from, from];
    const line = text.slice(from, to);
    if (SETEXT_UNDERLINE.test(line) || LINT_COMMENT.test(line)) return [from, to];
    const prefix = CONTAINER.exec(line)?.[0].length ?? 0;
    return [from, from + prefix];
  });
}

/** Code spans: a backtick run closes at the next run of the same length (CommonMark). */
function codeSpanRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, n: m[0].length }));
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k] as { at: number; n: number };
    const close = runs.findIndex((r, j) => j > k && r.n === open.n);
    if (close < 0) continue;
    const end = runs[close] as { at: number; n: number };
    ranges.push([open.at, end.at + end.n]);
    k = close;
  }
  return ranges;
}

function isEscaped(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

/** $$…$$ (unclosed: to the end of the block) and $…$ with TeX's no-space-inside rule. */
function mathRanges(text: string, skip: (i: number) => boolean): Range[] {
  const ranges: Range[] = [];
  let i = text.indexOf('$');
  while (i >= 0 && i < text.length) {
    if (skip(i) || isEscaped(text, i)) {
      i = text.indexOf('$', i + 1);
      continue;
    }
    const display = text[i + 1] === '$';
    const close = display ? text.indexOf('$$', i + 2) : inlineMathClose(text, i);
    if (display) {
      const end = close < 0 ? text.length : close + 2;
      ranges.push([i, end]);
      i = text.indexOf('$', end);
    } else if (close > 0) {
      ranges.push([i, close + 1]);
      i = text.indexOf('$', close + 1);
    } else i = text.indexOf('$', i + 1);
  }
  return ranges;
}

function inlineMathClose(text: string, open: number): number {
  if (/\s/.test(text[open + 1] ?? ' ')) return -1;
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\n' && text[j + 1] === '\n') return -1;
    if (text[j] === '$' && !isEscaped(text, j) && !/\s/.test(text[j - 1] ?? ' ')) return j;
  }
  return -1;
}

/** The destination of an inline link or image: ](…) with nested parentheses. */
function linkTargetRanges(text: string): Range[] {
  const ranges: Range[] = [];
  for (let i = text.indexOf('](', 0); i >= 0; i = text.indexOf('](', i + 1)) {
    let depth = 0;
    for (let j = i + 1; j < text.length && text[j] !== '\n'; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) {
        ranges.push([i + 1, j + 1]);
        break;
      }
    }
  }
  return ranges;
}

function regexRanges(text: string, pattern: RegExp): Range[] {
  return [...text.matchAll(pattern)].map((m): Range => [m.index, m.index + m[0].length]);
}

/**
 * Maximal runs of printable Latin characters (with ’ between two letters: an apostrophe, as in
 * don’t, not a closing quote): a Latin word, sentence, identifier, CLC number or code. The
 * alternatives cannot both match one character, so the engine never backtracks; a run cannot
 * start with the apostrophe, whose letter before it would belong to the run.
 */
const LATIN_RUN = /[\x20-\x7e\xc0-\u024f](?:[\x20-\x7e\xc0-\u024f]|(?<=[A-Za-z\xc0-\u024f])’(?=[A-Za-z\xc0-\u024f]))*/g;
const LATIN_LETTER = /[A-Za-z\xc0-\u024f]/;

/** Masks the Latin runs that hold a letter (a run of spaces or digits alone stays). */
function maskLatin(text: string): string {
  return text.replace(LATIN_RUN, (run) => (LATIN_LETTER.test(run) ? MASK.repeat(run.length) : run));
}

const UTF16 = new TextDecoder('utf-16le');

/** Each pattern with what a text must hold for it to match at all (a cheap test that skips it). */
const PATTERNS: [RegExp, (text: string) => boolean][] = [
  [AUTOLINK, (t) => t.includes('<')],
  [URL, (t) => t.includes('://') || t.includes('www.')],
  [EMAIL, (t) => t.includes('@')],
  [ISBN, (t) => t.includes('ISBN')],
];

function codesOf(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** The text with its markup masked; the text itself when there is none (no copy is made). */
function maskMarkup(text: string): string {
  let codes: Uint16Array | undefined;
  const mask = (r: Range, code = MASK_CODE): void => {
    if (r[0] < r[1]) maskRange((codes ??= codesOf(text)), r, code);
  };
  for (const r of containerRanges(text)) mask(r, MARKUP_CODE);
  if (text.includes('`')) for (const r of codeSpanRanges(text)) mask(r);
  const inCode = (i: number): boolean => codes?.[i] === MASK_CODE || codes?.[i] === MARKUP_CODE;
  if (text.includes('$')) for (const r of mathRanges(text, inCode)) mask(r);
  for (const [pattern, may] of PATTERNS) if (may(text)) for (const r of regexRanges(text, pattern)) mask(r);
  for (const r of linkTargetRanges(text)) mask(r);
  return codes ? UTF16.decode(codes) : text;
}

/**
 * Every mask starts at an ASCII character (markup, code, URL, Latin run) or a Latin letter, and
 * a line break is never masked: a text without them (most paragraphs of a Chinese book) is
 * its own mask, and the work below is skipped.
 */
const MAY_MASK = /[^\n\x80-\xbf\u0250-\uffff]/;

/** Masks one block's source text (as it stands in the file, container markup included). */
export function maskProse(text: string): string {
  // Latin runs last, on what is still unmasked: a mask breaks a run, so `x`, 中文 stays apart.
  return MAY_MASK.test(text) ? maskLatin(maskMarkup(text)) : text;
}

/** Like maskProse, but Latin text stays visible: for rules about Markdown, not Chinese prose. */
export function maskMarkupOnly(text: string): string {
  return MAY_MASK.test(text) ? maskMarkup(text) : text;
}
