/**
 * The glyph coverage gate on real fonts: a font config whose body face lacks one character
 * makes `check` (and so `build`) fail with that character's position and code point; a
 * fallback font that has it lifts the error and is embedded in the EPUB for just that
 * character. The corpora (水浒传 with its □ placeholders and garbled runs, d2l-zh with Latin,
 * code and math) pass the gate with the shipped fonts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../src/pipeline/build.js';
import { checkProject } from '../src/pipeline/check.js';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { parseCharacterMap } from '../src/fonts/cmap.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { collectGlyphs } from '../src/fonts/glyphs.js';
import { subsetFont } from '../src/fonts/subset.js';
import { PDFDocument } from 'pdf-lib';
import { fonts as pdfFonts, pageText, pageTextItems, squash } from './helpers/pdf.js';
import { BODY_EXTRA_TEXT } from '../src/writers/epub/labels.js';
import { corpusProject } from '../bench/corpus-project.js';
import { d2lProject } from './helpers/d2l-project.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { loadBook, SAMPLE_DIR } from './helpers/sample.js';
import { runEpubcheck } from './helpers/epubcheck.js';

/** A character the sample does not use, added to the preface at a known place. */
const RARE = '鳌';
const RARE_CP = 'U+9CCC';
const ADDED_LINE = `据说此处有一块${RARE}头石碑，${RARE}字须有字形。`;

/** Sample copy with the rare character in the preface and a body font that lacks it. */
async function projectLackingRare(fallback: boolean): Promise<{ dir: string; line: number; column: number }> {
  const dir = await projectWith({ 'front/preface.md': (text) => `${text.trimEnd()}\n\n${ADDED_LINE}\n` });
  const { book, front, ctx } = await loadBook(dir);
  // Everything either writer draws in the body face, minus the one character.
  const glyphs = collectGlyphs(book, front, { body: [...BODY_EXTRA_TEXT, '目录'] });
  glyphs.body.regular.delete(RARE.codePointAt(0) ?? 0);
  const source = await readFile(ctx.fonts.body.normal.path);
  const subset = await subsetFont(new Uint8Array(source), glyphs.body.regular);
  await writeFile(path.join(dir, 'body-lacking.ttf'), subset);
  const yaml = [
    'body:',
    '  family: Lacking Serif',
    '  normal: body-lacking.ttf',
    'heading:',
    '  family: Noto Sans SC',
    `  normal: ${ctx.fonts.heading.normal.path}`,
    ...(fallback ? ['fallback:', `  - { family: Noto Serif SC Fallback, path: "${ctx.fonts.body.normal.path}" }`] : []),
  ];
  await writeFile(path.join(dir, 'fonts.yaml'), `${yaml.join('\n')}\n`);
  const lines = (await readFile(path.join(dir, 'front/preface.md'), 'utf8')).split('\n');
  const line = lines.indexOf(ADDED_LINE) + 1;
  return { dir, line, column: ADDED_LINE.indexOf(RARE) + 1 };
}

