/**
 * The page design (templates/pdf/design.yaml): the text block counted in characters and lines,
 * the furniture, and one style per kind of text. Styles are looked up by name, so a missing
 * style name is a type error here instead of silent default text.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { FontRoleName } from '../fonts/config.js';
import { HOUSE_STRUCTURE, KIND_PRESETS, resolveStructure, type BookKind, type Structure } from '../kinds/presets.js';

export const DESIGN_FILE = new URL('../../templates/pdf/design.yaml', import.meta.url);

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface StyleSpec {
  font?: FontRoleName;
  bold?: boolean;
  size?: number;
  /** Baseline-to-baseline distance in ems of `size`. */
  leading?: number;
  align?: Alignment;
  /** First-line indent in ems. */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export const STYLE_NAMES = [
  'body', 'h2', 'h3', 'h4', 'blockquote', 'listItem', 'code', 'tableCell', 'caption', 'footnoteRule', 'footnote',
  'articleNumber', 'missingChar',
  'sectionLabel', 'titleLabel', 'articleTitle', 'articleSubtitle', 'articleDate', 'byline', 'articleHeadEnd',
  'partLabel', 'partTitle', 'tocPart', 'tocEntry', 'tocSection', 'tocNumber',
  'titleMain', 'titlePartNumber', 'titleSubtitle', 'titleResponsibility', 'titlePublisher',
  'cipHeading', 'cip', 'cipRule', 'recordTitle', 'record', 'notice', 'rights',
  'boardEntry', 'boardBlock', 'runningHead', 'folio',
] as const;

export type StyleName = (typeof STYLE_NAMES)[number];

/** Where notes go: at the foot of the page that cites them (页下注), or after the article (篇末注). */
export type NotePlacement = 'foot' | 'end';

export interface Design {
  /** The book kind whose preset (src/kinds/presets.ts) lies under the book's own fields. */
  kind: BookKind;
  structure: Structure;
  textBlock: {
    /** Fixed counts; when absent, chosen from the trim (src/typeset/geometry.ts). */
    charsPerLine?: number;
    linesPerPage?: number;
    /** Largest share of the trimmed width and height a chosen text block may take. */
    fill: number;
    /** Least white, in mm, between the trim and any printed line (running heads and folios too). */
    minMargin: number;
    innerShare: number;
    topShare: number;
  };
  furniture: { folioGap: number; headGap: number; headRule: number };
  toc: { sectionLevels: number[] };
  notes: { placement: NotePlacement };
  styles: Record<StyleName, StyleSpec> & { body: Required<Pick<StyleSpec, 'size' | 'leading'>> & StyleSpec };
}

/** A book's own design.yaml: any field of the house design, any depth. */
export interface DesignOverrides {
  kind?: BookKind;
  structure?: Partial<Structure>;
  textBlock?: Partial<Design['textBlock']>;
  furniture?: Partial<Design['furniture']>;
  toc?: Partial<Design['toc']>;
  notes?: Partial<Design['notes']>;
  styles?: Partial<Record<StyleName, StyleSpec>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field by field: mappings merge at every depth; a scalar or a list replaces the house value. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

/**
 * The house design, the preset of the book's kind over it, and the book's own fields (already
 * schema-checked) over both.
 */
export function mergeDesign(house: Design, overrides: DesignOverrides | undefined): Design {
  if (!overrides) return house;
  const preset = overrides.kind ? KIND_PRESETS[overrides.kind] : {};
  const merged = deepMerge(deepMerge(house, preset), overrides) as Design;
  return { ...merged, kind: overrides.kind ?? house.kind, structure: resolveStructure(overrides) };
}

export async function loadDesign(file: URL = DESIGN_FILE): Promise<Design> {
  const raw = parse(await readFile(file, 'utf8')) as Partial<Design>;
  const missing = STYLE_NAMES.filter((name) => !raw.styles?.[name]);
  if (!raw.textBlock || !raw.furniture || !raw.toc || missing.length > 0) {
    throw new Error(`internal: ${file.pathname} lacks textBlock, furniture, toc or styles ${missing.join(', ')}`);
  }
  const body = raw.styles?.body;
  if (typeof body?.size !== 'number' || typeof body.leading !== 'number') {
    throw new Error(`internal: ${file.pathname}: styles.body needs size and leading`);
  }
  return { ...raw, kind: 'compilation', structure: HOUSE_STRUCTURE, notes: { placement: raw.notes?.placement === 'end' ? 'end' : 'foot' } } as Design;
}

export class Typography {
  constructor(readonly design: Design) {}

  spec(name: StyleName): StyleSpec {
    return this.design.styles[name];
  }

  get bodySize(): number {
    return this.design.styles.body.size;
  }

  /** Body line pitch in points: the line grid. */
  get bodyLeading(): number {
    return this.design.styles.body.size * this.design.styles.body.leading;
  }

  size(name: StyleName): number {
    return this.spec(name).size ?? this.bodySize;
  }

  /** Baseline-to-baseline distance of a style in points. */
  leading(name: StyleName): number {
    const s = this.spec(name);
    return this.size(name) * (s.leading ?? this.design.styles.body.leading);
  }
}
