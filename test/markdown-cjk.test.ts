/**
 * Emphasis next to Chinese punctuation (`**“加粗”**`, `**《书名》**`, `*（注）*`): CommonMark's
 * flanking rules leave these asterisks in the text; markdown-it-cjk-friendly makes them
 * emphasis. Checked in the model, in the built EPUB (EPUBCheck-clean) and in the built PDF,
 * read back with the font each run is set in.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../src/pipeline/build.js';
import { parseChapterBody } from '../src/markdown/blocks.js';
import type { Inline } from '../src/model/book.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';

const BODY = '这是**“加粗”**的测试，读**《红楼梦》**吧，他*（注）*说，**【按】**与*“强调”*。';

/** Each emphasis or strong node as `strong:text`, in order. */
function marked(inlines: Inline[]): string[] {
  return inlines.flatMap((node) => {
    if (node.type === 'strong' || node.type === 'emphasis') {
      const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      return [`${node.type}:${text}`];
    }
    return 'children' in node ? marked(node.children) : [];
  });
}

const EXPECTED = ['strong:“加粗”', 'strong:《红楼梦》', 'emphasis:（注）', 'strong:【按】', 'emphasis:“强调”'];

describe('the Markdown parser', () => {
  it('makes strong and emphasis of delimiters next to Chinese punctuation', () => {
    const { blocks } = parseChapterBody(`${BODY}\n`, 'x.md', 0, 'ch1');
    const paragraph = blocks[0];
    if (paragraph?.type !== 'paragraph') throw new Error('no paragraph');
    expect(marked(paragraph.children)).toEqual(EXPECTED);
    expect(JSON.stringify(paragraph.children)).not.toMatch(/[*_]/);
  });
});

/** Font name (BaseFont without the subset tag) of every text item of every page. */
async function runsWithFonts(bytes: Uint8Array): Promise<{ str: string; font: string }[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const out: { str: string; font: string }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const font = page.commonObjs.get(item.fontName) as { name?: string };
        out.push({ str: item.str, font: (font.name ?? '').replace(/^[A-Z]{6}\+/, '') });
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

describe('a built book with emphasis next to Chinese punctuation', () => {
  let xhtml = '';
  let pdfRuns: { str: string; font: string }[] = [];
  let epubPath = '';

  beforeAll(async () => {
    const dir = await projectWith({
      'chapters/1-02.md': replaceOnce('本篇正文未收入本样稿', `${BODY}\n\n本篇正文未收入本样稿`),
    });
    const report = await buildBook({ dir, outDir: await tempDir('hanpress-cjk-'), env: { SOURCE_DATE_EPOCH: '1714521600' } });
    epubPath = report.epub.path;
    const epub = unzipSync(await readFile(report.epub.path));
    const chapter = Object.entries(epub).find(([name, bytes]) => name.endsWith('.xhtml') && new TextDecoder().decode(bytes).includes('红楼梦'));
    xhtml = new TextDecoder().decode(chapter?.[1]);
    pdfRuns = await runsWithFonts(new Uint8Array(await readFile(report.pdf.path)));
  }, 120_000);

  it('writes <strong> and <em> into the EPUB, no asterisks, and passes EPUBCheck', async () => {
    for (const piece of ['<strong>“加粗”</strong>', '<strong>《红楼梦》</strong>', '<em>（注）</em>', '<strong>【按】</strong>', '<em>“强调”</em>']) {
      expect(xhtml).toContain(piece);
    }
    expect(xhtml).not.toContain('*');
    expect((await runEpubcheck(epubPath)).messages).toEqual([]);
  }, 120_000);

  it('sets strong in the bold face and emphasis in the body face (着重号 dots: test/kinds-blocks.test.ts) in the PDF, no asterisks', () => {
    const start = pdfRuns.findIndex((r) => r.str.includes('这是'));
    expect(start).toBeGreaterThanOrEqual(0);
    const paragraph = pdfRuns.slice(start, start + 40);
    const text = paragraph.map((r) => r.str).join('');
    expect(text).not.toMatch(/\*/);
    const fontOf = (chars: string): string[] => [...new Set(paragraph.filter((r) => r.str.includes(chars)).map((r) => r.font))];
    expect(fontOf('加粗')).toEqual(['NotoSerifSC-Bold']);
    expect(fontOf('红楼梦')).toEqual(['NotoSerifSC-Bold']);
    expect(fontOf('按')).toEqual(['NotoSerifSC-Bold']);
    expect(fontOf('（注）')).toEqual(['NotoSerifSC-Regular']);
    expect(fontOf('“强调”')).toEqual(['NotoSerifSC-Regular']);
    expect(fontOf('测试')).toEqual(['NotoSerifSC-Regular']);
  });
});
