/**
 * Golden test of the sample book's copyright page (版权页) in both outputs, against
 * test/fixtures/copyright-page.txt: one printed line per fixture line, exactly as the page
 * reads. A line that starts with the five-em indent continues the record above it (in the
 * EPUB it follows a <br/> in the same paragraph).
 *
 * EPUB: compared character for character, U+3000 and U+2002 included. The only step between
 * the XHTML and the fixture is the hanging indent of a record's continuation line: in the
 * EPUB it is CSS (p.record { padding-left: 5em; text-indent: -5em }), so the extractor writes
 * the <br/> as a new line starting with that many U+3000, after checking the stylesheet says so.
 *
 * PDF: pdfjs does not give white space back as characters. U+3000 and U+2002 glyphs come back
 * as U+0020 (runs collapsed into one item), gaps between positioned runs (label column → value
 * column) as a synthesised U+0020, and indents (first-line indent, hanging indent) not at all.
 * So the PDF comparison, and only it, (1) reads lines by baseline, left to right; (2) compares
 * every white-space run as one U+0020 and drops it at line ends; (3) joins the lines of a
 * wrapped paragraph, putting back a space at the join only where the golden has one. The
 * hanging indent is then checked from positions instead: the continuation line starts at the
 * value column.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIP_HEADING } from '../src/derive/cip.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { lines, pageTextItems, pageTextRuns, type TextRun } from './helpers/pdf.js';
import { loadBook } from './helpers/sample.js';
import { elementsByName, isElement, parseXml, TEXT_NODE, XML_NS, type XmlNode } from './helpers/xml.js';

const FIXTURE = new URL('./fixtures/copyright-page.txt', import.meta.url);
const IDEOGRAPHIC_SPACE = '\u3000';

let golden: string[];
let epubFiles: Record<string, Uint8Array>;
let pdfBytes: Uint8Array;

beforeAll(async () => {
  golden = (await readFile(FIXTURE, 'utf8')).replace(/\n$/, '').split('\n');
  const loaded = await loadBook();
  epubFiles = unzipSync(await writeEpub(loaded.book, loaded.front, loaded.ctx));
  pdfBytes = (await writePdf(loaded.book, loaded.front, loaded.ctx)).bytes;
});

function entry(name: string): string {
  const data = epubFiles[name];
  if (!data) throw new Error(`${name} is not in the EPUB`);
  return new TextDecoder().decode(data);
}

/** The ems of p.record's hanging indent, read from the EPUB's stylesheet. */
function recordIndentEms(css: string): number {
  const rule = /\.copyright-page p\.record\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const padding = /padding-left:\s*(\d+)em/.exec(rule)?.[1];
  const indent = /text-indent:\s*-(\d+)em/.exec(rule)?.[1];
  if (!padding || padding !== indent) throw new Error(`p.record is not a whole-em hanging indent: ${rule}`);
  return Number(padding);
}

/** A paragraph's text; <br/> starts a new line at the hanging indent. */
function paragraphText(node: XmlNode, indent: string): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) text += child.textContent ?? '';
    else if (isElement(child) && child.localName === 'br') text += `\n${indent}`;
    else if (isElement(child)) text += paragraphText(child, indent);
  }
  return text;
}

describe('copyright page golden text', () => {
  it('has the golden fixture the brief gave, with its special spaces', () => {
    expect(golden).toHaveLength(25);
    expect(golden[6]).toBe('出\u2002版\u2002人\u3000茢宗金');
    expect(golden[14]?.startsWith(IDEOGRAPHIC_SPACE.repeat(5))).toBe(true);
    expect(golden.join('')).not.toMatch(/[ \t]{2}|\r/);
  });

  it('EPUB: every paragraph of text/copyright.xhtml reads exactly as the golden', () => {
    const indent = IDEOGRAPHIC_SPACE.repeat(recordIndentEms(entry('OEBPS/styles/book.css')));
    const page = parseXml(entry('OEBPS/text/copyright.xhtml'));
    const paragraphs = elementsByName(page, XML_NS.xhtml, 'p').map((p) => paragraphText(p, indent));
    expect(paragraphs.flatMap((p) => p.split('\n'))).toEqual(golden);
  });

  it('PDF: the copyright page reads as the golden, white space compared as gaps', async () => {
    const pages = await pageTextItems(pdfBytes);
    const pageNumber = pages.findIndex((items) => items[0]?.str === CIP_HEADING) + 1;
    expect(pageNumber).toBeGreaterThan(0);
    const printed = lines(await pageTextRuns(pdfBytes, pageNumber));
    const gaps = (text: string): string => text.replace(/[\s\u3000\u2002]+/g, ' ').trim();
    const lineTexts = printed.map((line) => gaps(line.map((run) => run.str).join('')));

    const read: string[] = [];
    let at = 0;
    for (const expectedLine of golden) {
      const expected = gaps(expectedLine);
      let text = lineTexts[at++] ?? '';
      while (text !== expected && at < lineTexts.length && expected.startsWith(text)) {
        const next = lineTexts[at++] ?? '';
        text += expected.startsWith(`${text} `) ? ` ${next}` : next;
      }
      read.push(text);
    }
    expect(read).toEqual(golden.map(gaps));
    expect(at, 'text after the golden').toBe(lineTexts.length);

    // The continuation of 电话 starts under the record's first value, not at the margin.
    const valueStart = (line: TextRun[]): number => line.find((r) => r.str.startsWith('（010）'))?.x ?? NaN;
    const phone = printed.findIndex((line) => line[0]?.str === '电');
    const continuation = printed[phone + 1] ?? [];
    expect(continuation[0]?.x).toBeCloseTo(valueStart(printed[phone] ?? []), 1);
    expect(continuation[0]?.x).toBeGreaterThan((printed[phone]?.[0]?.x ?? 0) + 4 * 9);
  });
});
