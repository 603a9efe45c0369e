/**
 * Font subsetting for the EPUB: must survive a real CJK book's character set (水浒传, 4,000+
 * distinct characters — where subset-font's defaults are known to fail), cover every
 * character asked for, keep the licence, and be byte-identical across runs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectGlyphs } from '../src/fonts/glyphs.js';
import { subsetFont } from '../src/fonts/subset.js';
import { loadBook, type LoadedBook } from './helpers/sample.js';

// fontkit (installed with pdfkit) ships no type declarations; this is the part we read.
interface FontkitFont {
  numGlyphs: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  name: { records: Record<string, Record<string, string> | undefined> };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): FontkitFont };

function openFont(bytes: Uint8Array): FontkitFont {
  return fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const CORPUS = '/work/shared/corpus/shuihuzhuan';
const NOT_DRAWN = new Set([0x09, 0x0a, 0x0d, 0xfeff]);

async function corpusCodePoints(): Promise<Set<number>> {
  const codePoints = new Set<number>();
  for (const file of (await readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort()) {
    for (const char of await readFile(path.join(CORPUS, file), 'utf8')) {
      const cp = char.codePointAt(0);
      if (cp !== undefined && !NOT_DRAWN.has(cp)) codePoints.add(cp);
    }
  }
  return codePoints;
}

describe('subsetFont', () => {
  let loaded: LoadedBook;
  let source: Uint8Array;
  let codePoints: Set<number>;
  let subset: Uint8Array;

  beforeAll(async () => {
    loaded = await loadBook();
    source = new Uint8Array(await readFile(loaded.ctx.fonts.body.normal.path));
    codePoints = await corpusCodePoints();
    subset = await subsetFont(source, codePoints);
  });

  it('subsets the whole 水浒传 character set', () => {
    expect(codePoints.size).toBeGreaterThanOrEqual(4077);
    expect(subset.byteLength).toBeGreaterThan(0);
    expect(subset.byteLength).toBeLessThan(source.byteLength / 4);
  });

  it('has a glyph for every character of the corpus', () => {
    const font = openFont(subset);
    const missing = [...codePoints].filter((cp) => !font.hasGlyphForCodePoint(cp)).map((cp) => String.fromCodePoint(cp));
    expect(missing.join('')).toBe('');
    expect(font.numGlyphs).toBeLessThan(openFont(source).numGlyphs / 3);
  });

  it('keeps the licence and copyright name records', () => {
    const records = openFont(subset).name.records;
    expect(records.license?.en).toContain('SIL Open Font License');
    expect(records.copyright?.en).toBeTruthy();
    expect(records.fontFamily?.en).toBe('Noto Serif SC');
  });

  it('gives identical bytes for the same input, whatever the order of the code points', async () => {
    const again = await subsetFont(source, [...codePoints].reverse());
    expect(Buffer.from(again).equals(Buffer.from(subset))).toBe(true);
  });

});

describe('collectGlyphs', () => {
  it('splits the sample book into body and heading characters', async () => {
    const { book, front } = await loadBook();
    const glyphs = collectGlyphs(book, front, { heading: ['目录'] });
    const has = (set: Set<number>, text: string): boolean => Array.from(text).every((c) => set.has(c.codePointAt(0) ?? -1));
    // CIP and 版本记录 are body text; part titles and chapter titles are headings.
    expect(has(glyphs.body.regular, front.copyright.cip.description)).toBe(true);
    expect(has(glyphs.body.regular, '茢宗金')).toBe(true);
    expect(has(glyphs.heading.regular, '第一编高度重视科学指导目录')).toBe(true);
    expect(has(glyphs.heading.regular, book.parts[2]?.chapters[31]?.title.replace(/\u3000/g, '') ?? '?')).toBe(true);
    // Headings use far fewer characters than the text, which is the point of two subsets.
    expect(glyphs.heading.regular.size).toBeLessThan(glyphs.body.regular.size);
    // The sample never uses strong text, so no bold face is needed.
    expect(glyphs.body.bold.size).toBe(0);
    expect(glyphs.heading.bold.size).toBe(0);
    expect(glyphs.body.regular.has(0x0a)).toBe(false);
  });

  it('finds each character once, in the order of first use, astral ones whole and lone surrogates as they are', async () => {
    const { book, front } = await loadBook();
    const text = '甲乙甲\t丙\n𠀀乙\ud800丁𠀀甲\r';
    const strong = '甲戊𠀀';
    const chapter = book.parts[0]?.chapters[0];
    if (!chapter) throw new Error('the sample has no chapter');
    const pos = chapter.blocks[0]?.pos ?? { file: 'x.md', line: 1 };
    const paragraph = { type: 'paragraph', pos, children: [{ type: 'text', value: text }, { type: 'strong', children: [{ type: 'text', value: strong }] }] };
    const tiny = { ...book, front: [], parts: [{ ...book.parts[0], chapters: [{ ...chapter, footnotes: [], blocks: [paragraph, paragraph] }] }] } as unknown as typeof book;
    const runs: Array<{ key: string; text: string }> = [];
    const glyphs = collectGlyphs(tiny, front, {}, (role, bold, t) => runs.push({ key: `${role}:${String(bold)}`, text: t }));
    // The reference: printable ASCII first, then every code point of the runs in order, each
    // kept at its first use, tabs and line breaks left out.
    const reference = new Map<string, Set<number>>();
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, k) => 0x20 + k);
    for (const role of ['body', 'heading']) reference.set(`${role}:false`, new Set(ascii));
    for (const run of runs) {
      const set = reference.get(run.key) ?? new Set<number>();
      reference.set(run.key, set);
      for (let k = 0; k < run.text.length; k++) {
        const cp = run.text.codePointAt(k) ?? 0;
        if (cp > 0xffff) k++;
        if (![0x09, 0x0a, 0x0d].includes(cp)) set.add(cp);
      }
    }
    expect(runs.some((r) => r.text === text)).toBe(true);
    expect([...glyphs.body.regular]).toEqual([...(reference.get('body:false') ?? [])]);
    expect([...glyphs.body.bold]).toEqual([...(reference.get('body:true') ?? [])]);
    expect([...glyphs.heading.regular]).toEqual([...(reference.get('heading:false') ?? [])]);
    expect(glyphs.body.regular.has(0x20000)).toBe(true);
    expect(glyphs.body.regular.has(0xd800)).toBe(true);
    expect(glyphs.body.regular.has(0xdc00)).toBe(false);
    expect([...glyphs.body.bold].filter((cp) => cp > 0x7e)).toEqual([0x7532, 0x620a, 0x20000]);
  });

  it('leaves out a role the book never sets text in, ASCII and all; a role it uses keeps the ASCII', async () => {
    const { book, front } = await loadBook();
    const chapter = book.parts[0]?.chapters[0];
    if (!chapter) throw new Error('the sample has no chapter');
    const pos = chapter.blocks[0]?.pos ?? { file: 'x.md', line: 1 };
    const roles = { quote: 'kai', code: 'mono', caption: 'kai' } as const;
    const withBlocks = (blocks: unknown[]): typeof book =>
      ({ ...book, front: [], parts: [{ ...book.parts[0], chapters: [{ ...chapter, footnotes: [], blocks }] }] }) as unknown as typeof book;
    const paragraph = { type: 'paragraph', pos, children: [{ type: 'text', value: '正文' }] };
    const plain = collectGlyphs(withBlocks([paragraph]), front, {}, undefined, roles);
    expect(plain.kai.regular.size).toBe(0);
    expect(plain.mono.regular.size).toBe(0);
    expect(plain.body.regular.has(0x41)).toBe(true);
    const quote = { type: 'blockquote', pos, children: [{ type: 'paragraph', pos, children: [{ type: 'text', value: '引文' }] }] };
    const quoted = collectGlyphs(withBlocks([paragraph, quote]), front, {}, undefined, roles);
    expect(quoted.kai.regular.has('引'.codePointAt(0) ?? 0)).toBe(true);
    expect(quoted.kai.regular.has(0x41)).toBe(true);
    expect(quoted.mono.regular.size).toBe(0);
  });
});
