/**
 * JSON Schema (2020-12) for a book's own design.yaml (next to book.yaml): every field is
 * optional and overrides the house design (templates/pdf/design.yaml) field by field. The
 * ranges keep a design a compositor could set; whether the text block fits the 开本 is checked
 * with the page geometry (src/validate/print-format.ts).
 */
import { FONT_ROLES } from '../fonts/roles.js';
import { BOOK_KINDS } from '../kinds/presets.js';
import { STYLE_NAMES } from '../typeset/design.js';

const points = (max: number): object => ({ type: 'number', minimum: 0, maximum: max });
const share = { type: 'number', minimum: 0, maximum: 1 } as const;

const style = {
  type: 'object',
  additionalProperties: false,
  properties: {
    font: { enum: [...FONT_ROLES] },
    bold: { type: 'boolean' },
    size: { type: 'number', minimum: 5, maximum: 72 },
    leading: { type: 'number', minimum: 1, maximum: 4 },
    align: { enum: ['left', 'center', 'right', 'justify'] },
    indent: { type: 'number', minimum: 0, maximum: 10 },
    spaceBefore: points(400),
    spaceAfter: points(400),
  },
} as const;

export const designSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hanpress.dev/schema/design.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { enum: BOOK_KINDS },
    structure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        headingRank: { enum: ['markdown', 'law'] },
        headingNumbers: { type: 'boolean' },
        articleNumbers: { type: 'boolean' },
        titleBreak: { enum: ['balance', 'couplet'] },
        rectoHead: { enum: ['part', 'chapter'] },
      },
    },
    textBlock: {
      type: 'object',
      additionalProperties: false,
      properties: {
        charsPerLine: { type: 'integer', minimum: 10, maximum: 120 },
        linesPerPage: { type: 'integer', minimum: 10, maximum: 120 },
        fill: { type: 'number', minimum: 0.3, maximum: 0.95 },
        minMargin: { type: 'number', minimum: 3, maximum: 60 },
        innerShare: share,
        topShare: share,
      },
    },
    furniture: {
      type: 'object',
      additionalProperties: false,
      properties: { folioGap: points(72), headGap: points(72), headRule: points(4) },
    },
    notes: {
      type: 'object',
      additionalProperties: false,
      properties: { placement: { enum: ['foot', 'end'] } },
    },
    toc: {
      type: 'object',
      additionalProperties: false,
      properties: { sectionLevels: { type: 'array', items: { type: 'integer', minimum: 2, maximum: 6 } } },
    },
    styles: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(STYLE_NAMES.map((name) => [name, style])),
    },
  },
} as const;
