/**
 * What a store and a reader need beyond EPUBCheck: the print page-list, images prepared by
 * sharp, the cover, accessibility metadata, and whole corpora (水浒传, d2l-zh) that come out
 * EPUBCheck-clean. Every EPUB written here passes EPUBCheck 5.3 with no messages.
 */
import { writeFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../src/pipeline/build.js';
import { checkProject } from '../src/pipeline/check.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { allChapters } from '../src/model/book.js';
import type { PrintPagination } from '../src/model/pagination.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { corpusProject } from '../bench/corpus-project.js';
import { d2lProject } from './helpers/d2l-project.js';
import { formatMessages, runEpubcheck } from './helpers/epubcheck.js';
import { projectWith, tempDir } from './helpers/project.js';
import { loadBook, SAMPLE_DIR, type LoadedBook } from './helpers/sample.js';

const decoder = new TextDecoder();

interface Opened {
  file: string;
  bytes: Uint8Array;
  text(name: string): string;
  entries: Record<string, Uint8Array>;
}

async function writeChecked(name: string, bytes: Uint8Array): Promise<Opened> {
  const file = path.join(await tempDir('hanpress-retail-'), `${name}.epub`);
  await writeFile(file, bytes);
  const report = await runEpubcheck(file);
  expect(report.counts, formatMessages(report.messages)).toEqual({ fatal: 0, error: 0, warning: 0 });
  const entries = unzipSync(bytes);
  return {
    file,
    bytes,
    entries,
    text: (entry) => {
      const data = entries[entry];
      if (!data) throw new Error(`${entry} is not in the EPUB`);
      return decoder.decode(data);
    },
  };
}

/** Builds the EPUB of a project the way `build` does (check first, then the writer). */
async function epubOf(dir: string, pagination?: PrintPagination): Promise<{ bytes: Uint8Array; ms: number }> {
  const started = performance.now();
  const { book, diagnostics } = await checkProject(dir);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!book) throw new Error('no book');
  const ctx = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
  const bytes = await writeEpub(book, deriveFrontPages(book.meta), ctx, pagination);
  return { bytes, ms: performance.now() - started };
}

function fontShare(entries: Record<string, Uint8Array>, total: number): string {
  const fonts = Object.entries(entries).filter(([name]) => name.endsWith('.ttf'));
  return `${(total / 1024).toFixed(0)} KB, fonts ${(fonts.reduce((s, [, b]) => s + b.length, 0) / 1024).toFixed(0)} KB uncompressed`;
}

/** Pagination as the PDF writer reports it: every chapter opens a page, long ones run on. */
function fakePagination(loaded: LoadedBook): PrintPagination {
  let page = 9;
  const marks = allChapters(loaded.book).flatMap((chapter) => {
    page += 1;
    const opening = { chapterId: chapter.id, blockIndex: -1, page, folio: String(page - 8) };
    const more = chapter.blocks.length > 3 ? [{ chapterId: chapter.id, blockIndex: 3, page: ++page, folio: String(page - 8) }] : [];
    return [opening, ...more];
  });
  // An unnumbered page cannot be cited: it must not reach the page-list.
  marks.push({ chapterId: 'ch001', blockIndex: 0, page: 999, folio: '' });
  return { isbn: loaded.book.meta.isbn, marks };
}

