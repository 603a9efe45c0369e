/**
 * The subtitle (title.otherInfo) of a book without a 分辑名 (partName) is printed wherever the
 * title is: the title page, the 版本记录 title line, the EPUB's dc:title (the title line, and
 * the subtitle again as a title-type "subtitle" refinement) and the PDF's title (Info, XMP).
 */
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEpub } from '../src/writers/epub/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { pageText, pageTextItems, squash, xmpOf } from './helpers/pdf.js';
import { projectWith, replaceOnce } from './helpers/project.js';
import { loadBook, type LoadedBook } from './helpers/sample.js';

const TITLE_LINE = '新的使命和担当Ⅱ——2015—2017';

describe('a subtitle without a partName', () => {
  let loaded: LoadedBook;
  let opf: string;
  let pdfBytes: Uint8Array;

  beforeAll(async () => {
    const dir = await projectWith({ 'book.yaml': replaceOnce('  partName: 中国工会改革创新实录\n', '') });
    loaded = await loadBook(dir);
    const files = unzipSync(await writeEpub(loaded.book, loaded.front, loaded.ctx));
    opf = new TextDecoder().decode(files['OEBPS/content.opf']);
    pdfBytes = (await writePdf(loaded.book, loaded.front, loaded.ctx)).bytes;
  }, 600_000);

  it('is in the title line and on the title page', () => {
    expect(loaded.front.displayTitle).toBe(TITLE_LINE);
    expect(loaded.front.copyright.titleLine).toBe(TITLE_LINE);
    expect(loaded.front.titlePage.subtitle).toBe('——2015—2017');
  });

  it('is in dc:title, and named as the subtitle', () => {
    expect(opf).toContain(`<dc:title id="title">${TITLE_LINE}</dc:title><meta refines="#title" property="title-type">main</meta>`);
    expect(opf).toContain('<dc:title id="subtitle">2015—2017</dc:title><meta refines="#subtitle" property="title-type">subtitle</meta>');
  });

  it('is in the PDF title, its XMP and the printed 版本记录', async () => {
    const doc = await PDFDocument.load(pdfBytes);
    expect(doc.getTitle()).toBe(TITLE_LINE);
    expect(xmpOf(doc)).toContain(TITLE_LINE);
    const pages = await pageTextItems(pdfBytes);
    const copyright = pages.find((items) => squash(pageText(items)).includes('版本记录') || squash(pageText(items)).includes('图书在版编目'));
    expect(squash(pageText(copyright ?? []))).toContain(squash(TITLE_LINE));
  });
});
