/**
 * The EPUB writer end to end: the sample book and a small made-up book are written, checked
 * by EPUBCheck 5.3 (no fatals, errors or warnings), and opened to check what a reader sees.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deriveFrontPages, type FrontPages } from '../src/derive/front-pages.js';
import type { Block, Book, Chapter, Inline } from '../src/model/book.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { arabicNumber } from '../src/writers/epub/opf.js';
import { formatMessages, runEpubcheck, type EpubcheckReport } from './helpers/epubcheck.js';
import { elementsByName, parseXml, XML_NS, type XmlElement } from './helpers/xml.js';
import { loadBook, type LoadedBook } from './helpers/sample.js';

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
// fontkit (installed with pdfkit) ships no type declarations; this is the part we read.
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): FontkitFont };

const decoder = new TextDecoder();

interface Written {
  bytes: Uint8Array;
  files: Record<string, Uint8Array>;
  report: EpubcheckReport;
  text(name: string): string;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hanpress-epub-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function writeAndCheck(name: string, bytes: Uint8Array): Promise<Written> {
  const file = path.join(tmp, `${name}.epub`);
  await writeFile(file, bytes);
  const files = unzipSync(bytes);
  return {
    bytes,
    files,
    report: await runEpubcheck(file),
    text(entry) {
      const data = files[entry];
      if (!data) throw new Error(`${entry} is not in the EPUB`);
      return decoder.decode(data);
    },
  };
}

function expectClean(report: EpubcheckReport): void {
  expect(report.version).toMatch(/^5\.3/);
  expect(report.counts, formatMessages(report.messages)).toEqual({ fatal: 0, error: 0, warning: 0 });
}

/** Local-file-header facts of the first zip entry, read from the bytes themselves. */
function firstEntry(bytes: Uint8Array): { name: string; method: number; extraLength: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.getUint32(0, true)).toBe(0x04034b50);
  const nameLength = view.getUint16(26, true);
  return {
    method: view.getUint16(8, true),
    extraLength: view.getUint16(28, true),
    name: decoder.decode(bytes.subarray(30, 30 + nameLength)),
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text content of an XHTML fragment: tags dropped, the five XML entities decoded. */
function textOf(xhtml: string): string {
  return xhtml.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
}

function bodyOf(xhtml: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? '';
}

/** Text set in the heading family: h1–h6 and th, as the stylesheet says. */
function headingText(xhtml: string): string {
  return [...xhtml.matchAll(/<(h[1-6]|th)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => textOf(m[2] ?? '')).join('');
}

function missingGlyphs(fontBytes: Uint8Array | undefined, text: string): string {
  if (!fontBytes) return `(no font) ${text}`;
  const font = fontkit.create(Buffer.from(fontBytes.buffer, fontBytes.byteOffset, fontBytes.byteLength));
  const missing = new Set<string>();
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp > 0x0d && !font.hasGlyphForCodePoint(cp)) missing.add(char);
  }
  return [...missing].join('');
}

/** The package metadata, parsed: DC elements by name and the meta elements around them. */
interface PackageMetadata {
  uniqueIdentifier: string | null;
  dc(name: string): XmlElement[];
  dcText(name: string): string[];
  /** Values of `<meta refines="#id" property="…">`. */
  refines(id: string, property: string): string[];
  /** Primary (non-refining) `<meta property="…">` elements. */
  metas(property: string): XmlElement[];
}

function packageMetadata(opf: string): PackageMetadata {
  const doc = parseXml(opf);
  const [metadata] = elementsByName(doc, XML_NS.opf, 'metadata');
  if (!metadata) throw new Error('no <metadata> in the OPF');
  const metas = elementsByName(metadata, XML_NS.opf, 'meta');
  const dc = (name: string): XmlElement[] => elementsByName(metadata, XML_NS.dc, name);
  return {
    uniqueIdentifier: doc.documentElement.getAttribute('unique-identifier'),
    dc,
    dcText: (name) => dc(name).map((e) => e.textContent ?? ''),
    refines: (id, property) =>
      metas
        .filter((m) => m.getAttribute('refines') === `#${id}` && m.getAttribute('property') === property)
        .map((m) => m.textContent ?? ''),
    metas: (property) => metas.filter((m) => m.getAttribute('property') === property && !m.getAttribute('refines')),
  };
}

