/**
 * The glyph coverage gate: every character the book draws is checked, before anything is
 * written, against the face that will draw it in the EPUB and the PDF (same font config, same
 * role rule — src/fonts/glyphs.ts). A character no face has would print as a blank box
 * ("tofu") in the PDF and fall back to whatever font a reader happens to have in the EPUB.
 * A character a configured fallback font has is fine: the EPUB embeds the fallback for it.
 */
import { BOOK_FILE } from '../load/project.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFiles, type Located } from '../diagnostics/locate.js';
import { deriveFrontPages, type FrontPages } from '../derive/front-pages.js';
import { readCharacterMap, type CharacterMap } from '../fonts/cmap.js';
import { loadFontConfig, type FontConfig, type FontFace, type FontRoleName } from '../fonts/config.js';
import { collectGlyphs, type TextOrigin } from '../fonts/glyphs.js';
import type { Book } from '../model/book.js';
import { BODY_EXTRA_TEXT, HEADING_EXTRA_TEXT } from '../writers/epub/labels.js';
import { fontFileDiagnostics } from './font-files.js';

/** Strings the PDF writer adds (目录, folios are ASCII digits): checked for the PDF only. */
const PDF_EXTRA_TEXT = ['目录'];

/** How many occurrences a diagnostic names, and how many characters per face get their own. */
const OCCURRENCES = 3;
const MAX_PER_FACE = 40;

type Weight = 'regular' | 'bold';

interface FaceSlot {
  role: FontRoleName;
  weight: Weight;
  face: FontFace;
  family: string;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function slots(fonts: FontConfig): FaceSlot[] {
  return (['body', 'heading'] as const).flatMap((role) => [
    { role, weight: 'regular' as const, face: fonts[role].normal, family: fonts[role].family },
    { role, weight: 'bold' as const, face: fonts[role].bold, family: fonts[role].family },
  ]);
}

/** Loads each distinct file once. */
class CharacterMaps {
  private readonly maps = new Map<string, Promise<CharacterMap>>();

