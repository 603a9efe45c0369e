/**
 * A technical book from the d2l-zh corpus (maths, SVG and PNG figures, code), built into both
 * outputs and read back: EPUBCheck-clean EPUB with MathML, a PDF with formulas and SVG figures
 * as vector drawings, no TeX source in the text of either, every image of the source present.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { allChapters, type Book, type Inline } from '../src/model/book.js';
import { chapterImages, inlineRuns } from '../src/model/walk.js';
import { checkProject } from '../src/pipeline/check.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { d2lProject } from './helpers/d2l-project.js';
import { formatMessages, runEpubcheck } from './helpers/epubcheck.js';
import { pageTextItems, squash } from './helpers/pdf.js';
import { pdfLineText, pdfLines } from './helpers/spread.js';
import { tempDir } from './helpers/project.js';

const CHAPTERS = [
  'chapter_preface/index.md',
  'chapter_linear-networks/linear-regression.md',
  'chapter_recurrent-modern/beam-search.md',
  'chapter_appendix-tools-for-deep-learning/contributing.md',
];

/** TeX as it would leak: the control words these chapters use, or a $ delimiter before TeX. */
const TEX = /\\(?:mathbf|frac|hat|sum|mathrm|top|mathcal|partial|begin|left|right|eta|leq)\b|\$[^$\n]{0,40}[\\^_{]/;

let book: Book;
let epub: Record<string, Uint8Array>;
let pdf: Uint8Array;
const decoder = new TextDecoder();

function countMaths(inlines: Inline[]): number {
  return inlines.reduce((n, i) => n + (i.type === 'math' ? 1 : 'children' in i ? countMaths(i.children) : 0), 0);
}

function formulaCount(): number {
  let n = 0;
  for (const chapter of allChapters(book)) {
    n += chapter.blocks.filter((b) => b.type === 'math').length;
    for (const { inlines } of inlineRuns(chapter.blocks)) n += countMaths(inlines);
  }
  return n;
}

/** Marked-content tags and image paints of every page, from pdfjs's operator lists. */
async function operators(bytes: Uint8Array): Promise<{ tags: Map<string, number>; images: number }> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const tags = new Map<string, number>();
  let images = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const list = await (await doc.getPage(n)).getOperatorList();
      list.fnArray.forEach((fn, i) => {
        if (fn === OPS.beginMarkedContent) {
          const arg = (list.argsArray[i] as unknown[])[0];
          const tag = typeof arg === 'object' && arg && 'name' in arg ? String(arg.name) : String(arg);
          tags.set(tag, (tags.get(tag) ?? 0) + 1);
        }
        if (fn === OPS.paintImageXObject) images++;
      });
    }
  } finally {
    await doc.destroy();
  }
  return { tags, images };
}

