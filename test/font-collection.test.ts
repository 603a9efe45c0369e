/**
 * A face picked out of a .ttc collection by its PostScript name, in both outputs. The
 * collection is made in the test from two shipped faces (test/helpers/ttc.ts), Noto Sans SC
 * first and Noto Serif SC second, so taking the first face instead of the named one shows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { postscriptNames, singleFace } from '../src/fonts/sfnt.js';
import { buildBook } from '../src/pipeline/build.js';
import { checkProject } from '../src/pipeline/check.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { fonts as pdfFonts } from './helpers/pdf.js';
import { projectWith, tempDir } from './helpers/project.js';
import { SAMPLE_DIR } from './helpers/sample.js';
import { buildCollection } from './helpers/ttc.js';

async function collectionProject(fontsYaml: string): Promise<string> {
  const house = await loadFontConfig(SAMPLE_DIR);
  const dir = await projectWith();
  const ttc = buildCollection([await readFile(house.heading.normal.path), await readFile(house.body.normal.path)]);
  await writeFile(path.join(dir, 'house.ttc'), ttc);
  await writeFile(path.join(dir, 'fonts.yaml'), fontsYaml);
  return dir;
}

const FONTS_YAML = [
  'body:',
  '  family: House Serif',
  '  normal: { path: house.ttc, postscriptName: NotoSerifSC-Regular }',
  '  bold: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"',
  'heading:',
  '  family: House Sans',
  '  normal: { path: house.ttc, postscriptName: NotoSansSC-Regular }',
  '',
].join('\n');

describe('the test collection', () => {
  it('is a real two-face .ttc that fontkit reads', async () => {
    const dir = await collectionProject(FONTS_YAML);
    const bytes = await readFile(path.join(dir, 'house.ttc'));
    expect(bytes.toString('latin1', 0, 4)).toBe('ttcf');
    expect(postscriptNames(bytes)).toEqual(['NotoSansSC-Regular', 'NotoSerifSC-Regular']);
    const collection = fontkit.create(bytes);
    if (!('fonts' in collection)) throw new Error('fontkit did not read a collection');
    expect(collection.fonts.map((f) => f.postscriptName)).toEqual(['NotoSansSC-Regular', 'NotoSerifSC-Regular']);
    // The face copied out of it is a single-face font with that face's name.
    const face = singleFace(bytes, 'NotoSerifSC-Regular');
    const opened = fontkit.create(face);
    expect('fonts' in opened ? undefined : opened.postscriptName).toBe('NotoSerifSC-Regular');
  });

  it('is refused at the entry when the face is not named, or named wrongly, with the faces it has', async () => {
    const dir = await collectionProject(FONTS_YAML.replace('{ path: house.ttc, postscriptName: NotoSerifSC-Regular }', 'house.ttc').replace('postscriptName: NotoSansSC-Regular', 'postscriptName: NotoSansSC-Regulr'));
    const { diagnostics } = await checkProject(dir);
    const faces = diagnostics.filter((d) => d.code === 'fonts/no-such-face');
    expect(faces.length).toBeGreaterThanOrEqual(1);
    expect(faces[0]).toMatchObject({ file: 'fonts.yaml', line: 3, column: 11 });
    expect(faces[0]?.message).toContain('`NotoSerifSC-Regular`');
  });
});

describe('a book set in faces of a .ttc', () => {
  let pdf: PDFDocument;
  let files: Record<string, Uint8Array>;
  let epubPath: string;

  beforeAll(async () => {
    const dir = await collectionProject(FONTS_YAML);
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-ttc-out-'), env: { SOURCE_DATE_EPOCH: '1714521600' } });
    if (!report.pdf || !report.epub) throw new Error('both outputs expected');
    pdf = await PDFDocument.load(await readFile(report.pdf.path));
    epubPath = report.epub.path;
    files = unzipSync(await readFile(epubPath));
  }, 600_000);

  it('embeds the named faces, subset, in the PDF', () => {
    const fonts = pdfFonts(pdf);
    const names = fonts.map((f) => f.baseFont);
    expect(names.some((n) => /^[A-Z]{6}\+NotoSerifSC-Regular$/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Z]{6}\+NotoSansSC-Regular$/.test(n))).toBe(true);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('embeds each face as a single-face subset in the EPUB, referenced by the stylesheet, EPUBCheck clean', async () => {
    for (const [file, name] of [['OEBPS/fonts/body-regular.ttf', 'NotoSerifSC-Regular'], ['OEBPS/fonts/heading-regular.ttf', 'NotoSansSC-Regular']] as const) {
      const bytes = files[file];
      if (!bytes) throw new Error(`${file} missing`);
      expect(Buffer.from(bytes).toString('hex', 0, 4)).toBe('00010000');
      const font = fontkit.create(Buffer.from(bytes));
      if ('fonts' in font) throw new Error('a collection in the EPUB');
      expect(font.postscriptName).toBe(name);
      // Subset: a few thousand glyphs of the book, not the 30 000 of the face.
      expect(font.numGlyphs).toBeLessThan(5000);
    }
    const css = new TextDecoder().decode(files['OEBPS/styles/book.css']);
    expect(css).toMatch(/font-family: "House Serif";\n {2}font-style: normal;\n {2}font-weight: normal;\n {2}src: url\("\.\.\/fonts\/body-regular\.ttf"\)/);
    const opf = new TextDecoder().decode(files['OEBPS/content.opf']);
    expect(opf).toContain('href="fonts/body-regular.ttf"');
    expect((await runEpubcheck(epubPath)).messages).toEqual([]);
  });
});
