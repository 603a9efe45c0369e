/**
 * The composer on the real output: the sample book and 水浒传 (../shared/corpus/shuihuzhuan,
 * read in place and built as a book in a temp folder) are written to PDF and read back with
 * pdfjs-dist. Every body line is checked against clreq (test/helpers/clreq.ts); the TOC's
 * numbers against the outline; the print pagination against where the text really is.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusProject } from '../bench/corpus-project.js';
import type { Book, Block } from '../src/model/book.js';
import { allChapters } from '../src/model/book.js';
import { loadDesign, Typography } from '../src/typeset/design.js';
import { loadFormats, pageGeometry, trimmedSize } from '../src/typeset/geometry.js';
import { inlineText } from '../src/typeset/text.js';
import { writePdf, type PdfOutput } from '../src/writers/pdf/index.js';
import { orphanPageDiagnostics } from '../src/verify/short-pages.js';
import { bodyLines, checkClreq, pageFill, type TextBlock } from './helpers/clreq.js';
import { outline, pageText, pageTextItems, printedFolio, squash, tocEntries, type OutlineItem, type TextItem } from './helpers/pdf.js';
import { printedLines } from './helpers/print-lines.js';
import { loadBook, SAMPLE_DIR, type LoadedBook } from './helpers/sample.js';

interface Built {
  loaded: LoadedBook;
  pdf: PdfOutput;
  texts: TextItem[][];
  tree: OutlineItem[];
  block: TextBlock;
}

async function build(dir: string): Promise<Built> {
  const loaded = await loadBook(dir);
  const pdf = await writePdf(loaded.book, loaded.front, loaded.ctx);
  const texts = await pageTextItems(pdf.bytes);
  const tree = outline(await PDFDocument.load(pdf.bytes, { updateMetadata: false }));
  const design = await loadDesign();
  const typo = new Typography(design);
  const geometry = pageGeometry(trimmedSize(loaded.book.meta.print, await loadFormats()), design, typo.bodyLeading);
  const toc = tocPageNumbers(tree);
  // Text is read in MediaBox space: the trimmed page sits the bleed inside it.
  const o = (await PDFDocument.load(pdf.bytes, { updateMetadata: false })).getPages()[0]?.getTrimBox().x ?? 0;
  const block: TextBlock = {
    left: { recto: geometry.inner + o, verso: geometry.outer + o },
    width: geometry.textWidth,
    bodySize: typo.bodySize,
    headingSizes: [design.styles.h2.size ?? 12],
    skip: new Set(toc),
  };
  return { loaded, pdf, texts, tree, block };
}

function tocPageNumbers(tree: OutlineItem[]): number[] {
  const start = tree.find((i) => i.title === '目录')?.page ?? 0;
  const end = tree.find((i) => i.page > start)?.page ?? start + 1;
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

function flatOutline(items: OutlineItem[]): OutlineItem[] {
  return items.flatMap((i) => [i, ...flatOutline(i.children)]);
}

/** The opening words of a block as printed (squashed), or undefined for blocks without text. */
function blockStart(block: Block): string | undefined {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return squash(inlineText(block.children)).slice(0, 6) || undefined;
    default:
      return undefined;
  }
}

function expectTocMatchesOutline(b: Built): void {
  const entries = tocEntries(tocPageNumbers(b.tree).map((n) => b.texts[n - 1] ?? []));
  const chapters = allChapters(b.loaded.book);
  const items = flatOutline(b.tree);
  let checked = 0;
  for (const chapter of chapters) {
    const item = items.find((i) => i.title === (chapter.label ?? chapter.title));
    expect(item, chapter.title).toBeDefined();
    const entry = entries.find((e) => e.text.includes(squash(chapter.label ?? chapter.titleLines[0] ?? '')));
    expect(entry, `TOC entry of ${chapter.title}`).toBeDefined();
    expect(entry?.folio, `TOC number of ${chapter.title}`).toBe(printedFolio(b.texts[(item?.page ?? 0) - 1] ?? []));
    checked++;
  }
  expect(checked).toBe(chapters.length);
}

function expectMarksWhereTheTextIs(b: Built, book: Book): void {
  const { marks } = b.pdf.pagination;
  const chapters = allChapters(book);
  expect(marks.filter((m) => m.blockIndex === -1).map((m) => m.chapterId)).toEqual(chapters.map((c) => c.id));
  for (const chapter of chapters) {
    const own = marks.filter((m) => m.chapterId === chapter.id && m.blockIndex >= 0);
    expect(own.map((m) => m.blockIndex)).toEqual(chapter.blocks.map((_, i) => i));
  }
  let previous = 0;
  for (const mark of marks) {
    expect(mark.page, `${mark.chapterId}#${mark.blockIndex} in reading order`).toBeGreaterThanOrEqual(previous);
    previous = mark.page;
    const chapter = chapters.find((c) => c.id === mark.chapterId);
    const words = mark.blockIndex === -1 ? squash(chapter?.label ?? chapter?.titleLines[0] ?? '').slice(0, 6) : blockStart(chapter?.blocks[mark.blockIndex] as Block);
    if (words) expect(pageText(b.texts[mark.page - 1] ?? []), `${mark.chapterId}#${mark.blockIndex} on p${mark.page}`).toContain(words);
    expect(mark.folio).toBe(printedFolio(b.texts[mark.page - 1] ?? []) ?? mark.folio);
  }
  expect(b.pdf.pagination.isbn).toBe(book.meta.isbn);
}

