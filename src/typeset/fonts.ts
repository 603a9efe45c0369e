/**
 * Font metrics without a PDF document: every face of fonts.yaml opened with fontkit, so the
 * composer measures exactly the glyphs the PDF writer will draw (Face.glyphs) and can run
 * anywhere — in a test, in a worker, before any document exists.
 *
 * Speed: ideographs and CJK punctuation do not interact in shaping (no kerning, ligatures or
 * contextual forms between them in CJK fonts; the one adjustment we ask for, `halt`, is a
 * single-glyph one), so their advances come from a per-code-point table. So do other characters
 * whose glyphs no lookup fontkit applies covers (lone-glyphs.ts; mayComeFromTable). Any other
 * text (Latin a face kerns, ——, ……) is shaped by fontkit word by word.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { singleFace, tableOfFace, WOFF_TAG } from '../fonts/sfnt.js';
import { FONT_ROLES, roleChain, type FontConfig, type FontFace, type FontRoleName } from '../fonts/config.js';
import { INSERTED_CHARACTERS } from '../fonts/inserted.js';
import { shapingSets, type ShapingSets } from './lone-glyphs.js';

/** How a piece of text is set: the role (or fallback) key, weight and size. */
export interface FaceStyle {
  font: string;
  bold: boolean;
  size: number;
  /** Set as a superscript (note references), at SUP_SCALE of the size. */
  sup?: boolean;
}

export const SUP_SCALE = 0.58;

const FALLBACK_PREFIX = 'fallback-';

/** The key of fonts.yaml's i-th fallback face (0-based). */
export function fallbackKey(i: number): string {
  return `${FALLBACK_PREFIX}${i + 1}`;
}

/** CJK punctuation set on the em grid that never shapes with its neighbours. */
const GRID_MARKS = new Set(Array.from('，。、；：？！（）「」『』“”‘’《》〈〉【】〔〕〖〗［］｛｝　①②③④⑤⑥⑦⑧⑨⑩').map((c) => c.codePointAt(0)));

/** Ideographs (URO, Ext. A, compatibility, supplementary planes) and grid punctuation. */
export function isContextFree(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    GRID_MARKS.has(cp)
  );
}

/**
 * Full-width forms of ASCII (U+FF01–FF5E: －．０Ａ…) sit on the em grid like ideographs, but a
 * font may give them lookups (`halt`, kerning, ligatures): one is taken from the table only when
 * no lookup fontkit applies covers its glyph (lone-glyphs.ts), and shaped with its neighbours
 * otherwise. Text of old books typed with －－ for a dash or ．．． for an ellipsis was shaped a
 * line at a time.
 */
function isFullWidthForm(cp: number): boolean {
  return cp >= 0xff01 && cp <= 0xff5e;
}

