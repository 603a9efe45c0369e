/**
 * The font objects pdfmake renders with, handed to the composer for measuring. pdfmake opens
 * each face once per document (PDFDocument.provideFont caches pdfkit's font object); measuring
 * through that same object means a composed line is exactly as wide as the line pdfmake draws
 * (measuring with fontkit on its own drifted by up to 2 pt in the prototype).
 *
 * Speed: pdfkit shapes every string it measures or draws with fontkit (GSUB/GPOS over the
 * whole string) and caches the result per distinct string for the life of the document. A
 * composed line is a string seen once, so a book was shaped three times over (composer,
 * pdfmake's measure, pdfkit's encode) and every line's glyph run stayed in memory. Ideographs
 * and CJK punctuation do not interact in shaping (no kerning, ligatures or contextual forms
 * between them in CJK fonts; the only adjustment, `halt`, is a single-glyph one we ask for
 * ourselves), so `accelerate` gives each font object a per-code-point table: a string made
 * only of such characters is measured and laid out by summing cached single-character runs,
 * with the same glyphs, positions and float sums fontkit would give. Everything else (Latin,
 * ——, ……, other features) goes through pdfkit unchanged. test/cjk-composer.test.ts checks the
 * equality on the bundled fonts.
 *
 * Fallback faces (fonts.yaml `fallback:`): a character the role's face lacks is set in the
 * first fallback face that has it. They are registered with pdfmake under `fallbackKey(i)`
 * (see `fallbackDescriptors`), and `fontsOf` finds them among the document's fonts.
 */
import type { FontConfig } from '../../fonts/config.js';
import type { FontDescriptor } from './pdfmake.js';

/** The part of a pdfkit font object the composer uses. */
export interface PdfKitFont {
  widthOfString(text: string, size: number, features?: string[] | null): number;
}

export interface PdfFonts {
  font(key: string, bold: boolean): PdfKitFont;
  /**
   * The font key that draws code point `cp` for text set in `key`: `key` itself when its face
   * has the glyph, else the first fallback face that has it, else `key` (the glyph coverage
   * gate has already reported such a character).
   */
  faceFor(key: string, bold: boolean, cp: number): string;
  /** Whether any fallback face is registered (else `faceFor` always answers `key`). */
  readonly hasFallbacks: boolean;
}

/** pdfmake's document: `provideFont` returns (and caches) the object its renderer uses. */
export interface FontProvidingDocument {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
  /** The font descriptors pdfmake was given, by key (pdfmake's PDFDocument keeps them). */
  fonts?: Record<string, unknown>;
}

const FALLBACK_PREFIX = 'hanpress-fallback-';

/** The pdfmake font key of fonts.yaml's i-th fallback face (0-based). */
export function fallbackKey(i: number): string {
  return `${FALLBACK_PREFIX}${i + 1}`;
}

/**
 * pdfmake font descriptors for the fallback faces, to be registered beside the role fonts
 * (render.ts); one face serves normal and bold. Their files must be readable by the printer.
 */
export function fallbackDescriptors(fonts: Pick<FontConfig, 'fallback'>): Record<string, FontDescriptor> {
  const out: Record<string, FontDescriptor> = {};
  fonts.fallback.forEach((face, i) => {
    const source: string | [string, string] = face.postscriptName ? [face.path, face.postscriptName] : face.path;
    out[fallbackKey(i)] = { normal: source, bold: source };
  });
  return out;
}

/** The font files of the fallback faces (for the printer's local access policy). */
export function fallbackFiles(fonts: Pick<FontConfig, 'fallback'>): string[] {
  return fonts.fallback.map((face) => face.path);
}

/** Fallback keys registered with the document, in fonts.yaml order. */
function registeredFallbacks(doc: FontProvidingDocument): string[] {
  const keys = Object.keys(doc.fonts ?? {}).filter((k) => k.startsWith(FALLBACK_PREFIX));
  return keys.sort((a, b) => Number(a.slice(FALLBACK_PREFIX.length)) - Number(b.slice(FALLBACK_PREFIX.length)));
}

/** fontkit's font inside a pdfkit font object (standard PDF fonts have none). */
interface WithFontkit {
  font?: { hasGlyphForCodePoint?(cp: number): boolean };
}

function hasGlyph(font: PdfKitFont, cp: number): boolean {
  const fontkit = (font as WithFontkit).font;
  return typeof fontkit?.hasGlyphForCodePoint === 'function' ? fontkit.hasGlyphForCodePoint(cp) : true;
}

/** pdfkit's glyph run (fontkit glyphs, positions scaled to 1000 units per em). */
interface GlyphRun {
  glyphs: unknown[] | null;
  positions: Array<{ xAdvance: number }> | null;
  advanceWidth: number;
}

/** pdfkit 0.19 EmbeddedFont internals replaced per instance (see the module comment). */
interface EmbeddedFont extends PdfKitFont {
  layout(text: string, features?: string[] | null, onlyWidth?: boolean): GlyphRun;
}

