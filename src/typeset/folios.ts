/**
 * Printed page numbers. Main matter is numbered from its first page (the first part-title
 * page counts as 1 though it prints none), so the first article is on page 3 as the seed's
 * TOC says (003); the front matter before it counts from the title page in lower-case roman
 * numerals, printed only on its text pages (前言, 目录).
 */

const ROMAN: Array<[number, string]> = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

export function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** Folio of a physical page, given the physical page where main matter starts. */
export function folioOf(page: number, mainStart: number | undefined): string {
  if (mainStart === undefined || page < mainStart) return roman(page);
  return String(page - mainStart + 1);
}

/** The TOC's form of a folio: three digits in parentheses, (003); roman folios as they are. */
export function tocFolio(folio: string): string {
  return /^\d+$/.test(folio) ? `(${folio.padStart(3, '0')})` : `(${folio})`;
}
