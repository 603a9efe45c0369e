/**
 * Hyphenation read back from the PDF (pdfjs operator lists: every piece of a line with its
 * glyph advances and character spacing): built from d2l-zh chapters and a synthetic chapter of
 * long words, inline code and URLs, no line spreads its ideographs more than a quarter em where
 * the Latin word that starts the next line has a division point that would have fitted; words
 * are hyphenated with a printed hyphen; inline code and URLs are never hyphenated. The EPUB
 * marks English words `lang="en"` for the reader's own hyphenation (`hyphens: auto`) and
 * passes EPUBCheck.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { divisionOf, type Division } from '../src/cjk/index.js';
import { divisionPoints } from '../src/cjk/hyphenate.js';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { checkProject } from '../src/pipeline/check.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { unzipSync } from 'fflate';
import { formatMessages, runEpubcheck } from './helpers/epubcheck.js';
import { d2lProject } from './helpers/d2l-project.js';
import { tempDir } from './helpers/project.js';
import { pdfLines, pdfLineText, type PdfLine } from './helpers/spread.js';

const CHAPTERS = [
  'chapter_preface/index.md',
  'chapter_introduction/index.md',
  'chapter_computational-performance/hardware.md',
  'chapter_natural-language-processing-pretraining/bert.md',
];

const WORDS = ['internationalization', 'backpropagation', 'regularization', 'convolutional', 'hyperparameters', 'transformation'];
const CODE = ['d2l.torch.load_array', 'torch.nn.functional', 'mlm_positions', 'TransformerEncoder'];
const URL = 'https://github.com/d2l-ai/d2l-zh/blob/master/chapter_preface/index.md';

/** Paragraphs whose long words and code fall at every position of a line. */
function synthetic(): string {
  const paragraphs: string[] = [];
  for (let n = 0; n < 36; n++) {
    const lead = '深度学习模型的训练过程'.repeat(3).slice(0, n);
    const word = WORDS[n % WORDS.length] ?? '';
    const code = CODE[n % CODE.length] ?? '';
    paragraphs.push(`${lead}中的${word}是一个常见的问题，调用函数\`${code}\`可以读取数据集中的小批量样本，而过拟合（${WORDS[(n + 1) % WORDS.length]}）的代价很高。源代码见${URL}。`);
  }
  return `---\ntitle: 连字测试\n---\n${paragraphs.join('\n\n')}\n`;
}

let lines: PdfLine[];
let xhtml: string;
let css: string;

beforeAll(async () => {
  const { dir, chapters } = await d2lProject(await tempDir('hanpress-hyphen-'), { dropDangling: true, chapters: CHAPTERS });
  await writeFile(path.join(dir, 'synthetic.md'), synthetic());
  const meta = parse(await readFile(path.join(dir, 'book.yaml'), 'utf8')) as { contents: { parts: Array<{ chapters: string[] }> } };
  const part = meta.contents.parts[0];
  if (part) part.chapters = [...chapters, 'synthetic.md'];
  await writeFile(path.join(dir, 'book.yaml'), stringify(meta));
  await writeFile(path.join(dir, 'design.yaml'), 'kind: technical\n');
  const { book } = await checkProject(dir);
  if (!book) throw new Error('no book');
  const ctx = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
  const front = deriveFrontPages(book.meta);
  const epubBytes = await writeEpub(book, front, ctx);
  const file = path.join(dir, 'book.epub');
  await writeFile(file, epubBytes);
  const report = await runEpubcheck(file);
  expect(report.counts, formatMessages(report.messages)).toEqual({ fatal: 0, error: 0, warning: 0 });
  const entries = unzipSync(epubBytes);
  const decoder = new TextDecoder();
  xhtml = Object.entries(entries).filter(([name]) => name.endsWith('.xhtml')).map(([, data]) => decoder.decode(data)).join('\n');
  css = Object.entries(entries).filter(([name]) => name.endsWith('.css')).map(([, data]) => decoder.decode(data)).join('\n');
  const bytes = (await writePdf(book, front, ctx)).bytes;
  if (process.env.HANPRESS_DUMP) await writeFile(process.env.HANPRESS_DUMP, bytes);
  lines = await pdfLines(bytes);
}, 240_000);

const isCode = (font: string): boolean => /Mono/i.test(font);

/**
 * A line spread more than ¼ em although the Latin word that opens the next line could have
 * been divided at a point whose head (with its hyphen and the ¼-em gap) fits the line's slack
 * and leaves it spread ¼ em or less. Lines that already end with a divided word are skipped.
 */
