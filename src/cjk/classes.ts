/**
 * Character classes for Chinese line composition after W3C clreq and GB/T 15834 (horizontal
 * text, Simplified Chinese: stops and pauses sit in the left half of their em box).
 *
 * Speed: the composer asks for every character of a book, several times over, so the classes of
 * the Basic Multilingual Plane are one table by code unit, built once from the sets below.
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

/** Ideographs, kana, Hangul, full-width forms, CJK symbols (BMP): set on the em grid. */
const WIDE_BMP: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2460, 0x24ff],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
];

/** Supplementary ideographs (planes 2 and 3). */
function wideAstral(cp: number): boolean {
  return cp >= 0x20000 && cp <= 0x3fffd;
}

/** Index of a kind in the table; the order is the table's encoding, nothing more. */
const KINDS: readonly CharKind[] = ['latin', 'cjk', 'open', 'close', 'dash', 'ellipsis', 'space', 'break'];
const KIND_MASK = 0x0f;
const NO_START = 0x10;
const NO_END = 0x20;

function codes(chars: Iterable<string>): number[] {
  return Array.from(chars, (ch) => ch.charCodeAt(0));
}

/**
 * Kind (low bits) and line-edge prohibitions (flags) of every BMP code unit. Kinds are written
 * from the weakest rule to the strongest, so each character ends with the kind charKind gave it
 * when it was a chain of tests (a break before a space before a dash … before wide before Latin).
 */
function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const kind = (cps: Iterable<number>, k: CharKind): void => {
    for (const cp of cps) table[cp] = ((table[cp] ?? 0) & ~KIND_MASK) | KINDS.indexOf(k);
  };
  for (const [from, to] of WIDE_BMP) for (let cp = from; cp <= to; cp++) table[cp] = KINDS.indexOf('cjk');
  kind(codes([...OTHER_NO_START, '\u00b7']), 'cjk');
  kind(codes([...CLOSING, ...STOPS]), 'close');
  kind(codes(OPENING), 'open');
  kind(codes('…⋯'), 'ellipsis');
  kind(codes('—―'), 'dash');
  kind(codes(' \t'), 'space');
  kind(codes('\n'), 'break');
  for (const cp of codes([...CLOSING, ...STOPS, ...OTHER_NO_START, '\u00b7', ...LATIN_NO_START])) table[cp] = (table[cp] ?? 0) | NO_START;
  for (const cp of codes([...OPENING, ...LATIN_NO_END])) table[cp] = (table[cp] ?? 0) | NO_END;
  return table;
}

const TABLE = buildTable();

/** The kind of one code point. */
export function kindOfCodePoint(cp: number): CharKind {
  if (cp > 0xffff) return wideAstral(cp) ? 'cjk' : 'latin';
  return KINDS[(TABLE[cp] ?? 0) & KIND_MASK] ?? 'latin';
}

/** One character, as a string of one code point. */
export function charKind(ch: string): CharKind {
  const cp = ch.codePointAt(0);
  if (cp !== undefined && ch.length === (cp > 0xffff ? 2 : 1)) return kindOfCodePoint(cp);
  // Not one character: no mark matches; any wide character makes it wide, as an unanchored test.
  return Array.from(ch).some(isWide) ? 'cjk' : 'latin';
}

/** In a wide range (the em grid) by code point, whatever its mark class. */
function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp > 0xffff) return wideAstral(cp);
  return WIDE_BMP.some(([from, to]) => cp >= from && cp <= to);
}

/** A one-code-unit string's table flags; anything else has none (the sets hold BMP characters). */
function flags(ch: string): number {
  return ch.length === 1 ? (TABLE[ch.charCodeAt(0)] ?? 0) : 0;
}

export function noStart(ch: string): boolean {
  return (flags(ch) & NO_START) !== 0;
}

export function noEnd(ch: string): boolean {
  return (flags(ch) & NO_END) !== 0;
}

/** By code unit, for the composer's inner loop (a surrogate half has no prohibition). */
export function noStartCode(code: number): boolean {
  return ((TABLE[code] ?? 0) & NO_START) !== 0;
}

export function noEndCode(code: number): boolean {
  return ((TABLE[code] ?? 0) & NO_END) !== 0;
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