describe('the print page-list', () => {
  let loaded: LoadedBook;
  let epub: Opened;
  let pagination: PrintPagination;
  beforeAll(async () => {
    loaded = await loadBook();
    pagination = fakePagination(loaded);
    epub = await writeChecked('paged', await writeEpub(loaded.book, loaded.front, loaded.ctx, pagination));
  });

  it('writes a page-list nav with one entry per printed folio, in reading order', () => {
    const nav = epub.text('OEBPS/nav.xhtml');
    const list = /<nav epub:type="page-list" role="doc-pagelist" hidden="hidden" aria-label="页码"><ol>(.*?)<\/ol><\/nav>/.exec(nav)?.[1] ?? '';
    const folios = [...list.matchAll(/>(\d+)<\/a>/g)].map((m) => Number(m[1]));
    expect(folios.length).toBe(pagination.marks.filter((m) => m.folio !== '').length);
    expect(folios).toEqual([...folios].sort((a, b) => a - b));
    expect(list).toContain('<a href="text/front01.xhtml#page-2-10">2</a>');
  });

  it('puts a page-break marker before the block that starts each page', () => {
    const preface = epub.text('OEBPS/text/front01.xhtml');
    const marker = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-2-10" aria-label="2"></span>';
    const selfClosing = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-2-10" aria-label="2"/>';
    expect(preface.includes(marker) || preface.includes(selfClosing)).toBe(true);
    // Before the title, so "page 2" opens on the heading.
    expect(preface.indexOf('id="page-2-10"')).toBeLessThan(preface.indexOf('<header>'));
    const fourth = /id="page-3-11"[^>]*\/?>(?:<\/span>)?<(\w+)/.exec(preface);
    expect(fourth?.[1]).toBeDefined();
  });

  it('names the print ISBN as the source of the pagination and declares page navigation', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:source id="print-source">urn:isbn:9787500867906</dc:source>');
    expect(opf).toContain('<meta refines="#print-source" property="source-of">pagination</meta>');
    for (const feature of ['pageNavigation', 'pageBreakMarkers', 'printPageNumbers']) {
      expect(opf).toContain(`<meta property="schema:accessibilityFeature">${feature}</meta>`);
    }
  });

  it('takes the real pagination from the PDF laid out in the same build', async () => {
    const dir = await projectWith({});
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-paged-'), env: { SOURCE_DATE_EPOCH: '1504224000' } });
    const built = await writeChecked('built', new Uint8Array(await readFile(report.epub.path)));
    const { book, front, ctx } = await loadBook(dir);
    const pdf = await writePdf(book, front, ctx);
    const expected = [...new Set(pdf.pagination.marks.map((m) => m.folio).filter((f) => f !== ''))];
    const list = /<nav epub:type="page-list"[^>]*><ol>(.*?)<\/ol>/.exec(built.text('OEBPS/nav.xhtml'))?.[1] ?? '';
    expect([...list.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40);
    // Each entry points at a marker that exists in its document.
    for (const [, file, id] of list.matchAll(/href="(text\/[^"#]+)#([^"]+)"/g)) {
      expect(built.text(`OEBPS/${file}`)).toContain(`id="${id}"`);
    }
  });

  it('leaves all of it out without pagination', async () => {
    const plain = unzipSync(await writeEpub(loaded.book, loaded.front, loaded.ctx));
    const opf = decoder.decode(plain['OEBPS/content.opf']);
    expect(opf).not.toContain('pageNavigation');
    expect(opf).not.toContain('source-of');
    expect(decoder.decode(plain['OEBPS/nav.xhtml'])).not.toContain('page-list');
  });
});

describe('accessibility and store requirements on the sample', () => {
  let epub: Opened;
  beforeAll(async () => {
    const loaded = await loadBook();
    epub = await writeChecked('sample', await writeEpub(loaded.book, loaded.front, loaded.ctx));
  });

  it('has the schema.org accessibility metadata with a Chinese summary', () => {
    const opf = epub.text('OEBPS/content.opf');
    for (const [property, value] of [
      ['accessMode', 'textual'],
      ['accessModeSufficient', 'textual'],
      ['accessibilityFeature', 'tableOfContents'],
      ['accessibilityFeature', 'structuralNavigation'],
      ['accessibilityFeature', 'alternativeText'],
      ['accessibilityHazard', 'none'],
    ]) {
      expect(opf).toContain(`<meta property="schema:${property}">${value}</meta>`);
    }
    expect(opf).toMatch(/<meta property="schema:accessibilitySummary">[^<]*电子书[^<]*<\/meta>/);
  });

  it('has a cover image, a cover page first in the spine, and a cover landmark', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toContain('<item id="cover-image" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"/>');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    expect(/<itemref idref="([^"]+)"/.exec(opf)?.[1]).toBe('cover');
    const page = epub.text('OEBPS/text/cover.xhtml');
    expect(page).toContain('<img src="../images/cover.jpg" alt="新的使命和担当Ⅱ');
    expect(epub.text('OEBPS/nav.xhtml')).toContain('<a epub:type="cover" href="text/cover.xhtml">封面</a>');
  });

  it('generates the cover from the metadata at store size', async () => {
    const meta = await sharp(Buffer.from(epub.entries['OEBPS/images/cover.jpg'] ?? [])).metadata();
    expect([meta.width, meta.height, meta.format, meta.space]).toEqual([1600, 2400, 'jpeg', 'srgb']);
  });

  it('pairs every epub:type with its ARIA role and keeps headings in order', () => {
    for (const [name, data] of Object.entries(epub.entries)) {
      if (!name.endsWith('.xhtml')) continue;
      // Landmark links name page kinds (toc, cover …) and take no role of their own.
      const page = decoder.decode(data).replace(/<nav epub:type="landmarks"[\s\S]*?<\/nav>/, '');
      for (const [type, role] of [
        ['chapter', 'doc-chapter'],
        ['preface', 'doc-preface'],
        ['footnote', 'doc-footnote'],
        ['noteref', 'doc-noteref'],
        ['toc', 'doc-toc'],
        ['part', 'doc-part'],
      ]) {
        const tags = [...page.matchAll(new RegExp(`<[a-z]+ [^>]*epub:type="${type}"[^>]*>`, 'g'))];
        for (const tag of tags) expect(tag[0], name).toContain(`role="${role}"`);
      }
      const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), name).toBeLessThanOrEqual(1));
    }
  });

  it('writes CSS that Kindle converters take: no comments, no custom properties', () => {
    const css = epub.text('OEBPS/styles/book.css');
    expect(css).not.toContain('/*');
    expect(css).not.toMatch(/--[a-z]|var\(/);
    expect(epub.text('META-INF/com.apple.ibooks.display-options.xml')).toContain('<option name="specified-fonts">true</option>');
  });
});

