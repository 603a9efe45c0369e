/**
 * Page bodies (src/typeset/page-body.ts): a page read back from the cache across runs is drawn
 * from its content stream's cache entry without reading its items, under a key that names its
 * body (src/writers/pdf/page-cache.ts, storedPageKey). The key must change with everything
 * that draws the page besides the body — running head and folio, frame, ink, figures left out,
 * synthetic bold — or a warm build would reuse a stale page: each is checked here, and whole
 * builds through the cache, where an edit moves the later chapters' pages (their folios change,
 * their bodies do not), are compared byte for byte with a build without it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameContent } from '../src/pipeline/content-identity.js';
import { DiskCache } from '../src/pipeline/disk-cache.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import type { Page, PageItem, TextLine } from '../src/typeset/model.js';
import { appendItems, isUnread, markedItems, setBody, unreadPage } from '../src/typeset/page-body.js';
import { typesetBook, type TypesetInput } from '../src/typeset/index.js';
import { loadDesign, mergeDesign, Typography } from '../src/typeset/design.js';
import { loadFormats, pageGeometry, trimmedSize } from '../src/typeset/geometry.js';
import { memoryPageCache, pageStreamAsync, storedPageKey } from '../src/writers/pdf/page-cache.js';
import { renderPages } from '../src/writers/pdf/render.js';
import { shuihuzhuanProject } from './helpers/shuihuzhuan.js';
import { loadBook } from './helpers/sample.js';

const SIZE = 10.5;
const line = (text: string, bold = false, id?: string): TextLine => ({
  runs: [{ x: 0, text, style: { font: 'body', bold, size: SIZE, ...(id ? { id } : {}) }, spacing: 0, half: false, width: SIZE * text.length }],
  size: SIZE,
  noteRefs: [],
});
const text = (l: TextLine, baseline = 12): PageItem => ({ kind: 'text', x: 0, baseline, line: l });
const FIELDS: Omit<Page, 'items'> = { number: 3, kind: 'text', outline: [], head: '第一回', opening: false, folio: '3' };
const frame = { x: 10, y: 20, sheetHeight: 600 };
const ink = { cmyk: false };
const all = (): boolean => true;

/** A body of two lines named as a cache entry names it, and the page's furniture after it. */
function bodyItems(name: string, bold = false): PageItem[] {
  const items = [text(line('洪太尉', bold, 'anchor-1')), text(line('张天师'), 30), { kind: 'image', x: 0, y: 40, width: 10, height: 10, image: { key: 'fig.png' } } as PageItem];
  items.forEach((item, i) => nameContent(item, `${name}/${i}`));
  return items;
}
const folio = (n: string): PageItem => text(line(n), 500);

function unread(name: string, read: () => PageItem[], bold = false): Page {
  const items = bodyItems(name, bold);
  const page = unreadPage({ ...FIELDS }, { name, count: items.length, images: ['fig.png'], bold: bold ? ['body'] : [] }, [items[0] as PageItem], read);
  appendItems(page, folio('3'));
  return page;
}