describe('the glyph coverage gate', () => {
  it('reads the cmap of the shipped fonts exactly', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR);
    const map = parseCharacterMap(await readFile(fonts.body.normal.path));
    expect(map.has(0x4e00)).toBe(true);
    expect(map.has(0x25a1)).toBe(true); // □, the corpus's placeholder
    expect(map.has(0x2460)).toBe(true); // ①
    expect(map.has(0x1d431)).toBe(false); // mathematical bold x
  });

  it('passes the sample book', async () => {
    const { diagnostics } = await checkProject(SAMPLE_DIR);
    expect(diagnostics.filter((d) => d.code === 'fonts/missing-glyph')).toEqual([]);
  });

  it('reports a character the body font lacks with its position and code point', async () => {
    const { dir, line, column } = await projectLackingRare(false);
    const { diagnostics } = await checkProject(dir);
    const missing = diagnostics.filter((d) => d.code === 'fonts/missing-glyph');
    expect(missing.map((d) => d.message)).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', file: 'front/preface.md', line, column });
    expect(missing[0]?.message).toContain(RARE_CP);
    expect(missing[0]?.message).toContain('Lacking Serif');
    expect(missing[0]?.hint).toContain('fallback');
  });

  it('stops the build and writes nothing', async () => {
    const { dir } = await projectLackingRare(false);
    const out = await tempDir('hanpress-coverage-out-');
    const failure = await buildBook({ dir, outDir: out }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BuildFailure);
    expect((failure as BuildFailure).diagnostics.map((d) => d.code)).toContain('fonts/missing-glyph');
  });

  it('accepts the character when a fallback font has it, and embeds the fallback for it alone', async () => {
    const { dir } = await projectLackingRare(true);
    const { diagnostics } = await checkProject(dir);
    expect(diagnostics.filter((d) => d.code === 'fonts/missing-glyph')).toEqual([]);
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-coverage-out-'), env: { SOURCE_DATE_EPOCH: '1714521600' } });
    const files = unzipSync(await readFile(report.epub.path));
    const fallback = files['OEBPS/fonts/fallback-1.ttf'];
    expect(fallback).toBeDefined();
    const map = parseCharacterMap(Buffer.from(fallback ?? []));
    expect(map.has(RARE.codePointAt(0) ?? 0)).toBe(true);
    expect(map.has(0x4e2d)).toBe(false); // 中 is in the body subset, not the fallback
    const css = new TextDecoder().decode(files['OEBPS/styles/book.css']);
    expect(css).toContain('font-family: "Lacking Serif", "Noto Serif SC Fallback", serif;');
    expect((await runEpubcheck(report.epub.path)).messages).toEqual([]);
    // The PDF sets the character in the fallback face: a second serif face is embedded (the
    // lacking body subset and the fallback share a PostScript name), and the text extracts.
    const pdfBytes = new Uint8Array(await readFile(report.pdf.path));
    const serifFaces = pdfFonts(await PDFDocument.load(pdfBytes, { updateMetadata: false })).filter((f) =>
      f.baseFont.includes('NotoSerifSC'),
    );
    expect(serifFaces).toHaveLength(2);
    expect(serifFaces.every((f) => f.embedded)).toBe(true);
    const pages = (await pageTextItems(pdfBytes)).map((items) => squash(pageText(items)));
    expect(pages.some((page) => page.includes(squash(ADDED_LINE)))).toBe(true);
  });
});

describe('the gate on real text', () => {
  let shz: string;
  let d2l: string;
  beforeAll(async () => {
    shz = await tempDir('hanpress-shz-');
    await corpusProject(shz, 121, path.join(SAMPLE_DIR, 'book.yaml'));
    d2l = (await d2lProject(await tempDir('hanpress-d2l-'), { dropDangling: false })).dir;
  });

  it('passes 水浒传 (4,077 ideographs, □ placeholders, garbled runs) without a diagnostic', async () => {
    const { diagnostics } = await checkProject(shz);
    // Punctuation faults are the lint's business (test/lint-corpus.test.ts), not the glyph gate's;
    // the 缺字 report lists the □ placeholders (test/kinds-novel.test.ts).
    expect(diagnostics.filter((d) => !d.code.startsWith('lint/') && d.code !== 'markdown/missing-char')).toEqual([]);
  });

  it('passes d2l-zh and reports only its two dangling images, at the image', async () => {
    const { diagnostics } = await checkProject(d2l);
    const notLint = diagnostics.filter((d) => !d.code.startsWith('lint/'));
    expect(notLint.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['image/missing', 'chapter_introduction/index.md', 326, 1],
      ['image/missing', 'chapter_computational-performance/hardware.md', 110, 1],
    ]);
  });

  it('reports a character no font has in a real corpus chapter, with its position', async () => {
    // U+30EDE 𰻞 (biáng, CJK Extension G) is in no Noto Serif SC build.
    const file = path.join(d2l, 'chapter_notation/index.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, replaceOnce('本书中使用的符号', '本书中使用的𰻞符号')(text));
    const { diagnostics } = await checkProject(d2l);
    const missing = diagnostics.filter((d) => d.code === 'fonts/missing-glyph');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('𰻞')) + 1;
    expect(missing[0]).toMatchObject({ file: 'chapter_notation/index.md', line, column: (lines[line - 1] ?? '').indexOf('𰻞') + 1 });
    expect(missing[0]?.message).toContain('U+30EDE');
    // Body text only: the heading face never draws it, so there is one error, not two.
    expect(missing).toHaveLength(1);
  });
});
