/**
 * `hanpress import <file.docx>` end to end on Word files the tests make (test/helpers/docx.ts):
 * headings only, notes, tables, images, tracked changes and comments, parts with a 版权页.
 * Each project is imported through the CLI, compared with what the document holds (every
 * heading, footnote and endnote text, table cell and image), filled in where the report says
 * the editor must, checked, built, and its EPUB read back and run through EPUBCheck.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildBook } from '../src/pipeline/build.js';
import { checkProject } from '../src/pipeline/check.js';
import { splitPartTitle } from '../src/import/docx/structure.js';
import { main, type Io } from '../src/cli/main.js';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  h1,
  HeadingLevel,
  h2,
  h3,
  ImageRun,
  InsertedTextRun,
  makeDocx,
  Paragraph,
  p,
  png,
  styled,
  table,
  TextRun,
} from './helpers/docx.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1714521600' };
const decoder = new TextDecoder();

async function run(args: string[], cwd = REPO_ROOT): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: EPOCH };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function importFile(bytes: Uint8Array, name: string, extra: string[] = []): Promise<{ dir: string; result: Awaited<ReturnType<typeof run>> }> {
  const work = await tempDir('hanpress-docx-');
  const file = path.join(work, name);
  await writeFile(file, bytes);
  const dir = path.join(work, 'book');
  return { dir, result: await run(['import', file, '--out', dir, ...extra]) };
}

async function markdownFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const sub of ['front', 'chapters']) {
    const names = await readdir(path.join(dir, sub)).catch(() => [] as string[]);
    for (const n of names.sort()) out.set(`${sub}/${n}`, await readFile(path.join(dir, sub, n), 'utf8'));
  }
  return out;
}

/** Fills what the report asks for from the sample book, as an editor would, and names the parts. */
async function fillIn(dir: string): Promise<void> {
  const file = path.join(dir, 'book.yaml');
  const meta = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const sample = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
  for (const key of ['publisher', 'isbn', 'cip', 'edition', 'print', 'price', 'staff', 'rights']) meta[key] ??= sample[key];
  // 印张 left out: computed from the PDF, as for any new book.
  delete (meta.print as Record<string, unknown>).sheets;
  const contents = meta.contents as { parts: { label: string; title: string }[] };
  contents.parts.forEach((part, i) => {
    if (part.label === '') part.label = `第${'一二三四五'[i]}编`;
    if (part.title === '') part.title = '正文';
  });
  await writeFile(file, stringify(meta));
}

interface Built {
  xhtml: string;
  files: Record<string, Uint8Array>;
  epubcheck: Awaited<ReturnType<typeof runEpubcheck>>;
  diagnostics: string[];
}

async function build(dir: string): Promise<Built> {
  await fillIn(dir);
  // The imported project checks clean once the TODO fields are filled: not even a warning.
  const checked = await checkProject(dir);
  expect(checked.diagnostics.map((d) => `${d.code} ${d.file ?? ''}:${d.line ?? ''} ${d.message}`)).toEqual([]);
  const report = await buildBook({ dir, outDir: await tempDir('hanpress-docx-out-'), env: EPOCH });
  const files = unzipSync(await readFile(report.epub.path));
  const xhtml = Object.entries(files)
    .filter(([name]) => /OEBPS\/text\/.*\.xhtml$/.test(name))
    .map(([, bytes]) => decoder.decode(bytes))
    .join('\n');
  // After the build only the PDF's own page-count notes may remain (print/…), none about the text.
  const diagnostics = report.diagnostics.map((d) => `${d.code} ${d.file ?? ''}:${d.line ?? ''} ${d.message}`);
  expect(diagnostics.filter((d) => !d.startsWith('print/'))).toEqual([]);
  return { xhtml, files, epubcheck: await runEpubcheck(report.epub.path), diagnostics };
}

