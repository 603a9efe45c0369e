/**
 * JSON Schema (2020-12) for book.yaml. Shape and formats only; cross-field rules (CIP, ISBN
 * check digit, 印张 × 开数) live in their own functions.
 */
import { LINT_RULE_IDS } from '../lint/rule-ids.js';
import { ISBN_PATTERN } from './keywords.js';
import { PAPER_KINDS } from '../cover/paper.js';

const text = { type: 'string', minLength: 1 } as const;
const yearMonth = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
const names = { type: 'array', items: text, minItems: 1 } as const;
const isbn = { type: 'string', pattern: ISBN_PATTERN, isbn13: true } as const;
const phone = {
  type: 'object',
  additionalProperties: false,
  required: ['number'],
  properties: { number: text, label: text },
} as const;

export const bookSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hanpress.dev/schema/book.json',
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'language', 'title', 'contributors', 'publisher', 'isbn', 'cip', 'edition', 'print', 'price', 'staff', 'rights', 'contents'],
  properties: {
    slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    language: { type: 'string', bcp47: true },
    title: {
      type: 'object',
      additionalProperties: false,
      required: ['main'],
      properties: { main: text, partNumber: { ...text, volumeNumber: true }, partName: text, otherInfo: text },
    },
    contributors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: { name: text, role: { type: 'string', role: true }, primary: { type: 'boolean' }, fileAs: text },
      },
    },
    publisher: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'place'],
      properties: {
        name: text,
        place: text,
        address: text,
        postcode: { type: 'string', pattern: '^[0-9]{6}$' },
        website: { type: 'string', pattern: '^https?://' },
        phones: { type: 'array', items: phone },
        salesPhones: { type: 'array', items: phone },
      },
    },
    isbn: isbn,
    ebookIsbn: isbn,
    series: {
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: { title: text, number: text },
    },
    cip: {
      type: 'object',
      additionalProperties: false,
      required: ['profile', 'publicationDate', 'subjects', 'clc', 'number'],
      properties: {
        profile: { enum: ['2001', '2023'] },
        publicationDate: yearMonth,
        subjects: names,
        clc: { type: 'array', minItems: 1, items: { type: 'string', clc: true } },
        number: text,
      },
    },
    edition: {
      type: 'object',
      additionalProperties: false,
      required: ['number', 'date', 'printing', 'printingDate'],
      properties: {
        number: { type: 'integer', minimum: 1 },
        date: yearMonth,
        printing: { type: 'integer', minimum: 1 },
        printingDate: yearMonth,
      },
    },
    print: {
      type: 'object',
      additionalProperties: false,
      required: ['paper', 'fold', 'kiloCharacters'],
      properties: {
        paper: {
          type: 'object',
          additionalProperties: false,
          required: ['width', 'height'],
          properties: { width: { type: 'number', exclusiveMinimum: 0 }, height: { type: 'number', exclusiveMinimum: 0 } },
        },
        fold: { enum: [8, 16, 32, 64] },
        sheets: { type: 'number', exclusiveMinimum: 0 },
        kiloCharacters: { type: 'number', exclusiveMinimum: 0 },
        pdfx: { enum: ['PDF/X-4', 'PDF/X-1a'] },
        caliper: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        paperWeight: { type: 'number', minimum: 30, maximum: 400 },
        paperKind: { enum: PAPER_KINDS },
        outputIntent: {
          type: 'object',
          additionalProperties: false,
          required: ['profile', 'identifier'],
          properties: { profile: text, identifier: text, condition: text, registry: text },
        },
      },
    },
    cover: {
      type: 'object',
      additionalProperties: false,
      properties: {
        blurb: text,
        flaps: { type: 'number', minimum: 30, maximum: 200 },
        spineMinimum: { type: 'number', minimum: 0, maximum: 50 },
        colour: { type: 'array', items: { type: 'number', minimum: 0, maximum: 100 }, minItems: 4, maxItems: 4 },
      },
    },
    price: { type: 'string', pattern: '^[0-9]+\\.[0-9]{2}$' },
    staff: {
      type: 'object',
      additionalProperties: false,
      required: ['editors'],
      properties: { publisher: text, editors: names, proofreaders: names, production: names },
    },
    distributor: text,
    printer: text,
    notice: text,
    rights: text,
    lint: { type: 'object', propertyNames: { enum: LINT_RULE_IDS }, additionalProperties: { enum: ['off', 'warning', 'error'] } },
    contents: {
      type: 'object',
      additionalProperties: false,
      required: ['parts'],
      properties: {
        front: { type: 'array', items: { type: 'string', pattern: '\\.md$' }, default: [] },
        parts: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['label', 'title', 'chapters'],
            properties: {
              label: text,
              title: text,
              chapters: { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\.md$' } },
            },
          },
        },
      },
    },
  },
} as const;

const titleLine = { type: 'string', minLength: 1, pattern: '^\\S(.*\\S)?$' } as const;

/** Front matter of a chapter or front-matter Markdown file. */
export const frontMatterSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hanpress.dev/schema/front-matter.json',
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    kind: { enum: ['preface', 'article'] },
    label: text,
    title: { anyOf: [titleLine, { type: 'array', minItems: 1, items: titleLine }] },
    subtitle: text,
    date: text,
    author: text,
    part: { type: 'integer', minimum: 1 },
  },
} as const;

export interface FrontMatter {
  kind?: 'preface' | 'article';
  label?: string;
  title: string | string[];
  subtitle?: string;
  date?: string;
  author?: string;
  part?: number;
}
