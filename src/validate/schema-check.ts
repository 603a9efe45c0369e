/**
 * Runs ajv and turns its errors into positioned diagnostics in the YAML source.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { schemaCode } from '../diagnostics/catalogue.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { FrontMatter } from './book-schema.js';
import type { FontsFile } from './fonts-schema.js';
import type { DesignOverrides } from '../typeset/design.js';
import type { BookMetadata } from '../model/metadata.js';
import { suggest } from '../diagnostics/suggest.js';
import { keywordProblemOf, type KeywordParams } from './keywords.js';
import { VALIDATORS } from './validators.js';

const { book: validateBook, frontMatter: validateFrontMatter, design: validateDesign, fonts: validateFonts } = VALIDATORS;

function pathOf(error: ErrorObject): string[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The fields allowed where an unknown one was written, from the schema ajv reports. */
function knownFields(e: ErrorObject): string[] {
  const properties = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function unknownFieldHint(e: ErrorObject): string {
  const written = String(e.params.additionalProperty);
  const near = suggest(written, knownFields(e));
  if (near) return `Did you mean \`${near}\`? \`${written}\` is not a field hanpress knows.`;
  const fields = knownFields(e);
  const list = fields.length > 0 && fields.length <= 12 ? ` Fields here: ${fields.join(', ')}.` : '';
  return `\`${written}\` is not a field hanpress knows; check its spelling or remove it.${list}`;
}

const HINTS: Record<string, (e: ErrorObject, field: string) => string> = {
  required: (e) => `Add \`${String(e.params.missingProperty)}:\` here.`,
  additionalProperties: unknownFieldHint,
  propertyNames: unknownNameHint,
  pattern: (_e, field) => PATTERN_HINTS[field] ?? 'Write the value in the documented form.',
  type: (e, field) =>
    e.params.type === 'string'
      ? `Write text here, in quotes when YAML would read it as a number or date. ${PATTERN_HINTS[field] ?? ''}`.trim()
      : `Write ${/^[aeiou]/.test(String(e.params.type)) ? 'an' : 'a'} ${String(e.params.type)} here.`,
  enum: (e) => `Use one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`,
  minItems: () => 'List at least one entry.',
  minLength: () => 'Write a value; an empty string is not allowed.',
};

const PATTERN_HINTS: Record<string, string> = {
  isbn: 'Write the ISBN-13 with hyphens, e.g. 978-7-5008-6790-6.',
  slug: 'Use lowercase ASCII letters, digits and single hyphens, e.g. my-book-2.',
  language: 'Use a BCP 47 tag such as zh-CN or zh-Hans.',
  price: 'Write the price in yuan with two decimals, in quotes, e.g. "55.00".',
  date: 'Write year and month as "YYYY-MM" in quotes, e.g. "2017-09".',
  printingDate: 'Write year and month as "YYYY-MM" in quotes, e.g. "2017-09".',
  publicationDate: 'Write year and month as "YYYY-MM" in quotes, e.g. "2017-08".',
  postcode: 'Write the six-digit postcode in quotes, e.g. "100120".',
  website: 'Write the full address starting with http:// or https://.',
  title: 'Remove spaces at the start and end of the title line.',
};

type SchemaPrefix = 'book' | 'front-matter' | 'design' | 'fonts';

const WHOLE: Record<SchemaPrefix, string> = { book: 'book.yaml', 'front-matter': 'the front matter', design: 'design.yaml', fonts: 'fonts.yaml' };

const REFERENCE: Record<SchemaPrefix, string> = {
  book: 'See the book.yaml reference in README.md.',
  'front-matter': 'See the book.yaml reference in README.md.',
  design: 'See the design file reference in docs/print.md.',
  fonts: 'See the fonts.yaml fields in docs/fonts.md.',
};

/**
 * fonts.yaml keeps the codes it had before it had a schema (codes are permanent): an unknown
 * key, a missing role, a fallback without a path, and any other wrong form.
 */
function fontsCode(error: ErrorObject, path: string[]): DiagnosticCode {
  if (error.keyword === 'additionalProperties') return 'fonts/unknown-field';
  if (error.keyword === 'required' && (path.length === 0 || error.params.missingProperty === 'normal')) return 'fonts/missing-role';
  if (error.keyword === 'required' && path[0] === 'fallback') return 'fonts/bad-fallback';
  return 'fonts/bad-entry';
}

/** A face is a path or `{ path, postscriptName }`: say so instead of "must be object". */
function fontsMessage(error: ErrorObject, path: string[], where: string, message: string): string {
  const isFace = ['normal', 'bold'].includes(path.at(-1) ?? '');
  if (isFace && error.keyword === 'type') return `${where} must be a font path, or \`{ path: …, postscriptName: … }\` for a face of a .ttc.`;
  return message;
}

function describe(error: ErrorObject, where: string): string {
  if (error.keyword === 'required') return `${where} is missing \`${String(error.params.missingProperty)}\`.`;
  if (error.keyword === 'additionalProperties') return `Unknown field \`${String(error.params.additionalProperty)}\` in ${where}.`;
  if (error.keyword === 'propertyNames') return `Unknown name \`${String(error.params.propertyName)}\` in ${where}.`;
  // ajv would print the regular expression; the hint says the form in words instead.
  if (error.keyword === 'pattern') return `${where} is not written in the expected form.`;
  return `${where} ${error.message ?? 'is invalid'}.`;
}

/** Drops the anyOf wrapper and its branch errors in favour of one clear message. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword === 'anyOf' || !anyOfPaths.has(e.instancePath))
    // A bad key under propertyNames (a lint rule id) is said once, by the propertyNames error.
    .filter((e) => e.keyword === 'propertyNames' || e.propertyName === undefined)
    // An if/then/else failure is said by the branch's own error (fonts.yaml faces).
    .filter((e) => e.keyword !== 'if');
}

/** The names allowed where a propertyNames error was raised (the enum of its schema). */
function allowedNames(e: ErrorObject): string[] {
  const names = (e.schema as { enum?: unknown[] } | undefined)?.enum;
  return Array.isArray(names) ? names.map(String) : [];
}

function unknownNameHint(e: ErrorObject): string {
  const written = String(e.params.propertyName);
  const names = allowedNames(e);
  const near = suggest(written, names);
  return `${near ? `Did you mean \`${near}\`? ` : ''}Use one of: ${names.join(', ')}.`;
}

/** Errors from our own keywords carry their diagnostic code and hint. */
function ownParams(error: ErrorObject): (KeywordParams & { message?: string }) | undefined {
  const params = error.params as Partial<KeywordParams>;
  if (typeof params.code === 'string' && typeof params.hint === 'string') {
    return { code: params.code, hint: params.hint, message: error.message };
  }
  if (error.keyword === 'type' && typeof error.data === 'number') {
    const problem = keywordProblemOf(error.parentSchema, error.data);
    if (problem) return { ...problem, hint: `${problem.hint} Put the value in quotes so YAML keeps it as text.` };
  }
  return undefined;
}

/**
 * A misspelt required field (`pubisher:`) is one mistake, not two: the "missing `publisher`"
 * error goes when the unknown field next to it is suggested as `publisher`.
 */
function withoutMisspeltRequired(errors: ErrorObject[]): ErrorObject[] {
  const meant = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => `${e.instancePath}/${suggest(String(e.params.additionalProperty), knownFields(e)) ?? ''}`),
  );
  return errors.filter((e) => e.keyword !== 'required' || !meant.has(`${e.instancePath}/${String(e.params.missingProperty)}`));
}

export function schemaDiagnostics(errors: ErrorObject[], source: YamlSource, codePrefix: SchemaPrefix): Diagnostic[] {
  return withoutMisspeltRequired(relevant(errors)).map((error) => {
    const path = pathOf(error);
    const field = path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
    const where = path.length > 0 ? `\`${path.join('.')}\`` : WHOLE[codePrefix];
    const at = error.keyword === 'additionalProperties' ? [...path, String(error.params.additionalProperty)] : path;
    const position = source.positionOf(at, error.keyword === 'additionalProperties' ? 'key' : 'value');
    const own = ownParams(error);
    if (own) return { code: own.code, severity: 'error' as const, message: own.message ?? '', file: source.file, ...position, hint: own.hint };
    const described =
      error.keyword === 'anyOf' ? `${where} must be one line of text or a list of lines.` : describe(error, where);
    const message = codePrefix === 'fonts' ? fontsMessage(error, path, where, described) : described;
    return {
      code: codePrefix === 'fonts' ? fontsCode(error, path) : schemaCode(codePrefix, error.keyword),
      severity: 'error' as const,
      message,
      file: source.file,
      ...position,
      hint: (HINTS[error.keyword] ?? (() => REFERENCE[codePrefix]))(error, field),
    };
  });
}

