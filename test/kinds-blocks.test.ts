/**
 * Every block type on a small test book (test/helpers/blocks-book.ts) with `kind: technical`,
 * read back from the PDF (text, positions, fonts, drawn dots) and the EPUB: quotations indented
 * on both sides with a grid line above and below, a poem's lines all indented, lists composed
 * with hanging markers, 着重号 dots, 缺字 set apart and reported by `check`, numbered headings.
 * And the 天头 is larger than the 地脚 on every 开本, whatever the kind.
 */
import * as fontkit from 'fontkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOK_KINDS, KIND_PRESETS } from '../src/kinds/presets.js';
import { checkProject } from '../src/pipeline/check.js';
import { loadDesign, mergeDesign, Typography, type Design } from '../src/typeset/design.js';
import { loadFormats, pageGeometry, trimmedSize, type PageGeometry } from '../src/typeset/geometry.js';
import { blocksProject, POEM, QUOTE } from './helpers/blocks-book.js';
import { buildBoth, lineString, runLines, type BuiltBook } from './helpers/built.js';
import { formatMessages } from './helpers/epubcheck.js';
import { roundDots, type FontRun } from './helpers/pdf-fonts.js';
import { squash } from './helpers/pdf.js';

let dir: string;
let built: BuiltBook;
let design: Design;
let geometry: PageGeometry;
let pitch: number;
/** Text block edges in MediaBox space on the page in question. */
let edges: (page: number) => { left: number; right: number };
const EM = 10.5;

beforeAll(async () => {
  dir = await blocksProject({ kind: 'technical' });
  built = await buildBoth(dir);
  design = mergeDesign(await loadDesign(), built.loaded.book.design);
  const typo = new Typography(design);
  pitch = typo.bodyLeading;
  geometry = pageGeometry(trimmedSize(built.loaded.book.meta.print, await loadFormats()), design, pitch);
  const o = (await PDFDocument.load(built.pdf, { updateMetadata: false })).getPages()[0]?.getTrimBox().x ?? 0;
  edges = (page) => {
    const left = (page % 2 === 1 ? geometry.inner : geometry.outer) + o;
    return { left, right: left + geometry.textWidth };
  };
}, 600_000);

/** The first line that starts with `text` (squashed), at least `size` points (the TOC's lines are smaller). */
function lineStarting(text: string, size = 0): { page: number; runs: FontRun[] } {
  for (const [p, runs] of built.runs.entries()) {
    const line = runLines(runs).find((l) => squash(lineString(l)).startsWith(text) && (l[0]?.size ?? 0) >= size);
    if (line) return { page: p + 1, runs: line };
  }
  throw new Error(`no line starts with ${text}`);
}

/** The PostScript name of the face fonts.yaml gives a design role. */
function faceOf(role: string): string {
  const config = built.loaded.ctx.fonts as unknown as Record<string, { normal: { path: string } }>;
  const face = config[role]?.normal.path;
  if (!face) throw new Error(`no role ${role}`);
  return (fontkit.openSync(face) as unknown as { postscriptName: string }).postscriptName;
}