describe('page bodies', () => {
  let fonts: FontBook;
  let synthetic: FontBook;

  beforeAll(async () => {
    const config = await loadFontConfig('manuscript');
    fonts = new FontBook(config);
    synthetic = new FontBook({ ...config, body: { ...config.body, bold: config.body.normal, syntheticBold: true } });
  });

  it('keys an unread page as the same page read or set in this build, and by everything besides its body', () => {
    let reads = 0;
    const page = unread('entry-1/0', () => (reads++, bodyItems('entry-1/0')));
    const key = storedPageKey(page, frame, ink, fonts, all, all);
    expect(key).toBeDefined();
    expect(reads).toBe(0);
    expect(isUnread(page)).toBe(true);
    // The body's line with an anchor, without reading the body (the folio carries none).
    expect(markedItems(page)).toHaveLength(1);

    const set: Page = { ...FIELDS, items: [...bodyItems('entry-1/0'), folio('3')] };
    setBody(set, { name: 'entry-1/0', count: 3, images: ['fig.png'], bold: [] });
    expect(storedPageKey(set, frame, ink, fonts, all, all)).toBe(key);

    // Another body, another folio, frame, ink, a figure left out: another page.
    expect(storedPageKey(unread('entry-2/0', () => []), frame, ink, fonts, all, all)).not.toBe(key);
    const moved: Page = { ...FIELDS, items: [...bodyItems('entry-1/0'), folio('5')] };
    setBody(moved, { name: 'entry-1/0', count: 3, images: ['fig.png'], bold: [] });
    expect(storedPageKey(moved, frame, ink, fonts, all, all)).not.toBe(key);
    expect(storedPageKey(page, { ...frame, x: 11 }, ink, fonts, all, all)).not.toBe(key);
    expect(storedPageKey(page, frame, { cmyk: true }, fonts, all, all)).not.toBe(key);
    expect(storedPageKey(page, frame, ink, fonts, all, (image) => image !== 'fig.png')).not.toBe(key);
    // Bold in the body is drawn as synthetic bold by a one-weight font book: another page there only.
    const bold = unread('entry-1/0', () => [], true);
    expect(storedPageKey(bold, frame, ink, fonts, all, all)).toBe(key);
    expect(storedPageKey(bold, frame, ink, synthetic, all, all)).not.toBe(storedPageKey(page, frame, ink, synthetic, all, all));
    expect(reads).toBe(0);

    // A page whose items no longer open with its body is keyed by its items, spelled out.
    const replaced: Page = { ...FIELDS, items: [text(line('洪太尉')), folio('3')] };
    setBody(replaced, { name: 'entry-1/0', count: 1, images: [], bold: [] });
    expect(storedPageKey(replaced, frame, ink, fonts, all, all)).toBeUndefined();
  });

  it('draws an unread page from the cache without reading it, and reads it on a miss', async () => {
    let reads = 0;
    const read = (): PageItem[] => (reads++, bodyItems('entry-3/0'));
    const cache = memoryPageCache();
    const first = await pageStreamAsync(unread('entry-3/0', read), frame, ink, fonts, all, all, cache);
    expect(reads).toBe(1);
    const page = unread('entry-3/0', read);
    const again = await pageStreamAsync(page, frame, ink, fonts, all, all, cache);
    expect(reads).toBe(1);
    expect(isUnread(page)).toBe(true);
    expect(Buffer.from(again.data).equals(Buffer.from(first.data))).toBe(true);
    // Read when asked for: the body, then what was added after it.
    expect(page.items.map((item) => item.kind)).toEqual(['text', 'text', 'image', 'text']);
    expect(isUnread(page)).toBe(false);
  });
});

describe('page bodies through whole builds', () => {
  let dir: string;
  let input: (dir: string) => Promise<TypesetInput>;

  beforeAll(async () => {
    dir = await shuihuzhuanProject(4);
    input = async (d) => {
      const loaded = await loadBook(d);
      const [formats, house] = await Promise.all([loadFormats(), loadDesign()]);
      const design = mergeDesign(house, loaded.book.design);
      const geometry = pageGeometry(trimmedSize(loaded.book.meta.print, formats), design, new Typography(design).bodyLeading);
      return { book: loaded.book, front: loaded.front, fonts: new FontBook(loaded.ctx.fonts), design, geometry, images: new Map() };
    };
  }, 240_000);

  it('gives the PDF of a build without the cache when an edit moves the later chapters by two pages', async () => {
    const options = { info: {}, language: 'zh-CN', boxes: { bleedMm: 3, cropMarks: false } };
    const render = async (i: TypesetInput, memo?: DiskCache, pageCache?: ReturnType<typeof memoryPageCache>): Promise<Buffer> => {
      const set = typesetBook({ ...i, ...(memo ? { memo: memo.memo('settings') } : {}) });
      return Buffer.from(await renderPages(set.pages, i.fonts, i.geometry, new Map(), { ...options, ...(pageCache ? { pageCache } : {}) }));
    };
    const pageCache = memoryPageCache();
    const before = await input(dir);
    const cold = new DiskCache(dir);
    await render(before, cold, pageCache);
    await cold.flush({ prune: true });
    const pagesBefore = typesetBook(before).pages.length;

    // Paragraphs added to the first chapter until it is two pages longer: every later chapter
    // keeps its parity and its cached pages, but its folios move.
    const file = path.join(dir, 'chapters', '001.md');
    const original = await readFile(file, 'utf8');
    const paragraph = `\n\n${'那老儿直拖鲁达到僻静处，说道：恩人，你今番不该来。'.repeat(6)}\n`;
    let edited = before;
    for (let added = 1; added < 40; added++) {
      await writeFile(file, original + paragraph.repeat(added));
      edited = await input(dir);
      if (typesetBook(edited).pages.length - pagesBefore >= 2) break;
    }
    expect(typesetBook(edited).pages.length - pagesBefore).toBe(2);

    const warm = new DiskCache(dir);
    const pdf = await render(edited, warm, pageCache);
    // The other chapters' pages came from the cache; the chapter before the edit was drawn
    // without reading its items, the two after it were read to be drawn again (new folios).
    expect(warm.stats.hits['typeset-pages']).toBe(3);
    expect(warm.stats.hits['typeset-page-items']).toBe(2);
    expect(pdf.equals(await render(edited))).toBe(true);
  }, 240_000);
});
