/**
 * Note numbers as Chinese books print them: circled digits ①②③, restarting in every article.
 * Unicode has circled numbers up to 50 (①–⑳ U+2460, ㉑–㉟ U+3251, ㊱–㊿ U+32B1); beyond that a
 * bracketed number is used, as typesetters do when the circled sort runs out.
 */
export function noteMarker(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `[${n}]`;
}