/** Scripts fontkit sets with its default shaper (no reordering, no features of their own). */
const DEFAULT_SHAPER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]$/u;
/** Marks (fontkit places them by their Unicode class where GDEF is silent), controls, format characters and default-ignorables (layout hides them), variation selectors (they change the glyph before them). */
const NEVER_FROM_TABLE = /^[\p{M}\p{C}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * Any other character (a Latin letter, a digit, ∶ ·, a space) of a script the default shaper
 * sets may come from the table too when no lookup covers its glyph (lone-glyphs.ts) and the face
 * has no legacy `kern` table: a text none of whose glyphs a lookup covers shapes as its cmap maps
 * it. A glyph a lookup covers (Noto CJK kerns its Latin letters and digits) is shaped with its
 * neighbours, and so is the whole text it is in, as before.
 */
function mayComeFromTable(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return DEFAULT_SHAPER.test(ch) && !NEVER_FROM_TABLE.test(ch);
}

const HALT = ['halt'];
const SHAPED_CACHE_TEXT = 64;
const SHAPED_CACHE_ENTRIES = 50_000;

/**
 * One glyph as the renderer draws it: the font's glyph id, the advance shaping gave it and its
 * own (hmtx) advance, both in font units, a horizontal placement offset (`halt` moves an
 * opening bracket left) and the text it stands for (for the PDF's ToUnicode map).
 */
export interface ShapedGlyph {
  readonly id: number;
  readonly advance: number;
  readonly width: number;
  readonly offset: number;
  readonly text: string;
}

function shapedGlyphs(run: fontkit.GlyphRun): ShapedGlyph[] {
  return run.glyphs.map((g, i) => {
    const p = run.positions[i];
    return { id: g.id, advance: p?.xAdvance ?? g.advanceWidth, width: g.advanceWidth, offset: p?.xOffset ?? 0, text: String.fromCodePoint(...(g.codePoints ?? [])) };
  });
}

/** The glyph one code point is drawn with, or null when it needs shaping with its neighbours. */
type Single = ShapedGlyph | null;

/** Basic Multilingual Plane code points: looked up by index, the composer's hottest path. */
const BMP_SIZE = 0x10000;

/** An advance table's mark for a code point that needs shaping with its neighbours (advances are never negative). */
const NEEDS_SHAPING = -1;

/** drawsAll's table: the code point is drawn by the role's own face, or by another. */
const OWN = 1;
const OTHER = 2;

/** Something learnt about each code point (undefined: not yet), by index in the BMP. */
class CodePointTable<T> {
  /** Allocated on first use: a face may only ever shape Latin text, or never be measured. */
  private bmp: Array<T | undefined> | undefined;
  private readonly astral = new Map<number, T>();

  get(cp: number): T | undefined {
    return cp < BMP_SIZE ? this.bmp?.[cp] : this.astral.get(cp);
  }

  set(cp: number, value: T): void {
    if (cp >= BMP_SIZE) this.astral.set(cp, value);
    else (this.bmp ??= new Array<T | undefined>(BMP_SIZE))[cp] = value;
  }
}

/** A face's font, opened, with the metrics the composer reads at every measure. */
interface OpenedFont {
  font: fontkit.Font;
  /** The file as measured (a WOFF inflated). */
  file: Buffer;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  /** Glyphs shaping may change when set alone, plain and with `halt` (lone-glyphs.ts); null: shape every one. */
  shapingMayChange?: ShapingSets | null;
  /** The face has a legacy `kern` table (fontkit kerns any pair with it): only context-free characters come from the table. */
  legacyKern?: boolean;
  /** Advance widths by glyph id from the hmtx table (hmtxAdvances); null: ask fontkit. */
  advances?: ((gid: number) => number) | null;
}

/**
 * Advance widths read from a face's hmtx table by glyph id: what fontkit's glyph.advanceWidth
 * gives for a face without variations, without fontkit decoding each glyph's header and
 * metrics record first (for a TrueType glyph it reads the glyph's bounding box to make
 * vertical metrics the composer never asks for) — the larger part of measuring a new character.
 */
function hmtxAdvances(file: Buffer, postscriptName: string | undefined): ((gid: number) => number) | null {
  const hhea = tableOfFace(file, 'hhea', postscriptName);
  const hmtx = tableOfFace(file, 'hmtx', postscriptName);
  if (!hhea || !hmtx || hhea.length < 36 || tableOfFace(file, 'fvar', postscriptName)) return null;
  // Glyphs past numberOfHMetrics share the last advance (OpenType hmtx).
  const count = hhea.readUInt16BE(34);
  if (count === 0 || hmtx.length < count * 4) return null;
  return (gid) => hmtx.readUInt16BE(4 * Math.min(gid, count - 1));
}

/**
 * One face: its file (for the renderer) and its metrics. The font file is read when the face
 * is first measured: a book set without 楷体 or code never reads those faces (two of them a
 * 10 MB WOFF each to inflate), which was a quarter of a warm rebuild's CPU.
 */
export class Face {
  /** Context-free code points: the one glyph each is drawn with, plain and with `halt`. */
  private readonly tables = [new CodePointTable<Single>(), new CodePointTable<Single>()] as const;
  /**
   * The same tables as bare advances by BMP code unit, for width(): NaN = not looked up yet,
   * NEEDS_SHAPING = the code point needs shaping. Made on first use.
   */
  private readonly advances: [Float64Array | undefined, Float64Array | undefined] = [undefined, undefined];
  /** Shaped words and non-context-free text, by text, so a page never shapes twice. */
  private readonly shapedCache = [new Map<string, ShapedGlyph[]>(), new Map<string, ShapedGlyph[]>()];
  private opened: OpenedFont | undefined;
  /** The composer's memo of width() for texts of one code unit, by size (widthMemo). */
  private readonly memos = [new Map<number, Float64Array>(), new Map<number, Float64Array>()] as const;

  constructor(
    readonly id: string,
    readonly source: FontFace,
    private readonly open: () => { font: fontkit.Font; file: Buffer },
  ) {}

  private get loaded(): OpenedFont {
    if (this.opened) return this.opened;
    const { font, file } = this.open();
    return (this.opened = { font, file, unitsPerEm: font.unitsPerEm, ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm });
  }

  /** The file as measured (a WOFF inflated): the PDF writer embeds from it rather than reading the file again. */
  get file(): Buffer {
    return this.loaded.file;
  }

  private get font(): fontkit.Font {
    return this.loaded.font;
  }

  get unitsPerEm(): number {
    return this.loaded.unitsPerEm;
  }

  /** Ascender and descender in ems (descender negative), from the font's hhea table. */
  get ascent(): number {
    return this.loaded.ascent;
  }

  get descent(): number {
    return this.loaded.descent;
  }

  hasGlyph(cp: number): boolean {
    return this.font.hasGlyphForCodePoint(cp);
  }

  /** The glyph of one context-free code point, or null when it needs shaping. */
  private single(cp: number, half: boolean): ShapedGlyph | null {
    const table = this.tables[half ? 1 : 0];
    const known = table.get(cp);
    if (known !== undefined) return known;
    let glyph: ShapedGlyph | null = null;
    if (isContextFree(cp)) {
      glyph = this.unshaped(cp, half);
      if (!glyph) {
        const run = this.font.layout(String.fromCodePoint(cp), half ? HALT : undefined);
        if (run.glyphs.length === 1) glyph = shapedGlyphs(run)[0] ?? null;
      }
    } else if (isFullWidthForm(cp) || (mayComeFromTable(cp) && !this.hasLegacyKern())) {
      glyph = this.unshaped(cp, half);
    }
    table.set(cp, glyph);
    return glyph;
  }

  /**
   * The glyph of `cp` straight from the cmap, when no lookup fontkit would apply can change it
   * (lone-glyphs.ts): what shaping it alone gives, without a layout call per character.
   */
  private unshaped(cp: number, half: boolean): ShapedGlyph | null {
    const loaded = this.loaded;
    if (loaded.shapingMayChange === undefined) loaded.shapingMayChange = shapingSets(loaded.font) ?? null;
    if (!loaded.shapingMayChange) return null;
    const glyph = loaded.font.glyphForCodePoint(cp);
    if ((half ? loaded.shapingMayChange.half : loaded.shapingMayChange.plain).has(glyph.id)) return null;
    if (loaded.advances === undefined) loaded.advances = hmtxAdvances(loaded.file, this.source.postscriptName);
    const advance = loaded.advances ? loaded.advances(glyph.id) : glyph.advanceWidth;
    return { id: glyph.id, advance, width: advance, offset: 0, text: String.fromCodePoint(...(glyph.codePoints ?? [])) };
  }

  private hasLegacyKern(): boolean {
    const loaded = this.loaded;
    return (loaded.legacyKern ??= tableOfFace(loaded.file, 'kern', this.source.postscriptName) !== undefined);
  }

  /** One shaping call, remembered by text: words recur all through a book. */
  private layout(text: string, half: boolean): ShapedGlyph[] {
    const cache = this.shapedCache[half ? 1 : 0] as Map<string, ShapedGlyph[]>;
    let glyphs = cache.get(text);
    if (glyphs) return glyphs;
    glyphs = shapedGlyphs(this.font.layout(text, half ? HALT : undefined));
    // Bounded: a long CJK segment with one dash is shaped whole and seldom recurs.
    if (text.length <= SHAPED_CACHE_TEXT) {
      if (cache.size >= SHAPED_CACHE_ENTRIES) cache.clear();
      cache.set(text, glyphs);
    }
    return glyphs;
  }

  /**
   * Shaped text, cut as pdfkit cut it (the widths the composer was tested against): with no
   * features asked for, each word with its trailing space on its own.
   */
  private shaped(text: string, half: boolean): readonly ShapedGlyph[] {
    if (half) return this.layout(text, true);
    // One word (most shaped text: a Latin word, a ——): its layout as remembered, not cut and copied.
    if (text.indexOf(' ') < 0 && text.indexOf('\t') < 0) return text === '' ? [] : this.layout(text, false);
    const out: ShapedGlyph[] = [];
    for (const chunk of text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? []) out.push(...this.layout(chunk, false));
    return out;
  }

  /**
   * The glyphs that draw `text` (`half`: with the `halt` feature): one per code point from the
   * table when every character is context-free, else shaped. The composer's widths and the
   * PDF writer's glyphs both come from here, so what is measured is what is drawn. `into`, when
   * given, is emptied and filled with the table's glyphs (a page draws run after run into one
   * list); shaped text comes as remembered. Either way the list is only to be read.
   */
  glyphs(text: string, half: boolean, into: ShapedGlyph[] = []): readonly ShapedGlyph[] {
    const out = into;
    out.length = 0;
    // The page writer asks for every character of the book: a known one straight from the table.
    const table = this.tables[half ? 1 : 0];
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      const glyph = table.get(cp) ?? this.single(cp, half);
      if (!glyph) return this.shaped(text, half);
      out.push(glyph);
    }
    return out;
  }

  /**
   * Width in points of `text` at `size`; `half` applies the `halt` feature. The sum of what
   * glyphs() gives, without building the array: the composer measures very often.
   */
  width(text: string, size: number, half: boolean): number {
    const table = this.advances[half ? 1 : 0] ?? this.advanceTable(half);
    let units = 0;
    for (let i = 0; i < text.length; i++) {
      // By code unit first: a surrogate's entry stays NaN, so a supplementary character takes the slow path.
      let advance = table[text.charCodeAt(i)] as number;
      if (!(advance >= 0)) {
        const cp = text.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        const glyph = this.single(cp, half);
        advance = glyph ? glyph.advance : NEEDS_SHAPING;
        if (cp < 0xd800 || (cp > 0xdfff && cp < BMP_SIZE)) table[cp] = advance;
        if (!glyph) {
          units = 0;
          for (const g of this.shaped(text, half)) units += g.advance;
          break;
        }
      }
      units += advance;
    }
    return (units * size) / this.unitsPerEm;
  }

  /**
   * Where the composer keeps what width() gives for texts of one UTF-16 code unit at `size`, by
   * code unit, 0 where not measured yet (src/cjk/types.ts Measure.widths): read there, a book's
   * hundreds of thousands of units are measured without a call each. Its pages are touched only
   * where the book's characters are (ideographs: about 170 KB of the 512).
   */
  widthMemo(size: number, half: boolean): Float64Array {
    const memos = this.memos[half ? 1 : 0];
    let memo = memos.get(size);
    if (!memo) memos.set(size, (memo = new Float64Array(BMP_SIZE)));
    return memo;
  }

  private advanceTable(half: boolean): Float64Array {
    const table = new Float64Array(BMP_SIZE).fill(Number.NaN);
    this.advances[half ? 1 : 0] = table;
    return table;
  }
}

