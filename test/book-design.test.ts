/**
 * A book's own design.yaml: read from the project, merged over the house design field by field,
 * and felt in the PDF (note placement, body size, a fixed text block); a bad field, a text block
 * that crowds the 开本 or a design file linked out of the project is refused by `check` at its
 * place.
 */
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../src/pipeline/check.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { parseYamlSource } from '../src/load/yaml-source.js';
import { DESIGN_FILE, loadDesign, mergeDesign } from '../src/typeset/design.js';
import { checkDesign } from '../src/validate/schema-check.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { notesBook } from './helpers/notes-book.js';
import { projectWith, tempDir } from './helpers/project.js';
import { loadBook } from './helpers/sample.js';

interface Item {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
}

/** All text in reading order (page by page, top to bottom, left to right), with its page. */
async function readingOrder(bytes: Uint8Array): Promise<Array<Item & { page: number }>> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const out: Array<Item & { page: number }> = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const items: Item[] = [];
      for (const item of (await (await doc.getPage(n)).getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, size: Math.abs(item.transform[3] as number), width: item.width });
      }
      items.sort((a, b) => b.y - a.y || a.x - b.x);
      out.push(...items.map((i) => ({ ...i, page: n })));
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

async function pdfOf(dir: string): Promise<Awaited<ReturnType<typeof writePdf>>> {
  const loaded = await loadBook(dir);
  return writePdf(loaded.book, loaded.front, loaded.ctx);
}

const design = (text: string) => ({ 'design.yaml': () => text });

/** Where in reading order the first note's text and the article's last body line stand. */
async function noteOrder(dir: string): Promise<{ firstNote: number; lastBody: number; notePages: Set<number> }> {
  const read = await readingOrder((await pdfOf(dir)).bytes);
  // The note number is a Latin run of its own: find the notes by the rest of their token.
  const firstNote = read.findIndex((i) => i.str.includes('条注文'));
  // Body lines of the notes article are 10.5 pt and carry its sentence; notes are 9 pt.
  const lastBody = read.findLastIndex((i) => i.size > 10 && i.str.includes('团结动员'));
  const notePages = new Set(read.filter((i) => i.str.includes('条注文')).map((i) => i.page));
  return { firstNote, lastBody, notePages };
}