describe('composed print PDF of the sample book', () => {
  let sample: Built;
  beforeAll(async () => {
    sample = await build(SAMPLE_DIR);
  }, 120_000);

  it('keeps every body line to clreq: prohibitions, pairs, justification, widows, headings', async () => {
    const report = checkClreq(await printedLines(sample.pdf.bytes), sample.block);
    expect(report.lines).toBeGreaterThan(150);
    expect(report.justified).toBeGreaterThan(100);
    expect(report.faults).toEqual([]);
  });

  it('ends no paragraph with a lone character (孤字) and fills every page whose text runs on (齐底)', async () => {
    const fill = pageFill(await printedLines(sample.pdf.bytes), sample.block);
    expect(fill).toEqual({ lone: [], short: [] });
  });

  it('prints TOC numbers equal to the folios of the pages the outline entries land on', () => {
    expectTocMatchesOutline(sample);
  });

  it('returns print pagination marks that agree with where the text is', () => {
    expectMarksWhereTheTextIs(sample, sample.loaded.book);
  });

  it('sets the ¼-em gap between ideographs and Latin letters or digits in body text', async () => {
    const body = bodyLines(await printedLines(sample.pdf.bytes), sample.block).flat().map((l) => l.text).join('\n');
    expect(body).toContain('2017 年 2 月 6 日');
    expect(body).not.toMatch(/[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]/);
  });
});

describe('composed print PDF of 水浒传', () => {
  let shz: Built;
  beforeAll(async () => {
    // The corpus sits at ../shared for every developer and CI; a missing corpus is a failure, not a skip.
    expect(existsSync(CORPUS), `${CORPUS} is missing`).toBe(true);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hanpress-shz-'));
    await corpusProject(dir, 121, path.join(SAMPLE_DIR, 'book.yaml'));
    shz = await build(dir);
  }, 300_000);

  it('keeps every body line of 844k characters to clreq; an orphan only where the build reports one', async () => {
    const report = checkClreq(await printedLines(shz.pdf.bytes), shz.block);
    expect(report.lines).toBeGreaterThan(20_000);
    const isOrphan = (fault: string): boolean => fault.startsWith('orphan');
    expect(report.faults.filter((f) => !isOrphan(f)).slice(0, 20)).toEqual([]);
    // Looking back's last resort (a page of dialogue nothing else fills): found in the PDF
    // exactly where the build says, and rare.
    expect(report.faults.filter(isOrphan)).toEqual(shz.pdf.orphanPages.map((o) => `orphan (first line alone at the foot): p${o.page}`));
    expect(shz.pdf.orphanPages.length).toBeLessThanOrEqual(2);
  }, 300_000);

  it('prints TOC numbers equal to the folios of the pages the outline entries land on', () => {
    expectTocMatchesOutline(shz);
  });

  it('returns print pagination marks that agree with where the text is', () => {
    expectMarksWhereTheTextIs(shz, shz.loaded.book);
  });
  it('ends no paragraph with a lone character (孤字) and fills every page whose text runs on to the foot (齐底)', async () => {
    const fill = pageFill(await printedLines(shz.pdf.bytes), shz.block);
    expect(fill).toEqual({ lone: [], short: [] });
    expect(shz.pdf.unresolvedWidows).toBe(0);
    expect(shz.pdf.shortPages).toEqual([]);
    // A page filled by the last resort is reported for the editor at a paragraph printed on
    // that very page (pdf/orphan-line), as a page left short would be (pdf/short-page).
    // 水浒传 has one such page today; should it have none, this check must move to another book.
    expect(shz.pdf.orphanPages.length).toBeGreaterThan(0);
    const warnings = orphanPageDiagnostics(shz.loaded.book, shz.pdf.orphanPages);
    shz.pdf.orphanPages.forEach((short, i) => {
      const advice = short.advice;
      expect(advice, `p${short.page}`).toBeDefined();
      const chapter = allChapters(shz.loaded.book).find((c) => c.id === advice?.chapterId);
      const words = blockStart(chapter?.blocks[advice?.blockIndex ?? -1] as Block);
      expect(words && pageText(shz.texts[short.page - 1] ?? [])).toContain(words);
      expect(warnings[i]).toMatchObject({ code: 'pdf/orphan-line', severity: 'warning', file: chapter?.file });
      expect(warnings[i]?.line).toBeGreaterThan(0);
    });
  }, 300_000);

  it('prints every paragraph whole and in order: no character lost or doubled at a page break', async () => {
    // Widow control re-sets paragraphs that began on an earlier page; what was printed there must stay.
    const printed = bodyLines(await printedLines(shz.pdf.bytes), shz.block)
      .flat()
      .map((l) => l.text)
      .join('');
    const text = squash(printed);
    let at = 0;
    let paragraphs = 0;
    for (const chapter of allChapters(shz.loaded.book)) {
      for (const block of chapter.blocks) {
        if (block.type !== 'paragraph') continue;
        const words = squash(inlineText(block.children));
        expect(text.slice(at, at + words.length), `${chapter.id} paragraph at ${at}`).toBe(words);
        at += words.length;
        paragraphs++;
      }
    }
    expect(at).toBe(text.length);
    expect(paragraphs).toBeGreaterThan(6_000);
  }, 300_000);
});
