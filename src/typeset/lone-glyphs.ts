/**
 * Which glyphs shaping can change when a character is set alone. The composer measures a
 * context-free character (an ideograph, a grid mark) by shaping it on its own with fontkit
 * (fonts.ts, Face.single): ~4,000 distinct ideographs in a novel, each a full layout call
 * (script, feature plan, every lookup of the default features), were a tenth of the
 * typesetting thread's time and most of fontkit's share of the JIT's work.
 *
 * A lookup can only change or move a glyph its coverage names: a glyph that no coverage of any
 * lookup of the features fontkit applies names, and that GDEF does not call a mark, shapes
 * alone as the font's cmap maps it, with its own advance and no offset — exactly what the
 * layout call gives, so it is taken from the cmap. Everything else is shaped as before. A font
 * this module cannot prove anything for (an AAT `morx` font, feature variations, a lookup
 * without a coverage it knows) shapes every character.
 */
import type * as fontkit from 'fontkit';

/**
 * The features fontkit 2's default shaper applies to horizontal text (its VARIATION,
 * DIRECTIONAL, FRACTIONAL, COMMON and HORIZONTAL lists; the fractional ones only around U+2044,
 * taken anyway), and `halt`, which the composer asks for on punctuation. Context-free
 * characters are Han or common script, which fontkit shapes with that shaper.
 */
const APPLIED = new Set(['rvrn', 'ltra', 'ltrm', 'rtla', 'rtlm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'halt']);

/** fontkit's decoded tables: restructure arrays (lazy or plain) and plain objects. */
type Decoded = Record<string, unknown>;

interface LazyArray {
  toArray(): unknown[];
}

function list(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value && typeof (value as Partial<LazyArray>).toArray === 'function') return (value as LazyArray).toArray();
  return undefined;
}

/** A Coverage table's glyphs into `out`; false when `table` is not one. */
function coverageInto(table: unknown, out: Set<number>): boolean {
  if (!table || typeof table !== 'object') return false;
  const { version, glyphs, rangeRecords } = table as Decoded;
  if (version === 1 && list(glyphs)) {
    for (const g of list(glyphs) ?? []) out.add(g as number);
    return true;
  }
  const ranges = list(rangeRecords);
  if (version === 2 && ranges) {
    for (const r of ranges as Array<{ start: number; end: number }>) for (let g = r.start; g <= r.end; g++) out.add(g);
    return true;
  }
  return false;
}

/**
 * Every coverage of a subtable (its own, its marks', bases', context's …) into `out`, through
 * an extension subtable; false when it has none this function knows.
 */
function subtableInto(subtable: unknown, out: Set<number>): boolean {
  if (!subtable || typeof subtable !== 'object') return false;
  const table = subtable as Decoded;
  if (table.extension) return subtableInto(table.extension, out);
  let found = false;
  // Own names, not only enumerable ones: a lazily decoded field is a getter.
  for (const key of Object.getOwnPropertyNames(table)) {
    if (!/coverage/i.test(key)) continue;
    const value = table[key];
    const many = list(value);
    if (many) for (const one of many) found = coverageInto(one, out) || found;
    else found = coverageInto(value, out) || found;
  }
  return found;
}

/** Glyphs GDEF classes as marks (class 3): fontkit may zero a mark's advance. */
function marksInto(font: Decoded, out: Set<number>): boolean {
  const gdef = font.GDEF as Decoded | undefined;
  const classDef = gdef?.glyphClassDef as Decoded | undefined;
  if (!classDef) return true;
  if (classDef.version === 1) {
    const values = list(classDef.classValueArray);
    if (!values) return false;
    values.forEach((value, i) => value === 3 && out.add((classDef.startGlyph as number) + i));
    return true;
  }
  const ranges = list(classDef.classRangeRecord);
  if (classDef.version !== 2 || !ranges) return false;
  for (const r of ranges as Array<{ start: number; end: number; class: number }>) if (r.class === 3) for (let g = r.start; g <= r.end; g++) out.add(g);
  return true;
}

/** The glyphs of a GSUB or GPOS table that its applied features' lookups cover; undefined: cannot tell. */
function layoutTableInto(table: Decoded | undefined, out: Set<number>): boolean {
  if (!table) return true;
  if (table.featureVariations) return false;
  const features = list(table.featureList) as Array<{ tag: string; feature: { lookupListIndexes: number[] } }> | undefined;
  const lookups = table.lookupList as { get?: (i: number) => unknown } | unknown[] | undefined;
  if (!features || !lookups) return false;
  const lookupAt = (i: number): unknown => (Array.isArray(lookups) ? lookups[i] : lookups.get?.(i));
  const indexes = new Set<number>();
  for (const record of features) if (APPLIED.has(record.tag)) for (const i of list(record.feature.lookupListIndexes) ?? []) indexes.add(i as number);
  for (const i of indexes) {
    const lookup = lookupAt(i) as Decoded | undefined;
    const subtables = list(lookup?.subTables);
    if (!subtables) return false;
    for (const subtable of subtables) if (!subtableInto(subtable, out)) return false;
  }
  return true;
}

/**
 * The glyph ids of `font` that shaping may substitute, move or zero when set alone, or
 * undefined when the font's tables do not let that be known (then everything is shaped).
 */
export function glyphsShapingMayChange(font: fontkit.Font): ReadonlySet<number> | undefined {
  const tables = font as unknown as Decoded;
  // fontkit lays out a font with a morx table with its AAT engine, whatever else it has.
  if (tables.morx) return undefined;
  const out = new Set<number>();
  const known = marksInto(tables, out) && layoutTableInto(tables.GSUB as Decoded | undefined, out) && layoutTableInto(tables.GPOS as Decoded | undefined, out);
  return known ? out : undefined;
}
