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
import { assignFaces, faceKey, slotKey, type Weight } from '../fonts/assign.js';
import { FONT_ROLES, loadFontConfig, type FontConfig, type FontFace, type FontRoleName } from '../fonts/config.js';
import { collectGlyphs, DEFAULT_TEXT_ROLES, type GlyphSets, type TextOrigin, type TextRoles } from '../fonts/glyphs.js';
import { bookTextRoles } from '../fonts/text-roles.js';
import type { Book } from '../model/book.js';
import { BODY_EXTRA_TEXT, HEADING_EXTRA_TEXT } from '../writers/epub/labels.js';

/** Strings the PDF writer adds (目录, folios are ASCII digits): checked for the PDF only. */
const PDF_EXTRA_TEXT = ['目录'];

/** How many occurrences a diagnostic names, and how many characters per face get their own. */
const OCCURRENCES = 3;
const MAX_PER_FACE = 40;

interface FaceSlot {
  role: FontRoleName;
  weight: Weight;
  family: string;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function slots(fonts: FontConfig): FaceSlot[] {
  return FONT_ROLES.flatMap((role) => [
    { role, weight: 'normal' as const, family: fonts[role].family },
    { role, weight: 'bold' as const, family: fonts[role].family },
  ]);
}

/** Loads each distinct file once. */
class CharacterMaps {
  private readonly maps = new Map<string, Promise<CharacterMap>>();

  readonly get = (face: FontFace): Promise<CharacterMap> => {
    const key = faceKey(face);
    let map = this.maps.get(key);
    if (!map) {
      map = readCharacterMap(face);
      this.maps.set(key, map);
    }
    return map;
  };
}

const weightOf = (bold: boolean): Weight => (bold ? 'bold' : 'normal');

/** The first origins of each missing code point, per face, from a second walk of the book. */
function originsOf(book: Book, front: FrontPages, missing: Map<string, Set<number>>, roles: TextRoles): Map<string, TextOrigin[]> {
  const found = new Map<string, TextOrigin[]>();
  collectGlyphs(book, front, {}, (role, bold, text, origin) => {
    const wanted = missing.get(slotKey(role, weightOf(bold)));
    if (!wanted) return;
    for (const char of text) {
      const cp = char.codePointAt(0) ?? 0;
      if (!wanted.has(cp)) continue;
      const key = `${slotKey(role, weightOf(bold))}:${cp}`;
      const list = found.get(key) ?? [];
      if (list.length < OCCURRENCES && !list.includes(origin)) list.push(origin);
      found.set(key, list);
    }
  }, roles);
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

/** Strings the writers add (labels, 目录), per role, with the outputs they appear in. */
function extraSets(output: 'epub' | 'pdf'): GlyphSets {
  const sets = Object.fromEntries(FONT_ROLES.map((r) => [r, { regular: new Set<number>(), bold: new Set<number>() }])) as GlyphSets;
  const add = (role: FontRoleName, texts: string[]): void => {
    for (const text of texts) for (const char of text) sets[role].regular.add(char.codePointAt(0) ?? 0);
  };
  if (output === 'epub') {
    add('body', BODY_EXTRA_TEXT);
    add('heading', HEADING_EXTRA_TEXT);
  } else add('body', PDF_EXTRA_TEXT);
  return sets;
}

export async function glyphCoverageDiagnostics(book: Book, front: FrontPages, fonts: FontConfig, roles: TextRoles = DEFAULT_TEXT_ROLES, maps = new CharacterMaps()): Promise<Diagnostic[]> {
  const sets = collectGlyphs(book, front, {}, undefined, roles);
  const { missing } = await assignFaces(fonts, sets, maps.get);
  const allSlots = slots(fonts);
  const extraMissing: Array<{ slot: FaceSlot; cp: number; output: string }> = [];
  for (const output of ['epub', 'pdf'] as const) {
    const extra = await assignFaces(fonts, extraSets(output), maps.get);
    for (const slot of allSlots) {
      for (const cp of extra.missing.get(slotKey(slot.role, slot.weight)) ?? []) {
        const inBook = missing.get(slotKey(slot.role, slot.weight))?.has(cp) ?? false;
        if (!inBook && !extraMissing.some((m) => m.slot.role === slot.role && m.cp === cp)) {
          extraMissing.push({ slot, cp, output: output === 'epub' ? 'the EPUB' : 'the PDF' });
        }
      }
    }
  }
  if (missing.size === 0 && extraMissing.length === 0) return [];

  const sources = new SourceFiles(book.root);
  const origins = originsOf(book, front, missing, roles);
  const diagnostics: Diagnostic[] = [];
  for (const slot of allSlots) {
    const key = slotKey(slot.role, slot.weight);
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

/**
 * Every face fonts.yaml names is read now, the ones this book may not draw with too: the PDF
 * writer opens them all, so a cut-short file is reported by `check` at its fonts.yaml entry
 * instead of failing a build.
 */
async function everyFace(fonts: FontConfig, maps: CharacterMaps): Promise<Diagnostic[]> {
  const faces = [...FONT_ROLES.flatMap((r) => [fonts[r].normal, fonts[r].bold]), ...fonts.fallback];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const face of faces) {
    if (seen.has(faceKey(face))) continue;
    seen.add(faceKey(face));
    try {
      await maps.get(face);
    } catch (error) {
      if (!(error instanceof BuildFailure)) throw error;
      out.push(...error.diagnostics);
    }
  }
  return out;
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
  const maps = new CharacterMaps();
  const unreadable = await everyFace(fonts, maps);
  if (unreadable.length > 0) return unreadable;
  try {
    return await glyphCoverageDiagnostics(book, deriveFrontPages(book.meta), fonts, await bookTextRoles(book), maps);
  } catch (error) {
    if (error instanceof BuildFailure) return error.diagnostics;
    throw error;
  }
}