/** A belongs-to-collection entry with its refines. */
function collections(pkg: PackageMetadata): Array<{ name: string; type: string[]; position: string[] }> {
  return pkg.metas('belongs-to-collection').map((m) => {
    const id = m.getAttribute('id') ?? '';
    return { name: m.textContent ?? '', type: pkg.refines(id, 'collection-type'), position: pkg.refines(id, 'group-position') };
  });
}

function xhtmlEntries(files: Record<string, Uint8Array>): string[] {
  return Object.keys(files).filter((name) => name.endsWith('.xhtml'));
}

describe('writeEpub on the sample book', () => {
  let loaded: LoadedBook;
  let epub: Written;
  let writeMs: number;

  beforeAll(async () => {
    loaded = await loadBook();
    const started = performance.now();
    const bytes = await writeEpub(loaded.book, loaded.front, loaded.ctx);
    writeMs = performance.now() - started;
    epub = await writeAndCheck('sample', bytes);
  });

  it('passes EPUBCheck 5.3 with no fatals, errors or warnings', () => {
    expectClean(epub.report);
  });

  it('is written in reasonable time and size', () => {
    console.info(`sample EPUB: ${epub.bytes.byteLength} bytes in ${writeMs.toFixed(0)} ms`);
    expect(writeMs).toBeLessThan(10_000);
    expect(epub.bytes.byteLength).toBeLessThan(2_000_000);
  });

  it('starts with mimetype, stored, without extra field', () => {
    expect(firstEntry(epub.bytes)).toEqual({ name: 'mimetype', method: 0, extraLength: 0 });
    expect(epub.text('mimetype')).toBe('application/epub+zip');
  });

  it('uses ASCII file names only', () => {
    for (const name of Object.keys(epub.files)) expect(name).toMatch(/^[\x21-\x7e]+$/);
  });

  it('gives identical bytes when written twice', async () => {
    const again = await writeEpub(loaded.book, loaded.front, loaded.ctx);
    expect(Buffer.from(again).equals(Buffer.from(epub.bytes))).toBe(true);
  });

  it('declares the book language on the package and every document, never English', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="zh-CN"/);
    expect(opf).toMatch(/<package [^>]*dir="ltr"/);
    expect(opf).toContain('<dc:language>zh-CN</dc:language>');
    for (const [name, data] of Object.entries(epub.files)) {
      if (/\.(xhtml|opf|ncx|xml)$/.test(name)) expect(decoder.decode(data), name).not.toMatch(/lang="en/);
    }
    for (const name of xhtmlEntries(epub.files)) {
      expect(epub.text(name), name).toMatch(/<html [^>]*lang="zh-CN" xml:lang="zh-CN"/);
      expect(epub.text(name), name).toMatch(/<title>[^<]+<\/title>/);
    }
  });

  it('has the package metadata', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:identifier id="bookid">urn:isbn:9787500867906</dc:identifier>');
    expect(opf).toContain('<dc:title id="title">新的使命和担当Ⅱ——中国工会改革创新实录（2015—2017）</dc:title>');
    expect(opf).toContain('<dc:creator id="creator1">李玉赋</dc:creator><meta refines="#creator1" property="role" scheme="marc:relators">edt</meta>');
    expect(opf.match(/<dc:contributor /g)).toHaveLength(5);
    expect(opf.match(/property="dcterms:modified"/g)).toHaveLength(1);
    expect(opf).toContain('<meta property="dcterms:modified">2017-09-01T00:00:00Z</meta>');
    expect(opf).toContain('<dc:subject id="clc1">D412.6</dc:subject>');
    expect(opf).toContain('<dc:publisher>中国工人出版社</dc:publisher>');
    expect(opf).toContain('<meta property="schema:accessibilityHazard">none</meta>');
    expect(opf).not.toMatch(/&#/);
  });

  it('maps the book metadata into the package document', () => {
    const pkg = packageMetadata(epub.text('OEBPS/content.opf'));
    const { meta } = loaded.book;

    const titles = pkg.dc('title');
    expect(titles.map((t) => t.textContent)).toEqual([loaded.front.displayTitle, meta.title.otherInfo]);
    expect(pkg.refines(titles[0]?.getAttribute('id') ?? '', 'title-type')).toEqual(['main']);
    expect(pkg.refines(titles[1]?.getAttribute('id') ?? '', 'title-type')).toEqual(['subtitle']);

    const identifiers = pkg.dc('identifier');
    expect(identifiers.map((i) => i.textContent)).toEqual(['urn:isbn:9787500867906']);
    expect(identifiers[0]?.getAttribute('id')).toBe(pkg.uniqueIdentifier);
    expect(pkg.dc('source')).toHaveLength(0); // the sample has no e-book ISBN of its own

    const people = (name: string): Array<[string, string[], string[]]> =>
      pkg.dc(name).map((e) => {
        const id = e.getAttribute('id') ?? '';
        return [e.textContent ?? '', pkg.refines(id, 'role'), pkg.refines(id, 'file-as')];
      });
    expect(people('creator')).toEqual([['李玉赋', ['edt'], ['李玉赋']]]);
    expect(people('contributor')).toEqual(
      meta.contributors.filter((c) => !c.primary).map((c) => [c.name, ['edt'], [c.fileAs ?? c.name]]),
    );

    expect(pkg.dcText('publisher')).toEqual(['中国工人出版社']);
    expect(pkg.dcText('language')).toEqual(['zh-CN']);
    expect(pkg.dcText('date')).toEqual(['2017-09']);
    expect(pkg.dcText('rights')).toEqual(['版权所有　侵权必究']);

    // EPUB 3.3 §D.3: a subject code carries authority + term refines; its text is the subject.
    const subjects = pkg.dc('subject');
    expect(subjects.map((e) => e.textContent)).toEqual(['工会工作—体制改革—中国—2015-2017', 'D412.6']);
    const clc = subjects.find((e) => e.getAttribute('id'));
    expect(pkg.refines(clc?.getAttribute('id') ?? '', 'authority')).toEqual(['CLC']);
    expect(pkg.refines(clc?.getAttribute('id') ?? '', 'term')).toEqual(['D412.6']);

    // 分辑号 Ⅱ: volume 2 of the collection named by the main title.
    expect(collections(pkg)).toEqual([{ name: '新的使命和担当', type: ['series'], position: ['2'] }]);

    expect(pkg.metas('dcterms:modified').map((m) => m.textContent)).toEqual(['2017-09-01T00:00:00Z']);
  });

  it('puts the pages in the printed order', () => {
    const opf = epub.text('OEBPS/content.opf');
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]);
    expect(spine.slice(0, 8)).toEqual(['cover', 'titlepage', 'copyright', 'board', 'front01', 'nav', 'part01', 'ch001']);
    expect(spine).toHaveLength(6 + 3 + 49);
    expect(spine.indexOf('part02')).toBe(spine.indexOf('ch007') + 1);
  });

  it('prints the CIP block exactly as derived, then the 版本记录', () => {
    const page = epub.text('OEBPS/text/copyright.xhtml');
    const { cip } = loaded.front.copyright;
    expect(cip.description).toBe('新的使命和担当. Ⅱ, 中国工会改革创新实录: 2015-2017 / 李玉赋主编. —北京: 中国工人出版社, 2017.8');
    const paragraphs = [...page.matchAll(/<p class="(cip-[a-z]+)">([^<]*)<\/p>/g)].map((m) => textOf(m[2] ?? ''));
    expect(paragraphs).toEqual([cip.heading, ...cip.paragraphs]);
    const body = textOf(page);
    expect(body.indexOf(cip.number)).toBeLessThan(body.indexOf(loaded.front.copyright.titleLine));
    expect(page).toMatch(/<hr class="cip-separator" ?\/>/);
    expect(page).toContain('<span class="record-label">电　　话</span>　（010）62005043（总编室）　（010）62005039（出版物流部）<br />（010）62382916（职工教育分社）');
    expect(page).toContain('<p class="rights">版权所有　侵权必究</p>');
  });

  it('has a nav with 3 parts and 49 articles, and hidden Chinese landmarks', () => {
    const nav = epub.text('OEBPS/nav.xhtml');
    expect(nav).toContain('<nav epub:type="toc" role="doc-toc" id="toc" class="toc"><h1>目录</h1>');
    expect(nav.match(/href="text\/part\d\d\.xhtml"/g)).toHaveLength(3 + 1); // + the bodymatter landmark
    const tocPart = nav.split('epub:type="landmarks"')[0] ?? '';
    expect(tocPart.match(/href="text\/ch\d{3}\.xhtml"/g)).toHaveLength(49);
    expect(tocPart).toContain('<a href="text/front01.xhtml">前言</a>');
    expect(tocPart).toContain('<a href="text/ch015.xhtml#ch015-s1">（一）充分认识全国总工会改革试点的重要意义</a>');
    expect(nav).toMatch(/<nav epub:type="landmarks" hidden="hidden"/);
    for (const label of ['扉页', '版权页', '目录', '正文']) expect(nav).toContain(`>${label}</a>`);
    const ncx = epub.text('OEBPS/toc.ncx');
    expect(ncx).toContain('<meta name="dtb:uid" content="urn:isbn:9787500867906"/>');
    expect(ncx.match(/<navPoint /g)).toHaveLength(tocPart.match(/<a href=/g)?.length ?? -1);
  });

  it('writes every chapter as its own document', () => {
    const chapters = [...loaded.book.front, ...loaded.book.parts.flatMap((p) => p.chapters)];
    expect(chapters).toHaveLength(50);
    for (const chapter of chapters) {
      const page = epub.text(`OEBPS/text/${chapter.id}.xhtml`);
      expect(page).toContain('lang="zh-CN" xml:lang="zh-CN"');
      expect(page).toContain('<link rel="stylesheet" type="text/css" href="../styles/book.css" />');
      for (const line of chapter.titleLines) expect(page).toContain(`<span class="title-line">${line}</span>`);
    }
    const first = epub.text('OEBPS/text/ch001.xhtml');
    expect(first).toContain('<br /><span class="title-line">审议《关于加强社会主义协商民主建设的意见》');
    expect(first).toContain('<p class="date">（2014年12月29日新闻稿节选）</p>');
    expect(epub.text('OEBPS/text/front01.xhtml')).toContain('<p class="chapter-label">前言</p>');
    expect(epub.text('OEBPS/text/front01.xhtml')).toContain('<p class="byline">李玉赋</p>');
  });

  it('embeds subset fonts that draw every character of the book', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toContain('href="fonts/body-regular.ttf" media-type="font/ttf"');
    expect(opf).toContain('href="fonts/heading-regular.ttf" media-type="font/ttf"');
    expect(opf).not.toContain('bold.ttf'); // the sample has no strong text
    const body = epub.files['OEBPS/fonts/body-regular.ttf'];
    const heading = epub.files['OEBPS/fonts/heading-regular.ttf'];
    expect(body?.byteLength).toBeLessThan(readFileSync(loaded.ctx.fonts.body.normal.path).byteLength / 10);
    expect(heading?.byteLength).toBeLessThan(readFileSync(loaded.ctx.fonts.heading.normal.path).byteLength / 10);
    const css = epub.text('OEBPS/styles/book.css');
    expect(css).toContain('src: url("../fonts/body-regular.ttf") format("truetype");');
    expect(css).not.toContain('/*');
    expect(css).not.toContain('{{');
    expect(css).not.toMatch(/--[a-z]/);
    for (const name of xhtmlEntries(epub.files)) {
      const xhtml = bodyOf(epub.text(name));
      expect(missingGlyphs(body, textOf(xhtml.replace(/<(h[1-6]|th)\b[\s\S]*?<\/\1>/g, ''))), name).toBe('');
      expect(missingGlyphs(heading, headingText(xhtml)), name).toBe('');
    }
  });

  it('has the Apple Books display options', () => {
    expect(epub.text('META-INF/com.apple.ibooks.display-options.xml')).toContain('<option name="specified-fonts">true</option>');
  });
});

