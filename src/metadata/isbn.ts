/**
 * ISBN-13 checks beyond the schema's pattern: the check digit, and hyphens where the ISBN
 * range data (isbn3) puts them for the group and publisher.
 */
import ISBN from 'isbn3';

export type IsbnProblem =
  | { kind: 'check-digit'; expected: string }
  | { kind: 'hyphenation'; expected: string }
  | { kind: 'unknown-range' };

export function isbn13CheckDigit(first12: string): string {
  const sum = Array.from(first12).reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}

export function checkIsbn13(isbn: string): IsbnProblem | undefined {
  const digits = isbn.replace(/-/g, '');
  const expectedCheck = isbn13CheckDigit(digits.slice(0, 12));
  if (digits.at(-1) !== expectedCheck) return { kind: 'check-digit', expected: expectedCheck };
  const hyphenated = ISBN.hyphenate(digits);
  if (!hyphenated) return { kind: 'unknown-range' };
  if (hyphenated !== isbn) return { kind: 'hyphenation', expected: hyphenated };
  return undefined;
}
