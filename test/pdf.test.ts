/**
 * The print PDF of the sample book, read back with pdf-lib and pdfjs-dist: page size, fonts,
 * the CIP block, TOC page numbers against where articles really start, outline, metadata and
 * byte-for-byte reproducibility.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { allChapters, type Chapter } from '../src/model/book.js';
import { writePdf } from '../src/writers/pdf/index.js';
import {
  fonts,
  lines,
  outline,
  pageText,
  pageTextItems,
  printedFolio,
  squash,
  tocEntries,
  xmpOf,
  type OutlineItem,
  type TextItem,
} from './helpers/pdf.js';
import { projectWith, replaceOnce } from './helpers/project.js';
import { loadBook, type LoadedBook } from './helpers/sample.js';
import { elementsByName, parseXml, XML_NS, type XmlDocument } from './helpers/xml.js';

const MM = 72 / 25.4;

let loaded: LoadedBook;
let first: { bytes: Uint8Array; pageCount: number };
let second: { bytes: Uint8Array; pageCount: number };
let doc: PDFDocument;
let texts: TextItem[][];
let tree: OutlineItem[];

beforeAll(async () => {
  loaded = await loadBook();
  first = await writePdf(loaded.book, loaded.front, loaded.ctx);
  second = await writePdf(loaded.book, loaded.front, loaded.ctx);
  doc = await PDFDocument.load(first.bytes, { updateMetadata: false });
  texts = await pageTextItems(first.bytes);
  tree = outline(doc);
});

/** Values of an XMP property: the rdf:li items of an Alt/Seq/Bag, or the simple value. */
function xmpValues(xmp: XmlDocument, namespace: string, name: string): string[] {
  return elementsByName(xmp, namespace, name).flatMap((property) => {
    const items = elementsByName(property, XML_NS.rdf, 'li');
    return items.length > 0 ? items.map((li) => li.textContent ?? '') : [property.textContent ?? ''];
  });
}

function outlineItem(title: string): OutlineItem {
  const item = tree.find((i) => i.title === title);
  if (!item) throw new Error(`no outline item ${title}: ${tree.map((i) => i.title).join(', ')}`);
  return item;
}

/** Pages (1-based) of the TOC: from its outline item up to the page before the first part. */
function tocPages(): number[] {
  const start = outlineItem('目录').page;
  const end = tree.find((i) => i.title.startsWith('第一编'))?.page ?? start + 1;
  return Array.from({ length: end - start }, (_, i) => start + i);
}

/** The page an article's first title line is printed on, searching after the TOC. */
function startPage(chapter: Chapter, after: number): number {
  const needle = squash(chapter.titleLines[0] ?? '');
  for (let n = after + 1; n <= texts.length; n++) {
    if (pageText(texts[n - 1] ?? []).includes(needle)) return n;
  }
  throw new Error(`title of ${chapter.id} not found after page ${after}`);
}