/** One code point shaped alone: its glyph, its position and its advance in 1000 units. */
interface Single {
  glyph: unknown;
  position: { xAdvance: number };
  advance: number;
}

/** Feature sets with a fast path: none (pdfkit's defaults) and half-width punctuation. */
function featureKey(features: string[] | null | undefined): 0 | 1 | -1 {
  if (!features || features.length === 0) return 0;
  return features.length === 1 && features[0] === 'halt' ? 1 : -1;
}

const HALT = ['halt'];

/** CJK punctuation set on the em grid that never shapes with its neighbours. */
const GRID_MARKS = new Set(Array.from('，。、；：？！（）「」『』“”‘’《》〈〉【】〔〕〖〗［］｛｝　').map((c) => c.codePointAt(0)));

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

const accelerated = new WeakSet<object>();

/**
 * Gives a pdfkit font object the per-code-point fast path for widthOfString and layout (used
 * by pdfmake's measuring and pdfkit's encoding alike). Idempotent; returns the same object.
 */
export function accelerate<F extends PdfKitFont>(font: F): F {
  if (accelerated.has(font)) return font;
  const embedded = font as unknown as EmbeddedFont;
  if (typeof embedded.layout !== 'function' || typeof embedded.widthOfString !== 'function') return font;
  accelerated.add(font);
  const originalLayout = embedded.layout.bind(embedded);
  const originalWidth = embedded.widthOfString.bind(embedded);
  // Per feature set: code point → its single run, or null when it is not context-free.
  const tables = [new Map<number, Single | null>(), new Map<number, Single | null>()];

  const single = (cp: number, key: 0 | 1): Single | null => {
    const table = tables[key] as Map<number, Single | null>;
    let entry = table.get(cp);
    if (entry !== undefined) return entry;
    entry = null;
    if (isContextFree(cp)) {
      const run = originalLayout(String.fromCodePoint(cp), key === 1 ? HALT : undefined, false);
      const position = run.positions?.[0];
      if (run.glyphs?.length === 1 && position) entry = { glyph: run.glyphs[0], position, advance: position.xAdvance };
    }
    table.set(cp, entry);
    return entry;
  };

  /** Sum of advances in 1000 units, or NaN when some character needs real shaping. */
  const fastAdvance = (text: string, key: 0 | 1): number => {
    let width = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      const entry = single(cp, key);
      if (!entry) return NaN;
      width += entry.advance;
    }
    return width;
  };

  embedded.widthOfString = (text, size, features) => {
    const key = featureKey(features);
    if (key >= 0 && text.length > 0) {
      const width = fastAdvance(text, key as 0 | 1);
      // The same float steps as pdfkit (advance × (size / 1000)), so widths agree to the bit.
      if (!Number.isNaN(width)) return width * (size / 1000);
    }
    return originalWidth(text, size, features ?? undefined);
  };

  embedded.layout = (text, features, onlyWidth) => {
    const key = featureKey(features);
    if (key >= 0 && text.length > 0) {
      if (onlyWidth) {
        const width = fastAdvance(text, key as 0 | 1);
        if (!Number.isNaN(width)) return { glyphs: null, positions: null, advanceWidth: width };
      } else {
        const glyphs: unknown[] = [];
        const positions: Array<{ xAdvance: number }> = [];
        let width = 0;
        let ok = true;
        for (let i = 0; i < text.length; i++) {
          const cp = text.codePointAt(i) ?? 0;
          if (cp > 0xffff) i++;
          const entry = single(cp, key as 0 | 1);
          if (!entry) {
            ok = false;
            break;
          }
          // Shared position objects, as pdfkit's own layout cache shares them: pdfkit copies
          // a position before changing it (word spacing), and never changes one otherwise.
          glyphs.push(entry.glyph);
          positions.push(entry.position);
          width += entry.advance;
        }
        if (ok) return { glyphs, positions, advanceWidth: width };
      }
    }
    return originalLayout(text, features, onlyWidth);
  };
  return font;
}

export function fontsOf(doc: FontProvidingDocument): PdfFonts {
  const font = (key: string, bold: boolean): PdfKitFont => accelerate(doc.provideFont(key, bold, false));
  const fallbacks = registeredFallbacks(doc);
  // Per role face: code point → the key that draws it (only faces with fallbacks get entries).
  const choices = new Map<string, Map<number, string>>();
  const faceFor = (key: string, bold: boolean, cp: number): string => {
    if (fallbacks.length === 0) return key;
    const id = `${key}\u0000${bold ? 'b' : 'n'}`;
    let choice = choices.get(id);
    if (!choice) choices.set(id, (choice = new Map()));
    let chosen = choice.get(cp);
    if (chosen === undefined) {
      chosen = key;
      if (!hasGlyph(font(key, bold), cp)) chosen = fallbacks.find((f) => hasGlyph(font(f, bold), cp)) ?? key;
      choice.set(cp, chosen);
    }
    return chosen;
  };
  return { font, faceFor, hasFallbacks: fallbacks.length > 0 };
}