describe('images through sharp', () => {
  let dir: string;
  let epub: Opened;
  beforeAll(async () => {
    dir = await projectWith({
      'chapters/1-01.md': (text) =>
        `${text}\n![一张很大的广色域照片](../images/photo.jpg)\n\n![](../images/rule.png)\n\n![远程图片](https://example.invalid/x.png)\n`,
    });
    await mkdir(path.join(dir, 'images'));
    // 4000×3000 Display P3 photo with EXIF text and 300 dpi: all of it must be normalised.
    await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 200, g: 30, b: 40 } } })
      .withIccProfile('p3')
      .withExif({ IFD0: { Copyright: 'secret-exif-copyright', Artist: 'someone' } })
      .withDensity(300)
      .jpeg()
      .toFile(path.join(dir, 'images/photo.jpg'));
    await sharp({ create: { width: 600, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toFile(path.join(dir, 'images/rule.png'));
    epub = await writeChecked('images', (await epubOf(dir)).bytes);
  });

  it('shrinks to 1600 px, converts to sRGB, keeps the density and strips the rest', async () => {
    const bytes = epub.entries['OEBPS/images/img001.jpg'];
    const meta = await sharp(Buffer.from(bytes ?? [])).metadata();
    expect([meta.width, meta.height, meta.space, meta.density]).toEqual([1600, 1200, 'srgb', 300]);
    expect(meta.icc).toBeUndefined();
    expect(Buffer.from(bytes ?? []).includes('secret-exif-copyright')).toBe(false);
  });

  it('keeps alt exactly as written, empty included, and writes width and height', () => {
    const page = epub.text('OEBPS/text/ch001.xhtml');
    expect(page).toContain('<img src="../images/img001.jpg" alt="一张很大的广色域照片" width="1600" height="1200"');
    expect(page).toContain('<img src="../images/img002.png" alt="" width="600" height="20"');
  });

  it('never fetches a remote image: it is left out with a warning at its position', async () => {
    const { diagnostics } = await checkProject(dir);
    const remote = diagnostics.find((d) => d.code === 'image/remote');
    expect(remote).toMatchObject({ severity: 'warning', file: 'chapters/1-01.md' });
    expect(epub.text('OEBPS/text/ch001.xhtml')).not.toContain('example.invalid');
  });

  it('refuses an image path that climbs out of the project', async () => {
    const escaping = await projectWith({ 'chapters/1-02.md': (text) => `${text}\n正文里有图 ![逃逸](../../../etc/hosts.png) 在此。\n` });
    const { diagnostics } = await checkProject(escaping);
    const lines = (await readFile(path.join(escaping, 'chapters/1-02.md'), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('逃逸')) + 1;
    expect(diagnostics.find((d) => d.code === 'image/outside-project')).toMatchObject({
      severity: 'error',
      file: 'chapters/1-02.md',
      line,
      column: (lines[line - 1] ?? '').indexOf('![') + 1,
    });
  });

  it('uses the project cover.jpg when there is one', async () => {
    await sharp({ create: { width: 2000, height: 3000, channels: 3, background: '#123456' } }).jpeg().toFile(path.join(dir, 'cover.jpg'));
    const cover = unzipSync((await epubOf(dir)).bytes)['OEBPS/images/cover.jpg'];
    const meta = await sharp(Buffer.from(cover ?? [])).metadata();
    expect([meta.width, meta.height]).toEqual([1067, 1600]);
  });
});

describe('whole corpora as books', () => {
  it('builds 水浒传 (121 chapters, 885k characters) into a clean EPUB', async () => {
    const dir = await tempDir('hanpress-shz-book-');
    await corpusProject(dir, 121, path.join(SAMPLE_DIR, 'book.yaml'));
    const { bytes, ms } = await epubOf(dir);
    const epub = await writeChecked('shuihuzhuan', bytes);
    expect(Object.keys(epub.entries).filter((n) => /text\/ch\d+\.xhtml$/.test(n))).toHaveLength(121);
    console.info(`水浒传 EPUB: ${fontShare(epub.entries, bytes.length)}, ${ms.toFixed(0)} ms`);
  });

  it('builds d2l-zh (Latin, code, math, 33 images) into a clean EPUB once the dangling images are dropped', async () => {
    const { dir } = await d2lProject(await tempDir('hanpress-d2l-book-'), { dropDangling: true });
    const { bytes, ms } = await epubOf(dir);
    const epub = await writeChecked('d2l-zh', bytes);
    const images = Object.keys(epub.entries).filter((n) => n.startsWith('OEBPS/images/img'));
    expect(images.length).toBeGreaterThanOrEqual(30);
    const ndarray = epub.text('OEBPS/text/ch004.xhtml');
    expect(ndarray).toContain('<pre><code');
    console.info(`d2l-zh EPUB: ${fontShare(epub.entries, bytes.length)}, ${ms.toFixed(0)} ms`);
  });
});