describe('print PDF of the sample book', () => {
  it('reports the pages it wrote', () => {
    expect(first.pageCount).toBe(doc.getPageCount());
    expect(first.pageCount).toBeGreaterThan(60);
  });

  it('sets every page 170 × 240 mm (700×1000 1/16)', () => {
    for (const page of doc.getPages()) {
      // The trimmed page; the MediaBox holds the bleed too (test/print-boxes.test.ts).
      const box = page.getTrimBox();
      expect(box.width).toBeCloseTo(170 * MM, 0);
      expect(Math.abs(box.width - 481.89)).toBeLessThan(0.5);
      expect(Math.abs(box.height - 680.31)).toBeLessThan(0.5);
    }
  });

  it('embeds every font, and only Noto Serif SC and Noto Sans SC', () => {
    const list = fonts(doc);
    expect(list.length).toBeGreaterThan(0);
    for (const font of list) {
      expect(font.embedded, `${font.baseFont} is not embedded`).toBe(true);
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-/);
    }
    expect(list.some((f) => f.baseFont.includes('NotoSerifSC'))).toBe(true);
    expect(list.some((f) => f.baseFont.includes('NotoSansSC'))).toBe(true);
  });

  it('prints the CIP block in reading order on the copyright page', () => {
    const { cip } = loaded.front.copyright;
    const text = pageText(texts[1] ?? []);
    let from = 0;
    for (const expected of [cip.heading, ...cip.paragraphs]) {
      const at = text.indexOf(squash(expected), from);
      expect(at, `CIP line not found in order: ${expected}`).toBeGreaterThanOrEqual(0);
      from = at + squash(expected).length;
    }
  });

  it('has no folios on the title, copyright and board pages', () => {
    for (const page of [1, 2, 3]) {
      expect(texts[page - 1]?.some((i) => /^\d+$/.test(i.str.trim()) && i.str.trim() === String(page))).toBe(false);
    }
  });

  it('mirrors the margins: versos sit further left than rectos', () => {
    const pages = doc.getPageCount();
    const leftEdge = (n: number): number => Math.min(...(texts[n - 1] ?? []).map((i) => i.x));
    const preface = outlineItem('前言').page;
    expect(preface % 2).toBe(1);
    expect(pages).toBeGreaterThan(preface + 1);
    expect(leftEdge(preface + 1)).toBeLessThan(leftEdge(preface) - 5);
  });

  it('prints TOC numbers (003) that are the folios printed on the pages the articles start on', () => {
    const toc = tocPages();
    const entries = tocEntries(toc.map((n) => texts[n - 1] ?? []));
    const after = toc[toc.length - 1] ?? 0;
    const articles = loaded.book.parts.flatMap((p) => p.chapters);
    expect(entries.length).toBeGreaterThanOrEqual(articles.length + 9);
    const openers = new Set(loaded.book.parts.map((p) => p.chapters[0]));
    let previous = after;
    let checked = 0;
    for (const chapter of articles) {
      const actual = startPage(chapter, previous);
      previous = actual;
      const expectedText = squash(
        [...chapter.titleLines, chapter.subtitle ? `——${chapter.subtitle}` : '', chapter.date ? `（${chapter.date}）` : ''].join(''),
      );
      const entry = entries.find((e) => e.text.endsWith(expectedText));
      expect(entry, `no TOC entry for ${chapter.title}`).toBeDefined();
      expect(entry?.folio, `TOC number of ${chapter.title}`).toBe(printedFolio(texts[actual - 1] ?? []));
      if (openers.has(chapter)) expect(actual % 2, `${chapter.title} opens its part on a recto`).toBe(1);
      // Main matter is numbered from the first part page, so the first article is on 003.
      if (chapter === articles[0]) expect(entry?.folio).toBe('3');
      checked++;
    }
    expect(checked).toBe(49);
  });

  it('lists the 系列解读 sections under their article in the TOC', () => {
    const entries = tocEntries(tocPages().map((n) => texts[n - 1] ?? []));
    const series = allChapters(loaded.book).find((c) => c.title === '全国总工会改革试点方案系列解读');
    expect(series?.headings.length).toBe(9);
    const articlePage = outlineItem('第二编\u3000加强领导\u3000精心部署').children.find((c) => c.title === series?.title)?.page ?? 0;
    expect(articlePage).toBeGreaterThan(0);
    let previous = articlePage;
    for (const heading of series?.headings ?? []) {
      const entry = entries.find((e) => e.text.endsWith(squash(heading.text)));
      expect(entry, heading.text).toBeDefined();
      let actual = previous;
      while (actual <= texts.length && !pageText(texts[actual - 1] ?? []).includes(squash(heading.text))) actual++;
      expect(entry?.folio, heading.text).toBe(printedFolio(texts[actual - 1] ?? []));
      previous = actual;
    }
  });

  it('has an outline of 前言, 目录, three parts and 49 articles', () => {
    expect(tree.map((i) => i.title).slice(0, 2)).toEqual(['前言', '目录']);
    const parts = tree.filter((i) => /^第.编/.test(i.title));
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.children.length)).toEqual(loaded.book.parts.map((p) => p.chapters.length));
    expect(parts.reduce((n, p) => n + p.children.length, 0)).toBe(49);
    for (const part of parts) {
      expect(part.page % 2, `${part.title} on a recto`).toBe(1);
      for (const child of part.children) expect(child.page).toBeGreaterThan(part.page);
    }
  });

  it('writes the Info dictionary and the document language', () => {
    expect(doc.getTitle()).toBe(loaded.front.displayTitle);
    expect(doc.getAuthor()).toBe('李玉赋');
    expect(doc.getSubject()).toBe('中国工会改革创新实录（2015—2017）');
    // pdf-lib reads Keywords back split on spaces; the stored string is CLC classes then headings.
    expect(doc.getKeywords()).toBe('D412.6; 工会工作—体制改革—中国—2015-2017');
    expect(doc.getCreator()).toBe('hanpress');
    expect(doc.getProducer()).toMatch(/^hanpress \d+\.\d+\.\d+$/);
    expect(doc.getCreationDate()?.getTime()).toBe(loaded.ctx.buildDate.getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(loaded.ctx.buildDate.getTime());
    const lang = doc.catalog.get(PDFName.of('Lang'));
    expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : lang?.toString()).toBe('zh-CN');
  });

  it('writes an XMP packet that agrees with the Info dictionary', () => {
    const packet = xmpOf(doc);
    expect(packet.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(packet.endsWith('<?xpacket end="w"?>')).toBe(true);
    const xmp = parseXml(packet);
    expect(xmpValues(xmp, XML_NS.dc, 'title')).toEqual([loaded.front.displayTitle]);
    expect(xmpValues(xmp, XML_NS.dc, 'creator')).toEqual(['李玉赋']);
    expect(xmpValues(xmp, XML_NS.dc, 'description')).toEqual(['中国工会改革创新实录（2015—2017）']);
    expect(xmpValues(xmp, XML_NS.dc, 'subject')).toEqual(['D412.6', '工会工作—体制改革—中国—2015-2017']);
    expect(xmpValues(xmp, XML_NS.dc, 'publisher')).toEqual(['中国工人出版社']);
    expect(xmpValues(xmp, XML_NS.dc, 'language')).toEqual(['zh-CN']);
    expect(xmpValues(xmp, XML_NS.dc, 'identifier')).toEqual(['urn:isbn:9787500867906']);
    expect(xmpValues(xmp, XML_NS.dc, 'rights')).toEqual(['版权所有　侵权必究']);
    expect(xmpValues(xmp, XML_NS.pdf, 'Keywords')).toEqual([doc.getKeywords()]);
    expect(xmpValues(xmp, XML_NS.pdf, 'Producer')).toEqual([doc.getProducer()]);
    expect(xmpValues(xmp, XML_NS.xmp, 'CreatorTool')).toEqual(['hanpress']);
    expect(xmpValues(xmp, XML_NS.xmp, 'CreateDate')).toEqual(['2017-09-01T00:00:00Z']);
    expect(xmpValues(xmp, XML_NS.xmp, 'ModifyDate')).toEqual(['2017-09-01T00:00:00Z']);
  });

  it('keeps the XMP packet well-formed when the title holds & and <', async () => {
    const title = '新的使命 & <担当>';
    const dir = await projectWith({ 'book.yaml': replaceOnce('main: 新的使命和担当', `main: "${title}"`) });
    const odd = await loadBook(dir);
    expect(odd.book.meta.title.main).toBe(title);
    const out = await writePdf(odd.book, odd.front, odd.ctx);
    const pdf = await PDFDocument.load(out.bytes, { updateMetadata: false });
    const packet = xmpOf(pdf);
    // pdfkit 0.19 pasted the title in as is: "<rdf:li …>新的使命 & <担当>Ⅱ——…</rdf:li>".
    expect(packet).not.toContain(title);
    expect(packet).toContain('新的使命 &amp; &lt;担当&gt;');
    const xmp = parseXml(packet); // strict: throws on a bare & or <
    expect(xmpValues(xmp, XML_NS.dc, 'title')).toEqual([odd.front.displayTitle]);
    expect(odd.front.displayTitle.startsWith(title)).toBe(true);
    // The Info dictionary is a PDF text string: the title unescaped.
    expect(pdf.getTitle()).toBe(odd.front.displayTitle);
  });

  it('never breaks the CIP description inside ". —"', async () => {
    // Lengthen the part name one character at a time so ". —" meets the end of the first line
    // at every offset; without the unbreakable run, 8 and 9 break before and after the dash.
    const breaks: string[] = [];
    for (let extra = 4; extra <= 12; extra++) {
      const meta = structuredClone(loaded.book.meta);
      meta.title.partName = `${meta.title.partName ?? ''}${'实'.repeat(extra)}`;
      const front = deriveFrontPages(meta);
      const out = await writePdf({ ...loaded.book, meta, front: [], parts: [] }, front, loaded.ctx);
      const page = (await pageTextItems(out.bytes))[1] ?? [];
      const printed = lines(page).map((line) => line.map((i) => i.str).join(''));
      const isbn = printed.findIndex((l) => l.startsWith('ISBN'));
      const description = printed.slice(1, isbn);
      expect(squash(description.join('')), `description lines with ${extra} extra`).toBe(squash(front.copyright.cip.description));
      expect(description.length, `the description wraps with ${extra} extra`).toBeGreaterThan(1);
      description.forEach((line, i) => {
        const next = description[i + 1];
        if (line.trimStart().startsWith('—') || line.trimStart().startsWith('.')) breaks.push(`${extra}: starts ${line}`);
        if (next !== undefined && /[.—]\s*$/.test(line)) breaks.push(`${extra}: ends ${line} | ${next}`);
      });
    }
    expect(breaks).toEqual([]);
  });

  it('renders byte-identical output from the same input', () => {
    expect(second.pageCount).toBe(first.pageCount);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('keeps every date in the file at the build date', () => {
    const latin = Buffer.from(first.bytes).toString('latin1');
    const dates = new Set(latin.match(/D:\d{14}/g));
    expect([...dates]).toEqual(['D:20170901000000']);
    expect(latin).toContain('<xmp:CreateDate>2017-09-01T00:00:00Z</xmp:CreateDate>');
  });

  it('renders marked-up inlines, notes and other blocks, and skips images', async () => {
    const pos = { file: 'x.md', line: 1, column: 1 };
    const part = loaded.book.parts[0];
    const article = part?.chapters[0];
    if (!part || !article) throw new Error('sample book has no articles');
    const chapter: Chapter = {
      ...article,
      blocks: [
        {
          type: 'paragraph',
          pos,
          children: [
            { type: 'text', value: '甲' },
            { type: 'emphasis', children: [{ type: 'text', value: '强调' }] },
            { type: 'strong', children: [{ type: 'text', value: '加粗' }] },
            { type: 'code', value: 'x < y' },
            { type: 'link', href: 'http://example.com/', children: [{ type: 'text', value: '链接' }] },
            { type: 'image', src: 'missing.png', alt: '图' },
            { type: 'footnoteRef', noteId: 'fn1', number: 1, refId: 'r1' },
            { type: 'break' },
            { type: 'text', value: '乙' },
          ],
        },
        { type: 'list', ordered: true, start: 1, pos, items: [[{ type: 'paragraph', pos, children: [{ type: 'text', value: '条目' }] }]] },
        { type: 'blockquote', pos, children: [{ type: 'paragraph', pos, children: [{ type: 'text', value: '引文' }] }] },
        { type: 'codeBlock', lang: '', value: 'let a = 1;\n', pos },
        { type: 'table', align: [null], head: [[{ type: 'text', value: '表头' }]], rows: [[[{ type: 'text', value: '表格' }]]], pos },
        { type: 'thematicBreak', pos },
      ],
      footnotes: [{ id: 'fn1', number: 1, refIds: ['r1'], blocks: [{ type: 'paragraph', pos, children: [{ type: 'text', value: '注释正文' }] }] }],
    };
    const book = { ...loaded.book, front: [], parts: [{ ...part, chapters: [chapter] }] };
    const out = await writePdf(book, loaded.front, loaded.ctx);
    const pages = await pageTextItems(out.bytes);
    const body = pages.map(pageText).find((t) => t.includes('甲强调'));
    expect(body).toBeDefined();
    for (const piece of ['甲强调加粗x<y链接①', '乙', '条目', '引文', 'leta=1;', '表头', '表格', '①注释正文']) {
      expect(body, piece).toContain(piece);
    }
    const list = fonts(await PDFDocument.load(out.bytes));
    expect(list.some((f) => f.baseFont.includes('NotoSerifSC-Bold'))).toBe(true);
  });

  it('rejects a 开本 it has no trimmed size for', async () => {
    const book = { ...loaded.book, meta: { ...loaded.book.meta, print: { ...loaded.book.meta.print, fold: 24 } } };
    const failure = await writePdf(book, loaded.front, loaded.ctx).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BuildFailure);
    const diagnostic = (failure as BuildFailure).diagnostics[0];
    expect(diagnostic?.code).toBe('pdf/unknown-format');
    expect(diagnostic?.file).toBe('book.yaml');
    expect(diagnostic?.hint).toContain('787×1092 1/16');
  });
});