function openFont(source: FontFace): { font: fontkit.Font; file: Buffer } {
  const bytes = readFileSync(source.path);
  // fontkit inflates a WOFF table every time it reads one — each glyph's outline inflated the
  // whole glyf table again, and a book with 楷体 (a WOFF) took a minute for nine pages — so a
  // WOFF face is measured from its tables inflated once.
  const file = bytes.toString('latin1', 0, 4) === WOFF_TAG ? singleFace(bytes) : bytes;
  const opened = fontkit.create(file, file === bytes ? source.postscriptName : undefined);
  const font = 'fonts' in opened ? (source.postscriptName ? opened.getFont(source.postscriptName) : opened.fonts[0]) : opened;
  if (!font) throw new Error(`internal: ${source.path} has no face ${source.postscriptName ?? ''}`);
  return { font, file };
}

function openFace(id: string, source: FontFace): Face {
  return new Face(id, source, () => openFont(source));
}

/**
 * Every face a book is set in, by face id: `body`, `body-bold`, `heading`, `kai`, `mono` … and
 * `fallback-1` …; faces shared by roles (a role that borrows, a one-weight role's bold) share
 * one id, so the writer embeds each file once.
 */
export class FontBook {
  private readonly faces = new Map<string, Face>();
  private readonly roleIds = new Map<string, [string, string]>();
  private readonly syntheticBold = new Set<string>();
  private readonly fallbacks: string[] = [];
  /** Role or fallback key → its [normal, bold] faces: measure() asks for one per piece of text. */
  private readonly roleFaces = new Map<string, readonly [Face, Face]>();
  /** Role or fallback key → [normal, bold] → code point → the key that draws it (faceFor). */
  private readonly choices = new Map<string, readonly [CodePointTable<string>, CodePointTable<string>]>();
  /** Role or fallback key → [normal, bold] → BMP code unit → drawn by that key itself (OWN), not (OTHER), or not asked yet (0). */
  private readonly own = new Map<string, [Uint8Array | undefined, Uint8Array | undefined]>();