/** Text of XHTML with tags removed and entities of the writer decoded. */
function text(xhtml: string): string {
  return xhtml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('a manuscript with headings only', () => {
  it('splits chapters at Heading 1, keeps sections, front sections and inline text exactly', async () => {
    const bytes = await makeDocx({
      title: '测试之书',
      creator: '张三',
      paragraphStyles: [{ id: 'Subtitle', name: 'Subtitle' }],
      children: [
        new Paragraph({ text: '测试之书', heading: HeadingLevel.TITLE }),
        p('张三 著'),
        h1('前言'),
        p('写在前面的话。'),
        h1('第一章 起源'),
        p('这是', new TextRun({ text: '“加粗”', bold: true }), '的测试，', new TextRun({ text: '（着重）', italics: true }), '，不间断\u00a0空格与全角\u3000空格都在。'),
        p('第一行', new TextRun({ text: '第二行', break: 1 })),
        h2('一、第一节'),
        p('*星号*、[方括号]与<尖括号>都是字。'),
        h3('（一）小节'),
        p('小节正文。'),
        h1('第二章 发展'),
        styled('Subtitle', '兼论其他'),
        h2('二、第二节'),
        p('详见', new ExternalHyperlink({ link: 'https://example.com/a b', children: [new TextRun('网站')] }), '。'),
      ],
    });
    const { dir, result } = await importFile(bytes, 'headings-only.docx');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('2 chapters in 1 parts');
    const md = await markdownFiles(dir);
    expect([...md.keys()]).toEqual(['front/preface.md', 'chapters/1-01.md', 'chapters/1-02.md']);
    expect(md.get('chapters/1-01.md')).toBe(
      [
        '---',
        'title: 第一章 起源',
        'part: 1',
        '---',
        '',
        '这是**“加粗”**的测试，*（着重）*，不间断\u00a0空格与全角\u3000空格都在。',
        '',
        '第一行\\',
        '第二行',
        '',
        '## 一、第一节',
        '',
        '\\*星号\\*、\\[方括号\\]与\\<尖括号\\>都是字。',
        '',
        '### （一）小节',
        '',
        '小节正文。',
        '',
      ].join('\n'),
    );
    const meta = parse(await readFile(path.join(dir, 'book.yaml'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ slug: 'headings-only', title: { main: '测试之书' }, contributors: [{ name: '张三', role: '著', primary: true }], contents: { front: ['front/preface.md'] } });
    expect(md.get('chapters/1-02.md')).toContain('title: 第二章 发展\nsubtitle: 兼论其他\n');
    expect(md.get('chapters/1-02.md')).toContain('详见[网站](<https://example.com/a%20b>)。');
    const report = await readFile(path.join(dir, 'import-report.md'), 'utf8');
    expect(report).toContain('| ¶1 | title page “测试之书” | book.yaml title, contributors |');
    expect(report).toContain('`contents.parts` in book.yaml');

    const built = await build(dir);
    expect(built.epubcheck.messages).toEqual([]);
    // A space between ideographs in a title prints as one full-width space (docs/kinds.md).
    for (const heading of ['前言', '第一章　起源', '一、第一节', '（一）小节', '第二章　发展', '二、第二节']) expect(text(built.xhtml)).toContain(heading);
    expect(built.xhtml).toContain('<strong>“加粗”</strong>');
    expect(built.xhtml).toContain('<em>（着重）</em>');
    // A hard break starts a line of its own, indented like the paragraph (docs/kinds.md).
    expect(built.xhtml).toContain('<p class="lines"><span class="line">第一行</span><span class="line">第二行</span></p>');
    expect(text(built.xhtml)).toContain('不间断\u00a0空格与全角\u3000空格都在。');
    expect(text(built.xhtml)).toContain('*星号*、[方括号]与<尖括号>都是字。');
    expect(built.xhtml).toContain('<a href="https://example.com/a%20b">网站</a>');
  }, 120_000);
});

describe('a manuscript with footnotes and endnotes', () => {
  it('turns every note into a Markdown footnote with its text intact, in citation order', async () => {
    const bytes = await makeDocx({
      title: '注释之书',
      creator: '李四',
      footnotes: { 1: ['《史记》卷一，第3页。'], 2: ['第一段注文。', '第二段注文，含“引号”。'] },
      endnotes: { 1: ['尾注：见附录。'] },
      children: [
        h1('第一章 有注'),
        p('正文甲', new FootnoteReferenceRun(1), '，正文乙', new EndnoteReferenceRun(1), '。'),
        p('正文丙', new FootnoteReferenceRun(2), '。'),
      ],
    });
    const { dir, result } = await importFile(bytes, 'notes.docx');
    expect(result.code).toBe(0);
    const chapter = (await markdownFiles(dir)).get('chapters/1-01.md') ?? '';
    expect(chapter).toContain('正文甲[^1]，正文乙[^2]。\n\n正文丙[^3]。');
    expect(chapter).toContain('[^1]: 《史记》卷一，第3页。\n\n[^2]: 尾注：见附录。\n\n[^3]: 第一段注文。\n\n    第二段注文，含“引号”。\n');
    const report = await readFile(path.join(dir, 'import-report.md'), 'utf8');
    expect(report).toContain('| ¶2 | footnote 1 | chapters/1-01.md [^1] |\n| ¶2 | endnote 1 | chapters/1-01.md [^2] |\n| ¶3 | footnote 2 | chapters/1-01.md [^3] |');
    const built = await build(dir);
    expect(built.epubcheck.messages).toEqual([]);
    for (const note of ['《史记》卷一，第3页。', '尾注：见附录。', '第一段注文。', '第二段注文，含“引号”。']) expect(text(built.xhtml)).toContain(note);
    expect(built.xhtml.match(/epub:type="footnote"/g)?.length).toBe(3);
  }, 120_000);
});

describe('a manuscript with tables', () => {
  it('writes pipe tables with every cell, and reports a cell of several paragraphs', async () => {
    const bytes = await makeDocx({
      title: '表格之书',
      creator: '王五',
      children: [
        h1('第一章 数据'),
        p('见下表。'),
        table([
          [['地区'], ['人数'], ['备注']],
          [['北京'], ['1,200'], ['含|竖线']],
          [['上海'], ['980'], ['第一段', '第二段']],
        ]),
      ],
    });
    const { dir, result } = await importFile(bytes, 'tables.docx');
    expect(result.code).toBe(0);
    const chapter = (await markdownFiles(dir)).get('chapters/1-01.md') ?? '';
    expect(chapter).toContain('| 地区 | 人数 | 备注 |\n| --- | --- | --- |\n| 北京 | 1,200 | 含\\|竖线 |\n| 上海 | 980 | 第一段\u3000第二段 |');
    expect(await readFile(path.join(dir, 'import-report.md'), 'utf8')).toMatch(/\| ¶\d+ \| a table cell holds several paragraphs/);
    const built = await build(dir);
    expect(built.epubcheck.messages).toEqual([]);
    for (const cell of ['地区', '人数', '备注', '北京', '1,200', '含|竖线', '上海', '980', '第一段\u3000第二段']) expect(built.xhtml).toMatch(new RegExp(`<t[hd][^>]*>${cell.replace(/[|]/g, '\\|')}</t[hd]>`));
  }, 120_000);
});

describe('a manuscript with images', () => {
  it('extracts every image with its alt text and flags the one without', async () => {
    const red = await png(60, 40, [200, 30, 30]);
    const blue = await png(50, 50, [30, 30, 200]);
    const bytes = await makeDocx({
      title: '图片之书',
      creator: '赵六',
      children: [
        h1('第一章 插图'),
        p('图一如下：'),
        p(new ImageRun({ type: 'png', data: red, transformation: { width: 60, height: 40 }, altText: { name: 'red', title: '', description: '红色方块示意图' } })),
        p(new ImageRun({ type: 'png', data: blue, transformation: { width: 50, height: 50 } })),
      ],
    });
    const { dir, result } = await importFile(bytes, 'images.docx');
    expect(result.code).toBe(0);
    expect(result.out).toContain('2 images');
    const chapter = (await markdownFiles(dir)).get('chapters/1-01.md') ?? '';
    const refs = [...chapter.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => [m[1], m[2]]);
    expect(refs.map((r) => r[0])).toEqual(['红色方块示意图', '']);
    const extracted = await Promise.all(refs.map(async ([, src]) => readFile(path.join(dir, 'chapters', src ?? ''))));
    expect(extracted.map((b) => b.equals(red) || b.equals(blue))).toEqual([true, true]);
    expect(await readFile(path.join(dir, 'import-report.md'), 'utf8')).toMatch(/\| ¶\d+ \| image \S+ has no alt text/);
    const built = await build(dir);
    expect(built.epubcheck.messages).toEqual([]);
    expect(built.xhtml).toContain('alt="红色方块示意图"');
    expect(built.xhtml).toContain('alt=""');
    expect(Object.keys(built.files).filter((f) => /OEBPS\/images\//.test(f) && !/cover/.test(f))).toHaveLength(2);
  }, 120_000);
});

describe('a manuscript with tracked changes and comments', () => {
  const date = '2026-11-30T10:00:00.000Z';
  const doc = (): Promise<Uint8Array> =>
    makeDocx({
      title: '修订之书',
      creator: '钱七',
      comments: [{ id: 0, author: '编辑甲', text: '这里要核实。' }],
      children: [
        h1('第一章 修订'),
        p('原有', new InsertedTextRun({ text: '插入的', id: 1, author: '作者乙', date }), new DeletedTextRun({ text: '删掉的', id: 2, author: '作者乙', date }), '文字。'),
        p(new CommentRangeStart(0), '有批注的文字。', new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })),
      ],
    });

  it('refuses by default, lists every change and comment, and writes nothing', async () => {
    const { dir, result } = await importFile(await doc(), 'changes.docx');
    expect(result.code).toBe(1);
    expect(result.err).toContain('error import/tracked-changes');
    expect(result.err).toContain('error import/comments');
    expect(result.err).toContain('paragraph 2: insertion by 作者乙: 插入的');
    expect(result.err).toContain('paragraph 2: deletion by 作者乙: 删掉的');
    expect(result.err).toContain('paragraph 3: comment by 编辑甲: 这里要核实。');
    expect(result.err).toContain('--accept-changes');
    expect(await readdir(dir).catch(() => 'absent')).toBe('absent');
  });

  it('accepts them with --accept-changes and says so in the report', async () => {
    const { dir, result } = await importFile(await doc(), 'changes.docx', ['--accept-changes']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('accepted 2 tracked changes, dropped 1 comments');
    const chapter = (await markdownFiles(dir)).get('chapters/1-01.md') ?? '';
    expect(chapter).toContain('原有插入的文字。\n\n有批注的文字。');
    expect(chapter).not.toContain('删掉的');
    const report = await readFile(path.join(dir, 'import-report.md'), 'utf8');
    expect(report).toContain('| ¶2 | insertion | 作者乙 | 2026-11-30T10:00:00.000Z | 插入的 |');
    expect(report).toContain('| ¶2 | deletion | 作者乙 | 2026-11-30T10:00:00.000Z | 删掉的 |');
    expect(report).toContain('| ¶3 | 编辑甲 | 2026-11-30T10:00:00.000Z | 这里要核实。 |');
  });
});

describe('a manuscript with parts, a 版权页, lists and quotations', () => {
  const copyright = [
    '新的使命和担当',
    '李玉赋 主编',
    '中国工人出版社',
    '图书在版编目（CIP）数据',
    '新的使命和担当 / 李玉赋主编. —北京：中国工人出版社，2017.8',
    'ISBN 978-7-5008-6790-6',
    'Ⅰ. ①新… Ⅱ. ①李… Ⅲ. ①工会工作—中国 Ⅳ. ①D4126',
    '中国版本图书馆CIP数据核字（2017）第204165号',
    '责任编辑 杨力',
    '出版发行 中国工人出版社',
    '开 本 700毫米×1000毫米 1/16',
    '印 张 28',
    '字 数 400千字',
    '版 次 2017年9月第1版 2017年9月第1次印刷',
    '定 价 55.00元',
    '版权所有 侵权必究',
  ];

  it('reads book.yaml from the 版权页, makes parts of 第一编 headings, lists and quotations', async () => {
    const bytes = await makeDocx({
      children: [
        ...copyright.map((t) => p(t)),
        h1('第一编 高度重视'),
        h2('第一篇'),
        p('要点如下：'),
        new Paragraph({ text: '第一条', numbering: { reference: 'decimal', level: 0 } }),
        new Paragraph({ text: '第二条', numbering: { reference: 'decimal', level: 0 } }),
        new Paragraph({ text: '甲项', bullet: { level: 0 } }),
        new Paragraph({ text: '乙项', bullet: { level: 0 } }),
        new Paragraph({ text: '加强领导', numbering: { reference: 'chinese', level: 0 } }),
        new Paragraph({ text: '精心部署', numbering: { reference: 'chinese', level: 0 } }),
        styled('Quote', '引文第一段。'),
        styled('Quote', '引文第二段。'),
        h1('第二编 加强领导'),
        h2('第二篇'),
        p('正文。'),
      ],
    });
    const { dir, result } = await importFile(bytes, 'parts.docx');
    expect(result.code).toBe(0);
    const meta = parse(await readFile(path.join(dir, 'book.yaml'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({
      title: { main: '新的使命和担当' },
      contributors: [{ name: '李玉赋', role: '主编', primary: true }],
      isbn: '978-7-5008-6790-6',
      cip: { clc: ['D412.6'], number: '中国版本图书馆CIP数据核字（2017）第204165号', publicationDate: '2017-08' },
      edition: { number: 1, date: '2017-09' },
      print: { paper: { width: 700, height: 1000 }, fold: 16, sheets: 28, kiloCharacters: 400 },
      price: '55.00',
      staff: { editors: ['杨力'] },
      contents: {
        parts: [
          { label: '第一编', title: '高度重视', chapters: ['chapters/1-01.md'] },
          { label: '第二编', title: '加强领导', chapters: ['chapters/2-01.md'] },
        ],
      },
    });
    const report = await readFile(path.join(dir, 'import-report.md'), 'utf8');
    expect(report).toContain('CLC number D4126 written as D412.6');
    expect(report).toMatch(/\| ¶4 \| 版权页 \(¶4–¶16\)/);
    const chapter = (await markdownFiles(dir)).get('chapters/1-01.md') ?? '';
    expect(chapter).toContain('要点如下：\n\n1. 第一条\n2. 第二条\n\n- 甲项\n- 乙项\n\n一、加强领导\n\n二、精心部署\n\n> 引文第一段。\n>\n> 引文第二段。\n');
    expect(chapter).not.toContain('ISBN');
    const built = await build(dir);
    expect(built.epubcheck.messages).toEqual([]);
    expect(built.xhtml).toMatch(/<ol>\s*<li>\s*<p>第一条<\/p>/);
    expect(built.xhtml).toContain('<blockquote>');
    expect(text(built.xhtml)).toContain('ISBN 978-7-5008-6790-6');
  }, 120_000);

  it('splits chapters at an outline level set on the paragraph itself (WPS), without a heading style', async () => {
    const bytes = await makeDocx({
      title: '大纲之书',
      creator: '周九',
      children: [new Paragraph({ text: '第一章 甲', outlineLevel: 0 }), p('正文甲。'), new Paragraph({ text: '一、小节', outlineLevel: 1 }), p('正文乙。'), new Paragraph({ text: '第二章 乙', outlineLevel: 0 }), p('正文丙。')],
    });
    const { dir, result } = await importFile(bytes, 'outline.docx');
    expect(result.code).toBe(0);
    const md = await markdownFiles(dir);
    expect([...md.keys()]).toEqual(['chapters/1-01.md', 'chapters/1-02.md']);
    expect(md.get('chapters/1-01.md')).toContain('title: 第一章 甲\npart: 1\n---\n\n正文甲。\n\n## 一、小节\n\n正文乙。\n');
  });

  it('splits chapters at a style the user maps, e.g. 章标题, with --style-map', async () => {
    const bytes = await makeDocx({
      title: '样式之书',
      creator: '孙八',
      paragraphStyles: [{ id: 'zhang', name: '章标题' }, { id: 'yinwen', name: '本社引文' }],
      children: [styled('zhang', '第一章 自定'), p('正文一。'), styled('yinwen', '引文。'), styled('zhang', '第二章 样式'), p('正文二。')],
    });
    const work = await tempDir('hanpress-docx-map-');
    await writeFile(path.join(work, 'styles.yaml'), '章标题: chapter\n本社引文: quote\n');
    await writeFile(path.join(work, 'map.docx'), bytes);
    const result = await run(['import', 'map.docx', '--out', 'book', '--style-map', 'styles.yaml'], work);
    expect(result.err).toBe('');
    const md = await markdownFiles(path.join(work, 'book'));
    expect([...md.keys()]).toEqual(['chapters/1-01.md', 'chapters/1-02.md']);
    expect(md.get('chapters/1-01.md')).toContain('title: 第一章 自定');
    expect(md.get('chapters/1-01.md')).toContain('正文一。\n\n> 引文。\n');
    const bad = await run(['import', 'map.docx', '--out', 'other', '--style-map', 'styles.yaml'].map((a) => (a === 'styles.yaml' ? 'bad.yaml' : a)), work);
    expect(bad.code).toBe(1);
  });
});

describe('files that are not Word documents', () => {
  it('names the file and writes nothing', async () => {
    const { dir, result } = await importFile(new TextEncoder().encode('这不是 Word 文件'), 'fake.docx');
    expect(result.code).toBe(1);
    expect(result.err).toContain('error import/not-docx');
    expect(result.err).toContain('fake.docx');
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await readdir(dir).catch(() => 'absent')).toBe('absent');
  });
});

describe('part headings', () => {
  it('reads 第一编, 第二部分, 上篇 and 卷一 as part labels, and anything else as a title without one', () => {
    expect(['第一编 高度重视', '第二部分：实践', '上篇　理论', '卷一 总论', '绪论'].map(splitPartTitle)).toEqual([
      { label: '第一编', title: '高度重视' },
      { label: '第二部分', title: '实践' },
      { label: '上篇', title: '理论' },
      { label: '卷一', title: '总论' },
      { label: '', title: '绪论' },
    ]);
  });
});