beforeAll(async () => {
  const { dir } = await d2lProject(await tempDir('hanpress-technical-'), { dropDangling: true, chapters: CHAPTERS, keepMarkers: true });
  const { book: checked, diagnostics } = await checkProject(dir);
  // References to chapters and sections this selection does not hold stay unresolved (warned).
  const outside = (d: { code: string; message: string }): boolean => d.code === 'markdown/unresolved-ref' && /`(chap|sec|subsec)_/.test(d.message);
  expect(diagnostics.filter((d) => !outside(d) && (d.severity === 'error' || d.code.startsWith('image/') || d.code.startsWith('markdown/')))).toEqual([]);
  expect(diagnostics.filter(outside).length).toBeGreaterThan(0);
  if (!checked) throw new Error('no book');
  book = checked;
  const ctx = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
  const front = deriveFrontPages(book.meta);
  const epubBytes = await writeEpub(book, front, ctx);
  epub = unzipSync(epubBytes);
  const file = path.join(dir, 'd2l.epub');
  await writeFile(file, epubBytes);
  const report = await runEpubcheck(file);
  expect(report.counts, formatMessages(report.messages)).toEqual({ fatal: 0, error: 0, warning: 0 });
  pdf = (await writePdf(book, front, ctx)).bytes;
  if (process.env.HANPRESS_DUMP) await writeFile(process.env.HANPRESS_DUMP, pdf);
}, 240_000);

function chapterXhtml(file: string): string {
  const chapter = allChapters(book).find((c) => c.file === file);
  const entry = chapter && epub[`OEBPS/text/${chapter.id}.xhtml`];
  if (!entry) throw new Error(`no XHTML for ${file}`);
  return decoder.decode(entry);
}

/** Every text item of the PDF with the name of the font that draws it. */
async function textWithFonts(bytes: Uint8Array): Promise<Array<{ str: string; font: string }>> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Array<{ str: string; font: string }> = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      await page.getOperatorList();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const font = page.commonObjs.get(item.fontName) as { name?: string } | undefined;
        out.push({ str: item.str, font: font?.name ?? '' });
      }
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

function codeOf(inlines: Inline[]): string[] {
  return inlines.flatMap((i) => (i.type === 'code' ? [i.value] : 'children' in i ? codeOf(i.children) : []));
}

describe('d2l-zh as a technical book', () => {
  it('reads every formula of linear-regression.md, labels included', () => {
    const chapter = allChapters(book).find((c) => c.file.endsWith('linear-regression.md'));
    const display = chapter?.blocks.filter((b) => b.type === 'math') ?? [];
    expect(display.length).toBe(15);
    expect(display.flatMap((b) => (b.type === 'math' && b.label ? [b.label] : []))).toEqual([
      'eq_price-area',
      'eq_linreg-y',
      'eq_mse',
      'eq_linreg_batch_update',
    ]);
    expect(formulaCount()).toBeGreaterThan(100);
  });

  it('EPUB: formulas are MathML, the documents that have them declare it, no TeX in the text', () => {
    const xhtml = chapterXhtml('chapter_linear-networks/linear-regression.md');
    const maths = xhtml.match(/<math /g) ?? [];
    const chapter = allChapters(book).find((c) => c.file.endsWith('linear-regression.md'));
    const expected = (chapter?.blocks.filter((b) => b.type === 'math').length ?? 0) + [...inlineRuns(chapter?.blocks ?? [])].reduce((n, r) => n + countMaths(r.inlines), 0);
    expect(maths.length).toBe(expected);
    expect(xhtml).toContain('<div class="equation" id="ref-eq_mse"><math ');
    const opf = decoder.decode(epub['OEBPS/content.opf']);
    const itemOf = (id: string): string => new RegExp(`<item [^>]*id="${id}"[^>]*/>`).exec(opf)?.[0] ?? '';
    for (const c of allChapters(book)) {
      const hasMath = /<math /.test(chapterXhtml(c.file));
      expect(itemOf(c.id).includes('properties="mathml"'), c.file).toBe(hasMath);
    }
    for (const c of allChapters(book)) {
      // Text content only: alttext attributes carry the TeX for readers without MathML.
      const text = chapterXhtml(c.file).replace(/<[^>]*>/g, '');
      expect(TEX.exec(text)?.[0], c.file).toBeUndefined();
    }
  });

  it('PDF: no TeX in the text; every formula drawn as a vector formula', async () => {
    const pages = await pageTextItems(pdf);
    const text = pages.map((items) => items.map((i) => i.str).join('')).join('\n');
    expect(TEX.exec(text)?.[0]).toBeUndefined();
    expect(text).toContain('损失函数');
    const { tags } = await operators(pdf);
    expect(tags.get('Formula')).toBe(formulaCount());
  });

  it('every image of the source is in both outputs: SVG figures as vectors in the PDF', async () => {
    const images = allChapters(book).flatMap((c) => [...chapterImages(c)].map(({ image }) => image.src));
    const svgs = images.filter((src) => src.endsWith('.svg'));
    const rasters = images.filter((src) => !src.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    expect(rasters.length).toBeGreaterThanOrEqual(4);
    // EPUB: one <img> per source image, each pointing at a file in the package.
    const srcs = allChapters(book).flatMap((c) => [...chapterXhtml(c.file).matchAll(/<img [^>]*src="\.\.\/([^"]+)"/g)].map((m) => m[1] ?? ''));
    expect(srcs.length).toBe(images.length);
    for (const src of srcs) expect(epub[`OEBPS/${src}`], src).toBeDefined();
    const { tags, images: painted } = await operators(pdf);
    expect(tags.get('Figure')).toBe(svgs.length);
    expect(painted).toBe(rasters.length);
  });

  it('PDF: code blocks and inline code are set in the monospace face', async () => {
    const items = await textWithFonts(pdf);
    const chapters = allChapters(book);
    // The longest token of each code block's lines: a piece of text only code has.
    const tokens = chapters.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'codeBlock' ? b.value.split(/\s+/).filter((t) => t.length >= 8 && /^[\x21-\x7e]+$/.test(t)) : [])));
    const inCode = items.filter((i) => tokens.includes(i.str));
    expect(inCode.length).toBeGreaterThan(20);
    expect(inCode.filter((i) => !/Mono/.test(i.font))).toEqual([]);
    const inline = new Set(chapters.flatMap((c) => [...inlineRuns(c.blocks)].flatMap((r) => codeOf(r.inlines))).filter((v) => /^[\x21-\x7e]{4,}$/.test(v)));
    const inlineItems = items.filter((i) => inline.has(i.str));
    expect(inlineItems.length).toBeGreaterThan(3);
    expect(inlineItems.filter((i) => !/Mono/.test(i.font))).toEqual([]);
  });

  it('numbers figures per chapter with captions from the Markdown, in both outputs', async () => {
    const figures = allChapters(book).flatMap((c) => c.blocks.flatMap((b) => (b.type === 'figure' ? [{ chapter: c, b }] : [])));
    expect(figures.length).toBe(allChapters(book).flatMap((c) => [...chapterImages(c)]).length);
    const regression = figures.filter((f) => f.chapter.file.endsWith('linear-regression.md')).map((f) => [f.b.number, f.b.caption]);
    expect(regression).toEqual([
      ['图2-1', '用线性模型拟合数据'],
      ['图2-2', '线性回归是一个单层神经网络'],
      ['图2-3', '真实的神经元'],
    ]);
    const pdfText = squash((await pageTextItems(pdf)).map((items) => items.map((i) => i.str).join('')).join(''));
    for (const { chapter, b } of figures) {
      expect(pdfText, `${b.number}`).toContain(squash(`${b.number}${b.caption}`));
      expect(chapterXhtml(chapter.file)).toContain(`<figcaption>${b.number}\u3000${b.caption}</figcaption>`);
    }
  });

  it('sets captions (题注) in 楷体 in both outputs', async () => {
    const items = await textWithFonts(pdf);
    // pdfjs gives the number and the title (after the ideographic space) as two items; a title
    // may also be a heading's words (克隆存储库), a number alone on its item is only a caption's.
    const texts = allChapters(book).flatMap((c) => c.blocks.flatMap((b) => (b.type === 'figure' && b.number ? [b.number] : [])));
    const captions = items.filter((i) => texts.includes(squash(i.str)));
    expect(captions.length).toBeGreaterThan(5);
    expect(captions.filter((i) => !/WenKai/.test(i.font))).toEqual([]);
    const css = Object.entries(epub).find(([name]) => name.endsWith('.css'))?.[1];
    expect(decoder.decode(css)).toMatch(/figcaption, caption \{\s*font-family: "LXGW WenKai/);
  });

  it('sets a figure number tight in running text: no ¼-em gap between 图 and 2-1', async () => {
    // The ¼-em gaps are drawn as spaces: a gap inside 图2-1 would be a space run before 2-1.
    const line = (await pdfLines(pdf)).find((l) => squash(pdfLineText(l)).includes('如图2-1所示'));
    if (!line) throw new Error('no 如图2-1所示');
    const k = line.runs.findIndex((r) => r.str.startsWith('2-1'));
    const before = line.runs[k - 1];
    expect(before?.str.endsWith('图')).toBe(true);
    if (!before) throw new Error('no run before 2-1');
    // The run's end as the writer placed it: its advances and the spacing between its glyphs.
    const end = before.x + before.advances.reduce((a, b) => a + b, 0) + before.spacing * (Array.from(before.str).length - 1);
    const gap = (line.runs[k]?.x ?? 0) - end;
    expect(Math.abs(gap)).toBeLessThan(0.3);
  });

  it('resolves :numref: and :eqref: to the number, linked, in both outputs', async () => {
    const xhtml = chapterXhtml('chapter_linear-networks/linear-regression.md');
    expect(xhtml).toContain('<figure id="ref-fig_fit_linreg">');
    expect(xhtml).toMatch(/如<a href="ch\d+\.xhtml#ref-fig_fit_linreg">图2-1<\/a>所示/);
    expect(xhtml).toContain('<span class="equation-number">(2-1)</span>');
    expect(xhtml).toMatch(/<a href="ch\d+\.xhtml#ref-eq_price-area">\(2-1\)<\/a>中的/);
    const pdfText = squash((await pageTextItems(pdf)).map((items) => items.map((i) => i.str).join('')).join(''));
    expect(pdfText).toContain('如图2-1所示');
    expect(pdfText).toContain('(2-1)中的');
    expect(pdfText).not.toContain(':numref:');
    expect(pdfText).not.toContain(':label:');
    expect(pdfText).not.toContain('fig_fit_linreg');
  });
});
