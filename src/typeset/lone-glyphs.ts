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
 * taken anyway). Context-free characters are Han or common script, which fontkit shapes with
 * that shaper (fonts.ts takes no other script from the table).
 */
const APPLIED = new Set(['rvrn', 'ltra', 'ltrm', 'rtla', 'rtlm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']);
/**
 * The feature the composer adds for punctuation set half-width. Plain text is shaped without
 * it, so a mark only `halt` touches (．：，。 in Noto CJK) comes from the cmap when set plain:
 * a line of 水浒传 with ．．． for an ellipsis was shaped whole for it.
 */
const HALT = 'halt';

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

/**
 * The glyphs of a GSUB or GPOS table that its applied features' lookups cover: into `plain`
 * those of lookups plain text is shaped with, into `halfOnly` those of lookups only `halt`
 * reaches; false: cannot tell.
 */
function layoutTableInto(table: Decoded | undefined, plain: Set<number>, halfOnly: Set<number>): boolean {
  if (!table) return true;
  if (table.featureVariations) return false;
  const features = list(table.featureList) as Array<{ tag: string; feature: { lookupListIndexes: number[] } }> | undefined;
  const lookups = table.lookupList as { get?: (i: number) => unknown } | unknown[] | undefined;
  if (!features || !lookups) return false;
  const lookupAt = (i: number): unknown => (Array.isArray(lookups) ? lookups[i] : lookups.get?.(i));
  const plainIndexes = new Set<number>();
  const halfIndexes = new Set<number>();
  for (const record of features) {
    const into = APPLIED.has(record.tag) ? plainIndexes : record.tag === HALT ? halfIndexes : undefined;
    if (into) for (const i of list(record.feature.lookupListIndexes) ?? []) into.add(i as number);
  }
  const walk = (indexes: Set<number>, out: Set<number>): boolean => {
    for (const i of indexes) {
      const lookup = lookupAt(i) as Decoded | undefined;
      const subtables = list(lookup?.subTables);
      if (!subtables) return false;
      for (const subtable of subtables) if (!subtableInto(subtable, out)) return false;
    }
    return true;
  };
  for (const i of plainIndexes) halfIndexes.delete(i);
  return walk(plainIndexes, plain) && walk(halfIndexes, halfOnly);
}

/** What shaping may change, for plain text and for text set with `halt`. */
export interface ShapingSets {
  plain: ReadonlySet<number>;
  half: ReadonlySet<number>;
}

/**
 * The glyph ids of `font` that shaping may substitute, move or zero when set alone, plain and
 * with `halt`, or undefined when the font's tables do not let that be known (then everything is
 * shaped). No lookup applies at a glyph outside every coverage, so a text none of whose glyphs
 * are in the set shapes as its cmap maps it, each glyph with its own advance — as long as
 * nothing but the lookups moves it (fonts.ts takes text other than ideographs and grid marks
 * from the table only in a face without a legacy `kern` table, which fontkit applies to every pair).
 */
export function shapingSets(font: fontkit.Font): ShapingSets | undefined {
  const tables = font as unknown as Decoded;
  // fontkit lays out a font with a morx table with its AAT engine, whatever else it has.
  if (tables.morx) return undefined;
  const plain = new Set<number>();
  const halfOnly = new Set<number>();
  const known =
    marksInto(tables, plain) && layoutTableInto(tables.GSUB as Decoded | undefined, plain, halfOnly) && layoutTableInto(tables.GPOS as Decoded | undefined, plain, halfOnly);
  if (!known) return undefined;
  // Most faces' `halt` covers only marks plain lookups cover already: then one set serves both.
  let half: Set<number> = plain;
  for (const g of halfOnly) {
    if (half === plain && !plain.has(g)) half = new Set(plain);
    half.add(g);
  }
  return { plain, half };
}

/** shapingSets' set for text set with `halt` (`half`) or plain. */
export function glyphsShapingMayChange(font: fontkit.Font, half = true): ReadonlySet<number> | undefined {
  const sets = shapingSets(font);
  return sets && (half ? sets.half : sets.plain);
}