function missedDivision(line: PdfLine, next: PdfLine): string | undefined {
  if (/[-/._?&=#]$/.test(pdfLineText(line))) return undefined;
  const spaced = line.runs.filter((r) => r.spacing > 0);
  const size = spaced[0]?.size ?? 0;
  const slack = spaced.reduce((s, r) => s + r.spacing * (Array.from(r.str).length - 1), 0);
  const gaps = slack / (line.spread * size);
  const runs = next.runs.filter((r) => r.str.trim() !== '');
  const first = runs[0];
  if (!first) return undefined;
  // Opening marks before the word stay with its head on the line.
  const lead = /^[（(“‘[]*/u.exec(first.str)?.[0] ?? '';
  let word = first.str.slice(lead.length);
  let advances = first.advances.slice(Array.from(lead).length);
  if (word === '' && runs[1]) {
    word = runs[1].str;
    advances = runs[1].advances;
  }
  const match = /^[\x21-\x7e]+/.exec(word);
  if (!match) return undefined;
  word = match[0];
  const division: Division = isCode(first.font) || isCode(runs[1]?.font ?? '') ? 'marks' : divisionOf(word);
  const leadWidth = first.advances.slice(0, Array.from(lead).length).reduce((a, b) => a + b, 0);
  for (const { at, hyphen } of divisionPoints(word, division)) {
    const head = advances.slice(0, at).reduce((a, b) => a + b, 0) + (hyphen ? 0.35 * size : 0) + leadWidth + 0.26 * size;
    // 0.5 pt of tolerance for the estimated hyphen and gap.
    if (head + 0.5 <= slack && (slack - head) / gaps <= 0.25 * size - 0.5) return `${pdfLineText(line)} | ${pdfLineText(next)} (${word.slice(0, at)}${hyphen ? '-' : ''})`;
  }
  return undefined;
}

describe('hyphenation in the PDF', () => {
  it('no line spreads its ideographs more than a quarter em where a division point exists', () => {
    const missed: string[] = [];
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      if (line.spread <= 0.25 + 0.001 || !next || next.page !== line.page) return;
      const reason = missedDivision(line, next);
      if (reason) missed.push(`p${line.page}: ${reason}`);
    });
    expect(missed).toEqual([]);
  });

  it('prints a hyphen at the end of a hyphenated word', () => {
    // A line ending in letters and a hyphen whose word, joined to the next line's start, is one
    // of the synthetic chapter's words (none has a hyphen of its own).
    const hyphenated = lines.filter((l, i) => {
      const head = /([a-z]+)-$/.exec(pdfLineText(l))?.[1];
      const tail = /^[a-z]+/.exec(pdfLineText(lines[i + 1] ?? l))?.[0];
      return head && tail && WORDS.includes(head + tail) && !isCode(l.runs.at(-1)?.font ?? '');
    });
    expect(hyphenated.length).toBeGreaterThan(5);
    // The word is whole again when the hyphen and the line end are taken out.
    const text = lines.map((l) => pdfLineText(l)).join('\n');
    for (const word of WORDS) expect(text.replace(/-\n/g, '')).toContain(word);
  });

  it('never hyphenates inline code or URLs', () => {
    const codeEnds = lines.map((l) => l.runs.at(-1)).filter((r) => r && isCode(r.font));
    for (const run of codeEnds) expect(run?.str).not.toMatch(/[A-Za-z0-9]-$/);
    const code = lines.flatMap((l) => l.runs.filter((r) => isCode(r.font)).map((r) => r.str)).join('');
    for (const c of CODE) expect(code).toContain(c);
    const text = lines.map((l) => pdfLineText(l)).join('');
    expect(text.replace(/\s/g, '')).toContain(URL);
  });
});

describe('hyphenation in the EPUB', () => {
  const english = (): string[] => Array.from(xhtml.matchAll(/<span lang="en" xml:lang="en">([^<]*)<\/span>/g), (m) => m[1] ?? '');

  it('marks English words for the reader to hyphenate', () => {
    const marked = english();
    for (const word of WORDS) expect(marked.some((m) => m.includes(word)), word).toBe(true);
    expect(marked).toContain('supervised learning');
    expect(css).toMatch(/:lang\(en\)\s*\{\s*hyphens: auto;/);
  });

  it('never marks code, URLs, numbers or acronyms', () => {
    for (const run of english()) {
      expect(run).not.toMatch(/[/_@]|\d|^[A-Z]+$/);
    }
    expect(xhtml).toContain(`<code>${CODE[0]}</code>`);
    expect(css).toMatch(/code, pre \{[^}]*hyphens: manual;/);
  });
});