export function checkBookMetadata(source: YamlSource): { meta?: BookMetadata; diagnostics: Diagnostic[] } {
  const value = source.value;
  if (validateBook(value)) return { meta: value, diagnostics: [] };
  return { diagnostics: schemaDiagnostics(validateBook.errors ?? [], source, 'book') };
}

/** A book's design.yaml; an empty file overrides nothing. */
export function checkDesign(source: YamlSource): { design?: DesignOverrides; diagnostics: Diagnostic[] } {
  const value = source.value ?? {};
  if (validateDesign(value)) return { design: value, diagnostics: [] };
  return { diagnostics: schemaDiagnostics(validateDesign.errors ?? [], source, 'design') };
}

export function checkFrontMatter(source: YamlSource): { frontMatter?: FrontMatter; diagnostics: Diagnostic[] } {
  const value = source.value ?? {};
  if (validateFrontMatter(value)) return { frontMatter: value, diagnostics: [] };
  return { diagnostics: schemaDiagnostics(validateFrontMatter.errors ?? [], source, 'front-matter') };
}

/** fonts.yaml (hanpress's or a book's own): its shape; the files it names are resolved after. */
export function checkFonts(source: YamlSource): { fonts?: FontsFile; diagnostics: Diagnostic[] } {
  const value = source.value ?? {};
  if (validateFonts(value)) return { fonts: value, diagnostics: [] };
  return { diagnostics: schemaDiagnostics(validateFonts.errors ?? [], source, 'fonts') };
}
