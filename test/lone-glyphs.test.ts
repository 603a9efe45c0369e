/**
 * A context-free character is taken from the cmap, without a layout call, when no lookup
 * fontkit applies can change its glyph (src/typeset/lone-glyphs.ts). That must give exactly
 * what shaping the character alone gives: checked against fontkit's own layout on every
 * bundled face, for the sample book's characters, the grid marks and a spread of ideographs,
 * plain and with `halt`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { singleFace, WOFF_TAG } from '../src/fonts/sfnt.js';
import { FontBook, isContextFree, type Face, type ShapedGlyph } from '../src/typeset/fonts.js';
import { glyphsShapingMayChange } from '../src/typeset/lone-glyphs.js';

const MANUSCRIPT = path.resolve(import.meta.dirname, '../manuscript');
const MARKS = Array.from('，。、；：？！（）「」『』“”‘’《》〈〉【】〔〕〖〗［］｛｝　①②③④⑤⑥⑦⑧⑨⑩').map((c) => c.codePointAt(0) ?? 0);

/** The face's font opened on its own, as fonts.ts opens it: the reference layouts come from it. */
function reference(face: Face): fontkit.Font {
  const bytes = readFileSync(face.source.path);
  const opened = bytes.toString('latin1', 0, 4) === WOFF_TAG ? fontkit.create(singleFace(bytes)) : fontkit.create(bytes, face.source.postscriptName);
  const font = 'fonts' in opened ? (face.source.postscriptName ? opened.getFont(face.source.postscriptName) : opened.fonts[0]) : opened;
  if (!font) throw new Error(`no face in ${face.source.path}`);
  return font;
}

function codePoints(): number[] {
  const out = new Set<number>(MARKS);
  const chapters = path.join(MANUSCRIPT, 'chapters');
  for (const file of readdirSync(chapters)) for (const ch of readFileSync(path.join(chapters, file), 'utf8')) out.add(ch.codePointAt(0) ?? 0);
  for (let cp = 0x4e00; cp <= 0x9fff; cp += 97) out.add(cp);
  return [...out].filter(isContextFree);
}

describe('glyphs taken from the cmap when shaping cannot change them (src/typeset/lone-glyphs.ts)', () => {
  it('are what fontkit gives when it shapes each character alone, on every bundled face, plain and with halt', async () => {
    const book = new FontBook(await loadFontConfig(MANUSCRIPT));
    const cps = codePoints();
    for (const face of book.all()) {
      const font = reference(face);
      for (const half of [false, true]) {
        for (const cp of cps) {
          if (!font.hasGlyphForCodePoint(cp)) continue;
          const run = font.layout(String.fromCodePoint(cp), half ? ['halt'] : undefined);
          if (run.glyphs.length !== 1) continue;
          const [g] = run.glyphs;
          const p = run.positions[0];
          const expected = { id: g?.id, advance: p?.xAdvance, width: g?.advanceWidth, offset: p?.xOffset, text: String.fromCodePoint(...(g?.codePoints ?? [])) };
          expect(face.glyphs(String.fromCodePoint(cp), half), `${face.id} U+${cp.toString(16)} ${String(half)}`).toEqual([expected]);
        }
      }
    }
  }, 120_000);

  it('takes whole texts from the table only when shaping them gives the same glyphs (．．． and ∶ plain, Latin a face does not kern, folios)', async () => {
    const book = new FontBook(await loadFontConfig(MANUSCRIPT));
    const texts = [
      '雷横在德清县南门外，和司行方交锋，斗到三十合．被司行方砍下马去。',
      '颠酒家？．．．那厮却是倒来埒虎须！俺且走向前去',
      '－－“．．．说．．在先敝寺十分好个去处',
      '比例为３∶１，Ａ．Ｂ。',
      '（010）62382916（职工教育分社）',
      'Hanpress builds EPUB 3 and PDF.',
      'x ∶ y · z',
      '(003) 976 iii',
      '第一回　张天师祈禳瘟疫　洪太尉误走妖魔',
    ];
    // shaped() cuts plain text with spaces into words, each with its trailing space, as pdfkit did.
    const chunks = (text: string, half: boolean): string[] => (half || !/[ \t]/.test(text) ? [text] : (text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? []));
    const fromTable = new Set<string>();
    for (const face of book.all()) {
      const font = reference(face);
      for (const half of [false, true]) {
        for (const text of texts) {
          const expected = chunks(text, half).flatMap((chunk) => {
            const run = font.layout(chunk, half ? ['halt'] : undefined);
            return run.glyphs.map((g, i) => ({ id: g.id, advance: run.positions[i]?.xAdvance, width: g.advanceWidth, offset: run.positions[i]?.xOffset, text: String.fromCodePoint(...(g.codePoints ?? [])) }));
          });
          const scratch: ShapedGlyph[] = [];
          const got = face.glyphs(text, half, scratch);
          if (got === scratch) fromTable.add(`${face.id} ${String(half)} ${text}`);
          expect([...got], `${face.id} ${text} ${String(half)}`).toEqual(expected);
          const units = expected.reduce((sum, g) => sum + (g.advance ?? 0), 0);
          expect(face.width(text, 10, half), `${face.id} ${text} ${String(half)}`).toBe((units * 10) / face.unitsPerEm);
        }
      }
    }
    // The ．．． lines of 水浒传 set plain (not half-width: halt moves ．) are not shaped whole.
    expect(fromTable).toContain(`body false ${texts[1] ?? ''}`);
    expect(fromTable).not.toContain(`body true ${texts[1] ?? ''}`);
    expect(fromTable).toContain(`body false ${texts[3] ?? ''}`);
  }, 120_000);

  it('leaves out the glyphs shaping does change (the set is not empty for nothing)', async () => {
    const book = new FontBook(await loadFontConfig(MANUSCRIPT));
    const font = reference(book.face('body', false));
    const changeable = glyphsShapingMayChange(font);
    expect(changeable).toBeDefined();
    // `halt` moves and narrows the marks: each mark it changes must be in the set …
    let moved = 0;
    for (const cp of MARKS) {
      const alone = font.glyphForCodePoint(cp);
      const run = font.layout(String.fromCodePoint(cp), ['halt']);
      const changed = run.glyphs[0]?.id !== alone.id || run.positions[0]?.xAdvance !== alone.advanceWidth || run.positions[0]?.xOffset !== 0;
      if (changed) {
        moved++;
        expect(changeable?.has(alone.id), String.fromCodePoint(cp)).toBe(true);
      }
    }
    expect(moved).toBeGreaterThan(10);
    // … while the ideographs, which no lookup of these faces touches, are taken from the cmap.
    const free = Array.from('一天下大事之的了是宋江道').filter((c) => !changeable?.has(font.glyphForCodePoint(c.codePointAt(0) ?? 0).id));
    expect(free.length).toBe(12);
  });
});