  constructor(config: FontConfig) {
    const byFile = new Map<string, Face>();
    const add = (id: string, source: FontFace): string => {
      const fileKey = `${source.path}\u0000${source.postscriptName ?? ''}`;
      const known = byFile.get(fileKey);
      if (known) return known.id;
      const face = openFace(id, source);
      byFile.set(fileKey, face);
      this.faces.set(id, face);
      return id;
    };
    for (const role of FONT_ROLES) {
      const normal = add(role, config[role].normal);
      const bold = add(`${role}-bold`, config[role].bold);
      this.roleIds.set(role, [normal, bold]);
      if (config[role].syntheticBold) this.syntheticBold.add(role);
    }
    config.fallback.forEach((face, i) => {
      const key = fallbackKey(i);
      const id = add(key, face);
      this.roleIds.set(key, [id, id]);
      this.fallbacks.push(key);
    });
    for (const [key, [normal, bold]] of this.roleIds) {
      const face = (id: string): Face => {
        const found = this.faces.get(id);
        if (!found) throw new Error(`internal: no face for ${key}`);
        return found;
      };
      this.roleFaces.set(key, [face(normal), face(bold)]);
    }
  }

  /** Every distinct face, for the renderer to register. */
  all(): Face[] {
    return [...this.faces.values()];
  }