  get(face: FontFace): Promise<CharacterMap> {
    const key = `${face.path}\u0000${face.postscriptName ?? ''}`;
    let map = this.maps.get(key);
    if (!map) {
      map = readCharacterMap(face);
      this.maps.set(key, map);
    }
    return map;
  }
}

/** Code points of `wanted` that neither `face` nor any fallback has. */
async function uncovered(maps: CharacterMaps, face: FontFace, fonts: FontConfig, wanted: Iterable<number>): Promise<number[]> {
  const primary = await maps.get(face);
  const fallbacks = await Promise.all(fonts.fallback.map((f) => maps.get(f)));
  return [...wanted].filter((cp) => !primary.has(cp) && !fallbacks.some((f) => f.has(cp))).sort((a, b) => a - b);
}

const slotKey = (role: FontRoleName, bold: boolean): string => `${role}-${bold ? 'bold' : 'regular'}`;

/** The first origins of each missing code point, per face, from a second walk of the book. */
function originsOf(book: Book, front: FrontPages, missing: Map<string, Set<number>>): Map<string, TextOrigin[]> {
  const found = new Map<string, TextOrigin[]>();
  collectGlyphs(book, front, {}, (role, bold, text, origin) => {
    const wanted = missing.get(slotKey(role, bold));
    if (!wanted) return;
    for (const char of text) {
      const cp = char.codePointAt(0) ?? 0;
      if (!wanted.has(cp)) continue;
      const key = `${slotKey(role, bold)}:${cp}`;
      const list = found.get(key) ?? [];
      if (list.length < OCCURRENCES && !list.includes(origin)) list.push(origin);
      found.set(key, list);
    }
  });
  return found;
}

interface Position extends Partial<Located> {
  file?: string;
}

async function locate(sources: SourceFiles, origin: TextOrigin, char: string): Promise<Position> {
  if (!origin.file) return {};
  const at = await sources.find(origin.file, char, origin.line ?? 1);
  return at ? { file: origin.file, ...at } : { file: origin.file, line: origin.line };
}

function where(p: Position): string {
  return [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
}

function missingGlyph(slot: FaceSlot, cp: number, positions: Position[], outputs: string): Diagnostic {
  const char = String.fromCodePoint(cp);
  const [first = {}, ...more] = positions;
  const also = more.length > 0 ? ` Also at ${more.map(where).join(', ')}.` : '';
  const byHanpress = first.file === undefined ? ' The character is added by hanpress itself.' : '';
  return {
    code: 'fonts/missing-glyph',
    severity: 'error',
    message:
      `The character ${char} (${codePointLabel(cp)}) is not in the ${slot.role} font ${slot.family}` +
      `${slot.weight === 'bold' ? ' (bold)' : ''}: ${outputs} would show a blank box instead.${also}${byHanpress}`,
    ...first,
    hint: `Name a font that has ${codePointLabel(cp)} under \`fallback:\` in fonts.yaml, point the ${slot.role} role at a font that has it, or replace the character.`,
  };
}

function tooMany(slot: FaceSlot, rest: number[]): Diagnostic {
  const list = rest.slice(0, 30).map((cp) => `${String.fromCodePoint(cp)} ${codePointLabel(cp)}`).join(', ');
  return {
    code: 'fonts/missing-glyph',
    severity: 'error',
    message: `${rest.length} more characters are not in the ${slot.role} font ${slot.family}: ${list}${rest.length > 30 ? ' …' : ''}`,
    hint: 'So many missing characters usually mean the font is the wrong one for this book: check fonts.yaml.',
  };
}

/** Extra strings of one output and role, with the outputs they appear in. */
function extraText(role: FontRoleName): Array<{ text: string; output: string }> {
  const epub = role === 'body' ? BODY_EXTRA_TEXT : HEADING_EXTRA_TEXT;
  return [...epub.map((text) => ({ text, output: 'the EPUB' })), ...PDF_EXTRA_TEXT.map((text) => ({ text, output: 'the PDF' }))];
}

export async function glyphCoverageDiagnostics(book: Book, front: FrontPages, fonts: FontConfig): Promise<Diagnostic[]> {
  const sets = collectGlyphs(book, front);
  const maps = new CharacterMaps();
  const missing = new Map<string, Set<number>>();
  const extraMissing: Array<{ slot: FaceSlot; cp: number; output: string }> = [];
  const allSlots = slots(fonts);
  for (const slot of allSlots) {
    const glyphs = sets[slot.role][slot.weight];
    // An unused bold face is never embedded or drawn.
    if (slot.weight === 'bold' && glyphs.size === 0) continue;
    const gaps = await uncovered(maps, slot.face, fonts, glyphs);
    if (gaps.length > 0) missing.set(slotKey(slot.role, slot.weight === 'bold'), new Set(gaps));
    if (slot.weight === 'regular') {
      for (const { text, output } of extraText(slot.role)) {
        for (const cp of await uncovered(maps, slot.face, fonts, Array.from(text, (c) => c.codePointAt(0) ?? 0))) {
          if (!glyphs.has(cp) && !extraMissing.some((m) => m.slot === slot && m.cp === cp)) extraMissing.push({ slot, cp, output });
        }
      }
    }
  }
  if (missing.size === 0 && extraMissing.length === 0) return [];

  const sources = new SourceFiles(book.root);
  const origins = originsOf(book, front, missing);
  const diagnostics: Diagnostic[] = [];
  for (const slot of allSlots) {
    const key = slotKey(slot.role, slot.weight === 'bold');
    const gaps = [...(missing.get(key) ?? [])];
    for (const cp of gaps.slice(0, MAX_PER_FACE)) {
      const char = String.fromCodePoint(cp);
      const positions = await Promise.all((origins.get(`${key}:${cp}`) ?? []).map((o) => locate(sources, o, char)));
      const unique = positions.filter((p, i) => positions.findIndex((q) => where(q) === where(p)) === i);
      diagnostics.push(missingGlyph(slot, cp, unique.length > 0 ? unique : [{ file: BOOK_FILE }], 'the EPUB and the PDF'));
    }
    if (gaps.length > MAX_PER_FACE) diagnostics.push(tooMany(slot, gaps.slice(MAX_PER_FACE)));
  }
  for (const { slot, cp, output } of extraMissing) diagnostics.push(missingGlyph(slot, cp, [{}], output));
  return diagnostics;
}

/** The gate as `check` runs it: the project's own font config, problems as diagnostics. */
export async function projectGlyphCoverage(book: Book): Promise<Diagnostic[]> {
  let fonts: FontConfig;
  try {
    fonts = await loadFontConfig(book.root);
  } catch (error) {
    if (error instanceof BuildFailure) return error.diagnostics;
    throw error;
  }
  const files = await fontFileDiagnostics(fonts);
  try {
    return [...files, ...(await glyphCoverageDiagnostics(book, deriveFrontPages(book.meta), fonts))];
  } catch (error) {
    if (error instanceof BuildFailure) return [...files, ...error.diagnostics];
    throw error;
  }
}