// A made-up book that exercises what the sample does not: notes, tables, lists, code, links,
// strong text, and markup characters in text and titles.
const at = { file: 'chapters/t.md', line: 1, column: 1 };
const text = (value: string): Inline => ({ type: 'text', value });
const para = (...children: Inline[]): Block => ({ type: 'paragraph', children, pos: at });

function madeUpBook(sample: LoadedBook): { book: Book; front: FrontPages } {
  const meta = structuredClone(sample.book.meta);
  meta.title = { main: 'A&B <测试> 书', partNumber: 'Ⅲ', partName: '符号"引号"与\'撇号\'' };
  meta.contributors = [
    { name: '张三 & 李四', role: '著', primary: true },
    { name: 'Wang <Wu>', role: '译', primary: true },
    { name: '赵六', role: '编辑' },
  ];
  meta.cip.clc = ['D412.6', 'I247.5'];
  meta.ebookIsbn = '978-7-5008-6791-3';
  meta.series = { title: '工会 & <文库>', number: '３' };
  const ref = (n: number, count = 1): Inline => ({
    type: 'footnoteRef',
    noteId: `ch001-fn${n}`,
    number: n,
    refId: `ch001-fnref${n}${count > 1 ? `-${count}` : ''}`,
  });
  const article: Chapter = {
    id: 'ch001',
    kind: 'article',
    file: 'chapters/t.md',
    titleLines: ['标题 <一> & 二', '第二行 "引号"'],
    title: '标题 <一> & 二　第二行 "引号"',
    subtitle: '副题 & 说明',
    date: '2020年1月1日',
    blocks: [
      para(text('正文 a < b && c > d，'), { type: 'strong', children: [text('加粗文字')] }, text('与'), { type: 'emphasis', children: [text('着重')] }, ref(1), text('再引'), ref(1, 2), text('。'), ref(2)),
      { type: 'heading', level: 2, id: 'ch001-s1', children: [text('小节 <甲> & 乙')], pos: at },
      para(
        { type: 'link', href: 'https://example.com/?a=1&b=2', title: '例 "站"', children: [text('外部链接')] },
        text('、'),
        { type: 'link', href: 't2.md#ch002-s1', children: [text('内部链接')] },
        text('、'),
        { type: 'code', value: 'x < y && z' },
        { type: 'break' },
        { type: 'image', src: '../images/missing.png', alt: '缺失的图' },
        text('图后文字'),
      ),
      { type: 'list', ordered: true, start: 3, items: [[para(text('第三项'))], [para(text('第四项')), { type: 'list', ordered: false, start: 1, items: [[para(text('嵌套 <项>'))]], pos: at }]], pos: at },
      { type: 'blockquote', children: [para(text('引文 & 出处'))], pos: at },
      { type: 'codeBlock', lang: 'ts', value: 'const a = b < c && d > e;\nconsole.log("中文");', pos: at },
      { type: 'heading', level: 3, id: 'ch001-s2', children: [text('表格')], pos: at },
      {
        type: 'table',
        align: ['left', 'center', null],
        head: [[text('名称')], [text('数量 <个>')], [text('备注')]],
        rows: [
          [[text('甲')], [text('1')], [text('A & B')]],
          [[text('乙')], [text('2')], [{ type: 'strong', children: [text('重要')] }]],
        ],
        pos: at,
      },
      { type: 'thematicBreak', pos: at },
      para(text('结尾。')),
    ],
    footnotes: [
      { id: 'ch001-fn1', number: 1, refIds: ['ch001-fnref1', 'ch001-fnref1-2'], blocks: [para(text('注一：a & b < c。'))] },
      { id: 'ch001-fn2', number: 2, refIds: ['ch001-fnref2'], blocks: [para(text('注二 '), { type: 'link', href: 'https://example.org', children: [text('链接')] })] },
    ],
    headings: [
      { id: 'ch001-s1', level: 2, text: '小节 <甲> & 乙' },
      { id: 'ch001-s2', level: 3, text: '表格' },
    ],
    pos: at,
  };
  const second: Chapter = {
    id: 'ch002',
    kind: 'article',
    file: 'chapters/t2.md',
    titleLines: ['第二篇'],
    title: '第二篇',
    blocks: [{ type: 'heading', level: 2, id: 'ch002-s1', children: [text('目标小节')], pos: at }, para(text('内容。'))],
    footnotes: [],
    headings: [{ id: 'ch002-s1', level: 2, text: '目标小节' }],
    pos: at,
  };
  const preface: Chapter = { ...second, id: 'front01', kind: 'preface', file: 'front/p.md', label: '序 & 言', titleLines: ['序'], title: '序', author: '作者 <甲>', blocks: [para(text('序文。'))], headings: [] };
  const book: Book = {
    root: sample.book.root,
    meta,
    front: [preface],
    parts: [{ id: 'part01', label: '第一编', title: '符号 & <尖括号>', chapters: [article, second] }],
  };
  return { book, front: deriveFrontPages(meta) };
}

