/**
 * 页下注 read back from the PDF: a copy of the sample whose article cites 40 notes (some long
 * enough to continue on the next page) is built with the house design, which sets notes at the
 * foot of their page. Each page's references must be numbered ①②③ afresh and equal the
 * numbers opening the notes at its foot; every note is printed exactly once, smaller than the
 * body; a long note continues, unnumbered, on the next page.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf, type PdfOutput } from '../src/writers/pdf/index.js';
import { notesBook } from './helpers/notes-book.js';
import { loadBook } from './helpers/sample.js';

const NOTES = 40;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

interface Item {
  str: string;
  x: number;
  y: number;
  size: number;
}

async function pages(bytes: Uint8Array): Promise<Item[][]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const out: Item[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const items: Item[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, size: Math.abs(item.transform[3] as number) });
      }
      // Drawing order: the renderer draws line by line, run by run.
      out.push(items);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Lines of items of one size class, top to bottom. */
function lineTexts(unsorted: Item[]): string[] {
  const items = [...unsorted].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const item of items) {
    const row = rows.find((r) => Math.abs((r[0]?.y ?? 0) - item.y) < 1);
    if (row) row.push(item);
    else rows.push([item]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
}

describe('page-foot notes (页下注)', () => {
  let pdf: PdfOutput;
  let read: Item[][];

  beforeAll(async () => {
    const loaded = await loadBook(await notesBook(60, NOTES));
    pdf = await writePdf(loaded.book, loaded.front, loaded.ctx);
    read = await pages(pdf.bytes);
  }, 120_000);

  it('sets each note at the foot of its reference\'s page, numbered ①②③ afresh on every page', () => {
    let pagesWithNotes = 0;
    for (const [i, items] of read.entries()) {
      const refs = items.filter((it) => it.size < 7 && CIRCLED.includes(it.str)).map((it) => it.str);
      const noteLines = lineTexts(items.filter((it) => it.size > 8 && it.size < 9.5));
      const opened = noteLines.map((l) => l[0] ?? '').filter((c) => CIRCLED.includes(c));
      if (refs.length === 0 && opened.length === 0) continue;
      pagesWithNotes++;
      expect(opened, `page ${i + 1}`).toEqual(refs);
      expect(refs, `page ${i + 1} restarts at ①`).toEqual(Array.from(CIRCLED.slice(0, refs.length)));
      // The notes sit below every body line of the page.
      const lowestBody = Math.min(...items.filter((it) => it.size > 10).map((it) => it.y));
      const highestNote = Math.max(...items.filter((it) => it.size > 8 && it.size < 9.5).map((it) => it.y));
      expect(highestNote, `page ${i + 1}`).toBeLessThan(lowestBody);
    }
    expect(pagesWithNotes).toBeGreaterThan(5);
  });

  it('prints every note exactly once, none lost or doubled', () => {
    const all = read.flatMap((items) => items.filter((it) => it.size > 8 && it.size < 9.5).map((it) => it.str)).join('').replace(/\s+/g, '');
    for (let k = 1; k <= NOTES; k++) expect(all.split(`第${k}条注文`).length - 1, `note ${k}`).toBe(1);
  });

  it('continues a note too long for its page at the foot of the next, without a number', () => {
    const continued = read.filter((items) => {
      const first = lineTexts(items.filter((it) => it.size > 8 && it.size < 9.5))[0];
      return first !== undefined && !CIRCLED.includes(first[0] ?? '');
    });
    expect(continued.length).toBeGreaterThan(0);
  });
});
