/**
 * Character classes for Chinese line composition after W3C clreq and GB/T 15834 (horizontal
 * text, Simplified Chinese: stops and pauses sit in the left half of their em box).
 */

/** Opening brackets and quotes: never at a line end; half width after another opening mark. */
export const OPENING = new Set(Array.from('（「『“‘《〈【〔〖［｛'));

/** Closing brackets and quotes. */
export const CLOSING = new Set(Array.from('）」』”’》〉】〕〗］｝'));

/** Full-width stops and pauses. */
export const STOPS = new Set(Array.from('，。、；：？！'));

/** Other marks that must not begin a line (interpunct, iteration marks, wave dash). */
const OTHER_NO_START = new Set(Array.from('·・々〻ー～〜'));

/** Latin-side characters that must not begin (closing) or end (opening) a line. */
const LATIN_NO_START = new Set(Array.from(')]},.;:!?%'));
const LATIN_NO_END = new Set(Array.from('([{'));

export type CharKind = 'cjk' | 'open' | 'close' | 'dash' | 'ellipsis' | 'latin' | 'space' | 'break';

/** Ideographs, kana, Hangul, full-width forms, CJK symbols: set on the em grid. */
const WIDE = /[\u1100-\u115f\u2460-\u24ff\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

export function charKind(ch: string): CharKind {
  if (ch === '\n') return 'break';
  if (ch === ' ' || ch === '\t') return 'space';
  if (ch === '—' || ch === '―') return 'dash';
  if (ch === '…' || ch === '⋯') return 'ellipsis';
  if (OPENING.has(ch)) return 'open';
  if (CLOSING.has(ch) || STOPS.has(ch)) return 'close';
  if (WIDE.test(ch) || OTHER_NO_START.has(ch) || ch === '\u00b7') return 'cjk';
  return 'latin';
}

export function noStart(ch: string): boolean {
  return CLOSING.has(ch) || STOPS.has(ch) || OTHER_NO_START.has(ch) || ch === '\u00b7' || LATIN_NO_START.has(ch);
}

export function noEnd(ch: string): boolean {
  return OPENING.has(ch) || LATIN_NO_END.has(ch);
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