describe('writeEpub on a made-up book with notes, tables and markup characters', () => {
  let epub: Written;

  beforeAll(async () => {
    const sample = await loadBook();
    const { book, front } = madeUpBook(sample);
    epub = await writeAndCheck('made-up', await writeEpub(book, front, sample.ctx));
  });

  it('passes EPUBCheck 5.3 with no fatals, errors or warnings', () => {
    expectClean(epub.report);
  });

  it('escapes markup characters in text, titles and attributes', () => {
    const page = epub.text('OEBPS/text/ch001.xhtml');
    expect(page).toContain('<title>标题 &lt;一&gt; &amp; 二　第二行 "引号"</title>');
    expect(page).toContain('正文 a &lt; b &amp;&amp; c &gt; d，<strong>加粗文字</strong>');
    expect(page).toContain('href="https://example.com/?a=1&amp;b=2" title="例 &quot;站&quot;"');
    expect(epub.text('OEBPS/content.opf')).toContain('<dc:title id="title">A&amp;B &lt;测试&gt; 书Ⅲ——符号"引号"与\'撇号\'</dc:title>');
    expect(epub.text('OEBPS/nav.xhtml')).toContain(">第一编　符号 &amp; &lt;尖括号&gt;</a>");
  });

  it('writes footnotes as EPUB 3 pop-up notes numbered ①② with back links', () => {
    const page = epub.text('OEBPS/text/ch001.xhtml');
    expect(page).toContain(
      '<a epub:type="noteref" role="doc-noteref" href="#ch001-fn1" id="ch001-fnref1" class="noteref" aria-label="注释1">①</a>',
    );
    expect(page).toContain('id="ch001-fnref1-2"');
    expect(page).toContain('<aside epub:type="footnote" role="doc-footnote" id="ch001-fn1" class="footnote">');
    expect(page).toContain(
      '<a href="#ch001-fnref1" role="doc-backlink" aria-label="返回正文注释1">①a</a><a href="#ch001-fnref1-2" role="doc-backlink" aria-label="返回正文注释1">①b</a>',
    );
    expect(page).toContain('<a href="#ch001-fnref2" role="doc-backlink" aria-label="返回正文注释2">②</a>');
    // The note and its reference live in the same document, as pop-up notes require.
    expect(page.indexOf('id="ch001-fnref2"')).toBeLessThan(page.indexOf('id="ch001-fn2"'));
  });

  it('renders tables, lists, code, links and headings from the AST', () => {
    const page = epub.text('OEBPS/text/ch001.xhtml');
    expect(page).toContain('<th scope="col" class="align-left">名称</th><th scope="col" class="align-center">数量 &lt;个&gt;</th><th scope="col">备注</th>');
    expect(page).toContain('<ol start="3"><li><p>第三项</p></li>');
    expect(page).toContain('<ul><li><p>嵌套 &lt;项&gt;</p></li></ul>');
    expect(page).toContain('<pre><code class="language-ts">const a = b &lt; c &amp;&amp; d &gt; e;\nconsole.log("中文");</code></pre>');
    expect(page).toContain('<h2 id="ch001-s1">小节 &lt;甲&gt; &amp; 乙</h2>');
    expect(page).toContain('<a href="ch002.xhtml#ch002-s1">内部链接</a>');
    expect(page).toContain('<p class="subtitle">——副题 &amp; 说明</p>');
    // The image file does not exist: nothing is written for it, the text around it stays.
    expect(page).not.toContain('<img');
    // The hard break after it starts a line of its own, indented like the paragraph (docs/kinds.md).
    expect(page).toContain('<span class="line">图后文字</span>');
  });

  it('maps contributor roles to MARC relators', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:creator id="creator1">张三 &amp; 李四</dc:creator><meta refines="#creator1" property="role" scheme="marc:relators">aut</meta>');
    expect(opf).toContain('<dc:creator id="creator2">Wang &lt;Wu&gt;</dc:creator><meta refines="#creator2" property="role" scheme="marc:relators">trl</meta>');
    expect(opf).toContain('<dc:contributor id="contributor1">赵六</dc:contributor><meta refines="#contributor1" property="role" scheme="marc:relators">edt</meta>');
  });

  it('carries its own e-book ISBN, the print ISBN as source, and both collections', () => {
    const opf = epub.text('OEBPS/content.opf');
    const pkg = packageMetadata(opf);
    expect(pkg.dcText('identifier')).toEqual(['urn:isbn:9787500867913']);
    expect(pkg.dc('identifier')[0]?.getAttribute('id')).toBe(pkg.uniqueIdentifier);
    expect(pkg.dcText('source')).toEqual(['urn:isbn:9787500867906']);
    // EPUBCheck (clean above) also requires the NCX uid to be the package identifier.
    expect(epub.text('OEBPS/toc.ncx')).toContain('<meta name="dtb:uid" content="urn:isbn:9787500867913"/>');
    expect(pkg.dcText('title')).toEqual(['A&B <测试> 书Ⅲ——符号"引号"与\'撇号\'']);
    expect(collections(pkg)).toEqual([
      { name: 'A&B <测试> 书', type: ['series'], position: ['3'] },
      { name: '工会 & <文库>', type: ['series'], position: ['3'] },
    ]);
    const clc = pkg.dc('subject').filter((e) => e.getAttribute('id'));
    expect(clc.map((e) => [e.textContent, pkg.refines(e.getAttribute('id') ?? '', 'term')])).toEqual([
      ['D412.6', ['D412.6']],
      ['I247.5', ['I247.5']],
    ]);
  });

  it('embeds the bold face only for the characters set in bold', () => {
    const bold = epub.files['OEBPS/fonts/body-bold.ttf'];
    expect(bold).toBeDefined();
    expect(missingGlyphs(bold, '加粗文字重要')).toBe('');
    expect(epub.text('OEBPS/styles/book.css')).toContain('font-weight: bold;\n  src: url("../fonts/body-bold.ttf")');
    expect(epub.files['OEBPS/fonts/heading-bold.ttf']).toBeUndefined();
  });
});

describe('group-position numbers', () => {
  it('reads arabic, Roman-numeral characters, Roman letters and full-width digits', () => {
    expect(['2', 'Ⅱ', 'ⅱ', 'II', 'Ⅻ', 'IV', 'ⅸ', '２', '12'].map(arabicNumber)).toEqual([2, 2, 2, 2, 12, 4, 9, 2, 12]);
  });

  it('gives no position for volume marks that are not numbers', () => {
    expect(['上', '下', '甲', '', 'A'].map(arabicNumber)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
