/**
 * Whole builds of variants of the sample a publisher will have: CIP data issued under
 * GB/T 12451-2023, and a book that leaves 印张 to be computed from the PDF. Text is read back
 * from the written files, and every EPUB passes EPUBCheck.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBook, type BuildReport } from '../src/pipeline/build.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { pageTextItems, pageText, squash } from './helpers/pdf.js';
import { projectWith, replaceOnce, tempDir, type Edit } from './helpers/project.js';

async function build(edit: Edit): Promise<{ report: BuildReport; copyrightXhtml: string; pdfPages: string[] }> {
  const dir = await projectWith({ 'book.yaml': edit });
  const report = await buildBook({ dir, outDir: await tempDir('hanpress-variant-'), env: { SOURCE_DATE_EPOCH: '1714521600' } });
  const epub = unzipSync(await readFile(report.epub.path));
  const copyright = epub['OEBPS/text/copyright.xhtml'];
  if (!copyright) throw new Error('no copyright page in the EPUB');
  const pages = await pageTextItems(new Uint8Array(await readFile(report.pdf.path)));
  expect((await runEpubcheck(report.epub.path)).messages).toEqual([]);
  return { report, copyrightXhtml: new TextDecoder().decode(copyright), pdfPages: pages.map(pageText) };
}

/** Text of each <p> of an XHTML page, markup removed. */
function paragraphs(xhtml: string): string[] {
  return Array.from(xhtml.matchAll(/<p\b[^>]*>(.*?)<\/p>/g), (m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}

describe('a book with CIP data of GB/T 12451-2023', () => {
  it('prints the 2023 block in the EPUB and the PDF', async () => {
    const { copyrightXhtml, pdfPages } = await build((text) =>
      replaceOnce('profile: "2001"', 'profile: "2023"')(
        replaceOnce('publicationDate: "2017-08"', 'publicationDate: "2017-09"')(
          replaceOnce('中国版本图书馆CIP数据核字（2017）第204165号', '中国国家版本馆CIP数据核字第2024SZ1581号')(text),
        ),
      ),
    );
    const expected = [
      '图书在版编目（CIP）数据',
      '新的使命和担当. Ⅱ, 中国工会改革创新实录 : 2015-2017 / 李玉赋主编. -- 北京 : 中国工人出版社, 2017.9. -- ISBN 978-7-5008-6790-6',
      'Ⅰ. D412.6',
      '中国国家版本馆CIP数据核字第2024SZ1581号',
    ];
    expect(paragraphs(copyrightXhtml).slice(0, 4)).toEqual(expected);
    expect(copyrightXhtml).not.toContain('①新…');
    expect(squash(pdfPages[1] ?? '')).toContain(squash(expected.join('')));
  });
});

describe('a book that leaves 印张 out', () => {
  it('computes 印张 from the PDF and prints it on both copyright pages', async () => {
    const { report, copyrightXhtml, pdfPages } = await build(replaceOnce('sheets: 28, ', ''));
    expect(report.pdf.pages).toBe(76);
    expect(report.diagnostics).toEqual([]);
    expect(paragraphs(copyrightXhtml)).toContain('印　　张　4.75');
    expect(squash(pdfPages[1] ?? '')).toContain(squash('印张4.75'));
    expect(path.basename(report.pdf.path)).toBe('xin-de-shiming-he-dandang-2.pdf');
  });
});