describe('a book\'s design.yaml in the PDF', () => {
  let sampleFoot: { firstNote: number; lastBody: number; notePages: Set<number> };

  beforeAll(async () => {
    sampleFoot = await noteOrder(await notesBook(20, 10));
  }, 120_000);

  it('notes.placement: end sets the notes after the article (篇末注), not at page feet', async () => {
    const dir = await notesBook(20, 10);
    await writeFile(path.join(dir, 'design.yaml'), 'notes:\n  placement: end\n');
    const end = await noteOrder(dir);
    expect(sampleFoot.firstNote).toBeGreaterThan(0);
    // House design: the first note is at the foot of an early page, before the article's last line.
    expect(sampleFoot.firstNote).toBeLessThan(sampleFoot.lastBody);
    expect(sampleFoot.notePages.size).toBeGreaterThan(2);
    // design.yaml: every note after the last body line.
    expect(end.firstNote).toBeGreaterThan(end.lastBody);
    expect(end.notePages.size).toBeLessThan(sampleFoot.notePages.size);
  }, 120_000);

  it('a larger body size sets fewer characters a line, and no fewer pages', async () => {
    const house = await pdfOf(await projectWith());
    const bigger = await pdfOf(await projectWith(design('# 小四 body\nstyles:\n  body: { size: 12 }\n')));
    // The longest body line in characters. The sample's articles open on rectos, so its page
    // count moves in steps of two and may stay (the blank verso after an article takes the
    // longer article's extra page).
    const body = async (bytes: Uint8Array, size: number): Promise<{ longest: number }> => {
      const lines = new Map<string, string>();
      for (const i of await readingOrder(bytes)) {
        if (Math.abs(i.size - size) >= 0.1) continue;
        const key = `${i.page}:${Math.round(i.y)}`;
        lines.set(key, (lines.get(key) ?? '') + i.str);
      }
      return { longest: Math.max(...[...lines.values()].map((t) => [...t.replace(/\s/g, '')].length)) };
    };
    const small = await body(house.bytes, 10.5);
    const large = await body(bigger.bytes, 12);
    expect(small.longest).toBeGreaterThan(30);
    expect(large.longest).toBeLessThan(small.longest);
    expect(bigger.pageCount).toBeGreaterThanOrEqual(house.pageCount);
  }, 120_000);

  it('merges field by field: the rest of a style and of the design stay the house\'s', async () => {
    const house = await loadDesign();
    const merged = mergeDesign(house, { styles: { body: { size: 12 } }, textBlock: { charsPerLine: 30 } });
    expect(merged.styles.body).toEqual({ ...house.styles.body, size: 12 });
    expect(merged.textBlock).toEqual({ ...house.textBlock, charsPerLine: 30 });
    expect(merged.styles.h2).toEqual(house.styles.h2);
    expect(merged.notes).toEqual(house.notes);
  });

  it('fixed charsPerLine sets the measure of every full body line', async () => {
    const pdf = await pdfOf(await projectWith(design('textBlock:\n  charsPerLine: 30\n  linesPerPage: 26\n')));
    const read = await readingOrder(pdf.bytes);
    // Body-size text outside the TOC (whose rows carry dot leaders).
    const tocRows = new Set(read.filter((i) => /[…·.]{3}/.test(i.str)).map((i) => `${i.page}:${Math.round(i.y)}`));
    const body = read.filter((i) => Math.abs(i.size - 10.5) < 0.01 && !tocRows.has(`${i.page}:${Math.round(i.y)}`));
    const spans = new Map<number, { left: number; right: number }>();
    for (const i of body) {
      const s = spans.get(i.page) ?? { left: Infinity, right: -Infinity };
      spans.set(i.page, { left: Math.min(s.left, i.x), right: Math.max(s.right, i.x + i.width) });
    }
    const widest = Math.max(...[...spans.values()].map((s) => s.right - s.left));
    // 30 ems of 10.5 pt; a line-end mark set half width keeps its full advance.
    expect(widest).toBeGreaterThan(30 * 10.5 - 0.5);
    expect(widest).toBeLessThan(30.5 * 10.5 + 0.5);
    expect(pdf.pageCount).toBeGreaterThan(10);
  }, 120_000);
});

async function checked(designText: string): Promise<Diagnostic[]> {
  return (await checkProject(await projectWith(design(designText)))).diagnostics.filter((d) => d.severity === 'error');
}

describe('a bad design.yaml is refused by check at its place', () => {
  it('the house design itself passes the design schema', async () => {
    const text = await readFile(DESIGN_FILE, 'utf8');
    const parsed = parseYamlSource(text, 'templates/pdf/design.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.source && checkDesign(parsed.source).diagnostics).toEqual([]);
  });

  it('a value of the wrong type', async () => {
    const [d, ...rest] = await checked('textBlock:\n  charsPerLine: wide\n');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'design/type', file: 'design.yaml', line: 2, column: 17 });
  });

  it('a misspelt field, with the field meant', async () => {
    const [d] = await checked('stlyes:\n  body: { size: 12 }\n');
    expect(d).toMatchObject({ code: 'design/additionalProperties', file: 'design.yaml', line: 1, column: 1 });
    expect(d?.hint).toContain('`styles`');
  });

  it('an unknown style and a placement hanpress does not know', async () => {
    const found = await checked('styles:\n  bodyy: { size: 12 }\nnotes:\n  placement: side\n');
    const byLine = [...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(byLine.map((d) => [d.code, d.line])).toEqual([['design/additionalProperties', 2], ['design/enum', 4]]);
    expect(byLine[1]?.hint).toContain('foot, end');
  });

  it('a text block that crowds the 开本, at the field that fixed it', async () => {
    const [d, ...rest] = await checked('# too wide for 170 mm\ntextBlock:\n  charsPerLine: 44\n');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'pdf/text-block-too-large', file: 'design.yaml', line: 3, column: 17 });
    expect(d?.message).toContain('12 mm');
  });

  it('a design.yaml linked from outside the project', async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, 'design.yaml'), 'notes:\n  placement: end\n');
    const dir = await projectWith();
    await symlink(path.join(outside, 'design.yaml'), path.join(dir, 'design.yaml'));
    const result = await checkProject(dir);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['load/outside-project', 'design.yaml']);
  });
});