  /** The face id that draws text of `font` (a role or fallback key) in this weight. */
  faceId(font: string, bold: boolean): string {
    const ids = this.roleIds.get(font);
    if (!ids) throw new Error(`internal: no font role ${font}`);
    return bold ? ids[1] : ids[0];
  }

  face(font: string, bold: boolean): Face {
    const faces = this.roleFaces.get(font);
    if (!faces) throw new Error(`internal: no font role ${font}`);
    return bold ? faces[1] : faces[0];
  }

  /**
   * Bold text of a one-weight role (or of a fallback face) is drawn emboldened: filled and
   * stroked (text rendering mode 2) with a line of `FAKE_BOLD_STROKE` ems, as ctex's AutoFakeBold.
   */
  fakeBold(style: Pick<FaceStyle, 'font' | 'bold'>): boolean {
    return style.bold && (this.syntheticBold.has(style.font) || this.fallbacks.includes(style.font));
  }

  /**
   * The key that draws `cp` for text set in `font`: `font` itself when its face has the glyph,
   * else the next role of its chain (src/fonts/config.ts ROLE_COVER; any role for a character
   * hanpress inserts), else the first fallback face that has it, else `font` (the glyph
   * coverage gate has already reported such a character). The same order as src/fonts/assign.ts.
   */
  faceFor(font: string, bold: boolean, cp: number): string {
    return this.chosen(this.choicesOf(font, bold), font, bold, cp);
  }

  /** Every character of `text` is drawn in `font` itself (splitting by face is then not needed). */
  drawsAll(font: string, bold: boolean, text: string): boolean {
    const own = this.ownOf(font, bold);
    for (let i = 0; i < text.length; i++) {
      // By code unit: a surrogate's entry stays unknown, so a supplementary character asks faceFor.
      const known = own[text.charCodeAt(i)];
      if (known === OWN) continue;
      if (known === OTHER) return false;
      const cp = text.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      const mine = this.faceFor(font, bold, cp) === font;
      if (cp < 0xd800 || (cp > 0xdfff && cp < BMP_SIZE)) own[cp] = mine ? OWN : OTHER;
      if (!mine) return false;
    }
    return true;
  }

  private ownOf(font: string, bold: boolean): Uint8Array {
    let both = this.own.get(font);
    if (!both) this.own.set(font, (both = [undefined, undefined]));
    const k = bold ? 1 : 0;
    return (both[k] ??= new Uint8Array(BMP_SIZE));
  }

  private chosen(choice: CodePointTable<string>, font: string, bold: boolean, cp: number): string {
    let chosen = choice.get(cp);
    if (chosen === undefined) {
      chosen = this.choose(font, bold, cp);
      choice.set(cp, chosen);
    }
    return chosen;
  }

  private choicesOf(font: string, bold: boolean): CodePointTable<string> {
    let both = this.choices.get(font);
    if (!both) this.choices.set(font, (both = [new CodePointTable(), new CodePointTable()]));
    return both[bold ? 1 : 0];
  }

  private choose(font: string, bold: boolean, cp: number): string {
    if (this.face(font, bold).hasGlyph(cp)) return font;
    const roles = (FONT_ROLES as readonly string[]).includes(font) ? roleChain(font as FontRoleName, INSERTED_CHARACTERS.has(cp)).slice(1) : [];
    return [...roles, ...this.fallbacks].find((f) => this.face(f, bold).hasGlyph(cp)) ?? font;
  }

  /** Width in points, as the renderer will draw it. */
  measure(text: string, style: FaceStyle, half: boolean): number {
    const size = style.sup ? style.size * SUP_SCALE : style.size;
    return this.face(style.font, style.bold).width(text, size, half);
  }
}

/** Stroke width of synthetic bold, in ems of the type size (ctex's AutoFakeBold is about 1/30 em). */
export const FAKE_BOLD_STROKE = 1 / 30;
