/**
 * JSON Schema (2020-12) for fonts.yaml (hanpress's fonts/fonts.yaml or a book's own, next to
 * book.yaml): the roles, each face a path or `{ path, postscriptName }`, and the fallback list.
 * Whether a path leads to a font, inside the allowed folders, is checked when the faces are
 * resolved (src/fonts/config.ts); this is the shape, so a misspelt role (`quote:`) or field is
 * reported at its key with a suggestion instead of being ignored.
 */
import { FONT_ROLES } from '../fonts/roles.js';

const text = { type: 'string', minLength: 1 } as const;

/** A path, or a face of a collection by PostScript name. */
const face = {
  if: { type: 'string' },
  then: text,
  else: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: { path: text, postscriptName: text },
  },
} as const;

const role = {
  type: 'object',
  additionalProperties: false,
  required: ['normal'],
  properties: { family: text, normal: face, bold: face },
} as const;

const fallback = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: { family: text, path: text, postscriptName: text },
} as const;

export const fontsSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hanpress.dev/schema/fonts.json',
  type: 'object',
  additionalProperties: false,
  required: ['body', 'heading'],
  properties: {
    ...Object.fromEntries(FONT_ROLES.map((name) => [name, role])),
    fallback: { type: 'array', items: fallback },
  },
} as const;

export type FaceEntry = string | { path: string; postscriptName?: string };

export interface RoleEntry {
  family?: string;
  normal: FaceEntry;
  bold?: FaceEntry;
}

/** fonts.yaml as the schema admits it. */
export type FontsFile = Partial<Record<(typeof FONT_ROLES)[number], RoleEntry>> & {
  body: RoleEntry;
  heading: RoleEntry;
  fallback?: Array<{ family?: string; path: string; postscriptName?: string }>;
};
