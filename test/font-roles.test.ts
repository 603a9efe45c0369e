/**
 * The type roles 宋 body, 黑 heading, 楷 kai, 仿宋 fangsong, 等宽 mono: the house fonts.yaml maps
 * each to a shipped npm face (fangsong borrows kai's), a book's design may set quotations in
 * kai and code in mono, and both outputs embed the role's face for just that text. A role
 * with one weight is emboldened: fill + stroke in the PDF (text rendering mode 2), the
 * reader's font-synthesis in the EPUB (no bold @font-face for it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFPage } from 'pdf-lib';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontConfig, type FontConfig } from '../src/fonts/config.js';
import { buildBook } from '../src/pipeline/build.js';
import { FontBook } from '../src/typeset/fonts.js';
import { fonts as pdfFonts, pageTextItems, pageText, squash } from './helpers/pdf.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';
import { runEpubcheck } from './helpers/epubcheck.js';

const QUOTE = '楷体引文：坚持党的领导，是做好党的群团工作的根本保证。';
const CODE = '// 等宽代码：计算总和\nconst total = items.reduce((a, b) => a + b, 0);';

describe('the house font roles', () => {
  let config: FontConfig;
  beforeAll(async () => {
    config = await loadFontConfig(SAMPLE_DIR);
  });

  it('maps every role to a shipped face, fangsong borrowing kai', () => {
    expect(config.kai.family).toBe('LXGW WenKai');
    expect(config.kai.syntheticBold).toBe(false);
    expect(path.basename(config.kai.normal.path)).toBe('lxgw-wenkai-latin-500-normal.woff');
    expect(config.mono.family).toBe('Noto Sans Mono');
    expect(config.fangsong).toMatchObject({ family: 'LXGW WenKai', borrowedFrom: 'kai' });
  });

  it('measures the 楷 face (a WOFF, read from its tables inflated once) as fontkit measures the file itself', () => {
    const book = new FontBook(config);
    const file = fontkit.openSync(config.kai.normal.path) as fontkit.Font;
    const text = '楷体引文：坚持党的领导，是做好“群团工作”的根本保证。Quote 2017';
    for (const piece of [text, '永', '，', 'Quote']) {
      const ours = book.measure(piece, { font: 'kai', bold: false, size: 10 }, false);
      expect(ours).toBeCloseTo((file.layout(piece).advanceWidth * 10) / file.unitsPerEm, 6);
    }
  });

  it('sets code ideographs in 黑体', () => {
    const book = new FontBook(config);
    expect(book.faceFor('mono', false, 'a'.codePointAt(0) ?? 0)).toBe('mono');
    expect(book.faceFor('mono', false, '计'.codePointAt(0) ?? 0)).toBe('heading');
  });

  it('draws a space hanpress inserts from a role that has it, but never the book\'s own text', () => {
    // A body face without ideographs or U+3000: Noto Sans Mono.
    const book = new FontBook({ ...config, body: config.mono });
    expect(book.face('body', false).hasGlyph(0x3000)).toBe(false);
    expect(book.faceFor('body', false, 0x3000)).toBe('heading');
    expect(book.faceFor('body', false, '①'.codePointAt(0) ?? 0)).toBe('heading');
    // 前 is the author's: it stays in the body face (the coverage gate reports it).
    expect(book.faceFor('body', false, '前'.codePointAt(0) ?? 0)).toBe('body');
  });
});

/** The sample with a quotation (bold inside) and a code block in the preface. */
async function rolesProject(fontsYaml?: string): Promise<string> {
  const dir = await projectWith({
    'front/preface.md': replaceOnce('## 一、', `> ${QUOTE.replace('坚持党的领导', '**坚持党的领导**')}\n\n\`\`\`\n${CODE}\n\`\`\`\n\n## 一、`),
  });
  await writeFile(path.join(dir, 'design.yaml'), 'styles:\n  blockquote: { font: kai }\n  code: { font: mono }\n');
  if (fontsYaml) await writeFile(path.join(dir, 'fonts.yaml'), fontsYaml);
  return dir;
}

/** The page's content streams, decoded, as text. */
function contentOf(doc: PDFDocument, page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    .join('\n');
}

describe('kai quotations and mono code in both outputs, kai with one weight', () => {
  let pdf: PDFDocument;
  let pdfBytes: Uint8Array;
  let files: Record<string, Uint8Array>;
  let epubPath: string;

  beforeAll(async () => {
    // The house faces, but kai with its regular weight only: its bold must be synthetic.
    const house = await readFile(path.join(REPO_ROOT, 'fonts/fonts.yaml'), 'utf8');
    const oneWeight = house.replace(/\n {2}bold: "@fontsource\/lxgw-wenkai\/[^\n]*/, '');
    expect(oneWeight).not.toBe(house);
    // Package names in a book's own fonts.yaml resolve from hanpress's install.
    const dir = await rolesProject(oneWeight);
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-roles-out-'), env: { SOURCE_DATE_EPOCH: '1714521600' } });
    if (!report.pdf || !report.epub) throw new Error('both outputs expected');
    pdfBytes = new Uint8Array(await readFile(report.pdf.path));
    pdf = await PDFDocument.load(pdfBytes);
    epubPath = report.epub.path;
    files = unzipSync(await readFile(epubPath));
  }, 600_000);

  it('embeds the kai and mono faces in the PDF, subset', () => {
    const names = pdfFonts(pdf).map((f) => f.baseFont);
    expect(names.some((n) => /^[A-Z]{6}\+LXGWWenKai-Regular$/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Z]{6}\+NotoSansMono-Regular$/.test(n))).toBe(true);
    // One weight: the bold words of the quotation are not a second (bold) kai font.
    expect(names.some((n) => n.includes('LXGWWenKai-Bold'))).toBe(false);
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
  });

  it('draws the bold words of the quotation filled and stroked (rendering mode 2, about 1/30 em)', async () => {
    const pages = await pageTextItems(pdfBytes);
    const index = pages.findIndex((items) => squash(pageText(items)).includes('楷体引文'));
    expect(index).toBeGreaterThanOrEqual(0);
    const page = pdf.getPages()[index];
    if (!page) throw new Error('no page');
    const stream = contentOf(pdf, page);
    expect(stream).toMatch(/\b2 Tr\b/);
    const width = /([\d.]+) w\b[\s\S]*?\b2 Tr\b/.exec(stream)?.[1];
    // The quotation's size is the body's, 10.5 pt: 10.5 / 30 = 0.35.
    expect(Number(width)).toBeCloseTo(10.5 / 30, 2);
  });

  it('embeds the kai and mono subsets in the EPUB and points the quotation and code at them', async () => {
    expect(files['OEBPS/fonts/kai-regular.ttf']).toBeDefined();
    expect(files['OEBPS/fonts/kai-bold.ttf']).toBeUndefined();
    expect(files['OEBPS/fonts/mono-regular.ttf']).toBeDefined();
    const css = new TextDecoder().decode(files['OEBPS/styles/book.css']);
    expect(css).toMatch(/blockquote \{\n {2}font-family: "LXGW WenKai"/);
    expect(css).toMatch(/code, pre \{\n {2}font-family: "Noto Sans Mono", "Noto Sans SC"/);
    expect(css).not.toMatch(/font-family: "LXGW WenKai";\n {2}font-style: normal;\n {2}font-weight: bold/);
    expect(css).toContain('font-synthesis: weight;');
    const opf = new TextDecoder().decode(files['OEBPS/content.opf']);
    expect(opf).toContain('href="fonts/kai-regular.ttf"');
    expect((await runEpubcheck(epubPath)).messages).toEqual([]);
  });
});
