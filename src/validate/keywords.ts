/**
 * ajv keywords for what JSON Schema cannot say: ISBN check digits and hyphenation, 中图法
 * class numbers, BCP 47 tags, the closed list of contributor roles, volume numerals.
 * Each failure carries its own diagnostic code and hint in `params`.
 *
 * Plain functions without ajv: the validators compiled at build time (lib/validate/
 * validators.generated.js) import them, and ajv itself loads only where it compiles
 * (validate/ajv-compile.ts).
 */
import { parse as parseBcp47 } from 'bcp-47';
import type { DiagnosticCode } from '../diagnostics/diagnostic.js';
import { checkClc } from '../metadata/clc.js';
import { checkIsbn13 } from '../metadata/isbn.js';
import { ROLE_NAMES } from '../metadata/roles.js';

export interface KeywordParams {
  code: DiagnosticCode;
  hint: string;
}

export type Check = (value: string) => (KeywordParams & { message: string }) | undefined;

export const ISBN_PATTERN = '^97[89]-[0-9]{1,5}-[0-9]+-[0-9]+-[0-9]$';

function isbnCheck(value: string): ReturnType<Check> {
  // The pattern keyword reports malformed values; digits are only checked once the form is right.
  if (!new RegExp(ISBN_PATTERN).test(value)) return undefined;
  const problem = checkIsbn13(value);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case 'check-digit':
      return {
        code: 'isbn/check-digit',
        message: `The ISBN ${value} has a wrong check digit.`,
        hint: `ISBN check digit should be ${problem.expected}; check the other digits against the CIP data too.`,
      };
    case 'hyphenation':
      return {
        code: 'isbn/hyphenation',
        message: `The ISBN ${value} is hyphenated differently from its registration group and publisher range.`,
        hint: `Write ${problem.expected}.`,
      };
    case 'unknown-range':
      return {
        code: 'isbn/unknown-range',
        message: `The ISBN ${value} lies in no known registration group or publisher range.`,
        hint: 'Copy the ISBN from the CIP data or the publisher’s ISBN allocation.',
      };
  }
}

function clcCheck(value: string): ReturnType<Check> {
  const problem = checkClc(value);
  return problem && { code: 'cip/clc', message: `\`${value}\` is not a 中图法 class number.`, hint: problem.hint };
}

function bcp47Check(value: string): ReturnType<Check> {
  if (parseBcp47(value).language) return undefined;
  return {
    code: 'language/bcp47',
    message: `\`${value}\` is not a BCP 47 language tag.`,
    hint: 'Write a tag such as zh-CN or zh-Hans (for Simplified Chinese), zh-TW or zh-Hant (Traditional).',
  };
}

function roleCheck(value: string): ReturnType<Check> {
  if (ROLE_NAMES.includes(value)) return undefined;
  const squeezed = value.replace(/[\s\u3000]+/g, '');
  const hint = ROLE_NAMES.includes(squeezed)
    ? `Write ${squeezed}, not ${value}: spacing on the printed page is layout, not part of the role.`
    : `Use one of: ${ROLE_NAMES.join(' ')}.`;
  return { code: 'contributors/role', message: `\`${value}\` is not a contributor role hanpress knows.`, hint };
}

const ROMAN = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
const LATIN_ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function volumeCheck(value: string): ReturnType<Check> {
  const latin = LATIN_ROMAN.indexOf(value.trim().toUpperCase());
  if (latin < 0) return undefined;
  const numeral = ROMAN[latin] ?? '';
  return {
    code: 'title/latin-numeral',
    message: `\`${value}\` is written with Latin letters.`,
    hint: `Write the Roman numeral character ${numeral} (U+${numeral.codePointAt(0)?.toString(16).toUpperCase()}), as the CIP data prints it.`,
  };
}

export const KEYWORD_CHECKS: Record<string, Check> = {
  isbn13: isbnCheck,
  clc: clcCheck,
  bcp47: bcp47Check,
  role: roleCheck,
  volumeNumber: volumeCheck,
};

/**
 * When YAML read a value as a number (1247.55, an ISBN without hyphens), the type error alone
 * hides the real slip; our keyword's check on the text of the value names it.
 */
export function keywordProblemOf(schema: unknown, value: unknown): (KeywordParams & { message: string }) | undefined {
  if (typeof schema !== 'object' || schema === null || value === null || value === undefined) return undefined;
  for (const [keyword, check] of Object.entries(KEYWORD_CHECKS)) {
    if ((schema as Record<string, unknown>)[keyword] === true) return check(String(value));
  }
  return undefined;
}