describe('a book with every block type', () => {
  it('indents a quotation two characters on both sides, in its own face, a grid line above and below', () => {
    const first = lineStarting(QUOTE.slice(0, 6));
    const { left, right } = edges(first.page);
    const lines = runLines(built.runs[first.page - 1] ?? []);
    const at = lines.findIndex((l) => l === first.runs || squash(lineString(l)).startsWith(QUOTE.slice(0, 6)));
    const quote = lines.slice(at, lines.findIndex((l) => squash(lineString(l)).startsWith('引文第二段')) + 1);
    expect(quote.length).toBeGreaterThanOrEqual(4);
    expect(quote[0]?.[0]?.x).toBeCloseTo(left + 4 * EM, 1);
    for (const line of quote.slice(1, -1)) expect(line[0]?.x, lineString(line)).toBeCloseTo(left + 2 * EM, 1);
    // Full lines end two characters in from the right edge (a closing mark may hang half an em).
    for (const line of quote.slice(0, -2)) {
      const last = line.at(-1) as FontRun;
      expect(Math.abs(last.x + last.width - (right - 2 * EM)), lineString(line)).toBeLessThan(EM / 2 + 0.6);
    }
    const face = faceOf(design.styles.blockquote.font ?? 'body');
    for (const line of quote) for (const run of line) expect(run.font, run.str).toBe(face);
    // One empty grid line above (after the paragraph before) and below (before the next).
    const before = lines[at - 1]?.[0];
    const after = lines[at + quote.length]?.[0];
    expect(squash(after?.str ?? '')).toMatch(/^正文继续/);
    expect((before?.y ?? 0) - (quote[0]?.[0]?.y ?? 0)).toBeCloseTo(2 * pitch, 1);
    expect((quote.at(-1)?.[0]?.y ?? 0) - (after?.y ?? 0)).toBeCloseTo(2 * pitch, 1);
  });

  it('keeps the indent on every line of a poem set with hard line breaks', () => {
    const xs = POEM.map((line) => lineStarting(line.slice(0, 5)));
    const { left } = edges(xs[0]?.page ?? 1);
    for (const { runs } of xs) expect(runs[0]?.x, lineString(runs)).toBeCloseTo(left + 4 * EM, 1);
  });

  it('composes lists: hanging markers, justified lines, bold kept, a ¼-em gap beside Latin', () => {
    const first = lineStarting('1.第一项');
    const { left, right } = edges(first.page);
    const [marker, text] = first.runs;
    expect(marker?.str.trim()).toBe('1.');
    expect(marker?.x).toBeCloseTo(left, 1);
    expect(text?.x).toBeCloseTo(left + 2 * EM, 1);
    const last = first.runs.at(-1) as FontRun;
    expect(Math.abs(last.x + last.width - right)).toBeLessThan(EM / 2 + 0.6);
    const lines = runLines(built.runs[first.page - 1] ?? []);
    const next = lines[lines.findIndex((l) => l[0] === marker) + 1];
    expect(next?.[0]?.x, lineString(next ?? [])).toBeCloseTo(left + 2 * EM, 1);
    expect(first.runs.find((r) => r.str.includes('加粗的字'))?.font).toMatch(/^NotoSerifSC-Bold/);
    // The ¼-em gaps beside Latin are the Latin face's word space, drawn (pdfjs reads them as spaces).
    expect(lineString(first.runs)).toContain('以及 HTTP 协议');
    const bullet = lineStarting('•无序项一');
    expect(bullet.runs[0]?.x).toBeCloseTo(left, 1);
  });

  it('sets emphasis as 着重号: body face, a dot under each ideograph', async () => {
    const { page, runs } = lineStarting('正文段落');
    const emphasised = runs.find((r) => r.str.includes('着重的字'));
    expect(emphasised?.font).toBe(faceOf('body'));
    // 着重的字 in the first paragraph and in the first list item, four dots each.
    const list = lineStarting('1.第一项');
    expect(list.page).toBe(page);
    expect(await roundDots(built.pdf, page)).toBe(8);
  });

  it('sets 缺字 placeholders apart and `check` lists each at its position', async () => {
    const line = lineStarting('他把那');
    const mark = line.runs.find((r) => r.str.includes('□'));
    expect(mark?.font).toBe(faceOf(design.styles.missingChar.font ?? 'heading'));
    const note = line.runs.find((r) => r.str.includes('左'));
    expect(note?.font).toBe(faceOf(design.styles.missingChar.font ?? 'heading'));
    expect(note?.size).toBe(EM);
    const checked = await checkProject(dir);
    const found = checked.diagnostics.filter((d) => d.code === 'markdown/missing-char').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    expect(found).toEqual([
      'chapters/01.md:28:4 缺字: □ holds the place of a character; its note: 【左“足”右“此”】.',
      'chapters/01.md:28:20 缺字: 〓 holds the place of a character (no note says which).',
    ]);
  });

  it('numbers a technical book\'s headings by chapter, in both outputs', () => {
    for (const heading of ['1.1列表', '1.2缺字', '1.2.1小节', '2.1一节', '2.1.1一小节']) expect(squash(lineString(lineStarting(heading, 12).runs))).toBe(heading);
    expect(built.xhtml('ch001')).toContain('>1.1　列表</h2>');
    expect(built.xhtml('ch002')).toContain('>2.1.1　一小节</h3>');
  });

  it('writes an EPUB that passes EPUBCheck with the same blocks', () => {
    const report = built.epubcheck;
    expect(report?.counts, formatMessages(report?.messages ?? [])).toEqual({ fatal: 0, error: 0, warning: 0 });
    const ch = built.xhtml('ch001');
    expect(ch).toContain(`<blockquote><p>${QUOTE}</p>`);
    expect(ch).toContain(`<p class="lines"><span class="line">${POEM[0]}</span><span class="line">${POEM[1]}</span>`);
    expect(ch).toContain('<span class="missing-char">□</span><span class="missing-note">【左“足”右“此”】</span>');
    expect(ch).toContain('<em>着重的字</em>');
  });
});

describe('天头 and 地脚', () => {
  it('leaves more white above the text block than below it, on every 开本 and for every kind', async () => {
    const house = await loadDesign();
    const formats = await loadFormats();
    for (const kind of BOOK_KINDS) {
      const d = mergeDesign(house, { kind, ...KIND_PRESETS[kind] });
      const leading = new Typography(d).bodyLeading;
      for (const f of formats) {
        const g = pageGeometry([f.trim[0], f.trim[1]], d, leading);
        expect(g.top, `${kind} ${f.name}`).toBeGreaterThan(g.bottom);
      }
    }
  });
});
