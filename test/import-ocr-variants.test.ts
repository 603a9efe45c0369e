/**
 * The OCR import on books other than the sample: two OCR texts written for these tests in the
 * seed's style (test/fixtures/ocr/), each with what the issue found going wrong on another
 * book — a monograph of 第一章/第一节 with a 前言 before a 目录 that lists its sections, recto
 * running heads that repeat the chapter title next to a folio, paragraphs cut by a page turn,
 * a 版本记录 without 出版人 that prints 封面设计; and a casebook in parts with a dot-leader TOC,
 * `· 4 ·` folios, a colophon without 出版人 or 版权所有, 社址 and a 邮编 line. Each project is
 * imported through the CLI, compared with the text, filled where the report says and checked.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkProject } from '../src/pipeline/check.js';
import { main, type Io } from '../src/cli/main.js';
import { splitFrontMatter } from '../src/load/front-matter.js';
import { tempDir } from './helpers/project.js';
import { REPO_ROOT } from './helpers/sample.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/ocr');

async function importFixture(name: string): Promise<{ dir: string; out: string; report: string }> {
  const dir = path.join(await tempDir('hanpress-ocr-'), 'book');
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: REPO_ROOT, env: {} };
  const code = await main(['import', path.join(FIXTURES, name), '--out', dir], io);
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
  return { dir, out: out.join('\n'), report: await readFile(path.join(dir, 'import-report.md'), 'utf8') };
}

async function chapter(dir: string, file: string): Promise<{ fm: Record<string, unknown>; body: string }> {
  const split = splitFrontMatter(await readFile(path.join(dir, file), 'utf8'));
  return { fm: parse(split.frontMatter ?? '') as Record<string, unknown>, body: split.body.trim() };
}

async function bookYaml(dir: string): Promise<Record<string, unknown>> {
  return parse(await readFile(path.join(dir, 'book.yaml'), 'utf8')) as Record<string, unknown>;
}

/** Fills exactly the fields the report lists, then `hanpress check` must pass without a diagnostic. */
async function fillAndCheck(dir: string, fill: Record<string, unknown>): Promise<string[]> {
  const meta = { ...(await bookYaml(dir)), ...fill };
  const parts = (meta.contents as { parts: { label: string; title: string }[] }).parts;
  for (const p of parts) if (p.label === '') Object.assign(p, { label: '第一编', title: '正文' });
  await writeFile(path.join(dir, 'book.yaml'), stringify(meta));
  return (await checkProject(dir)).diagnostics.map((d) => `${d.code} ${d.file ?? ''}:${d.line ?? ''}`);
}

describe('OCR of a monograph with chapters, 节 sections and recto running heads', () => {
  let dir: string;
  let report: string;
  beforeAll(async () => ({ dir, report } = await importFixture('rural-monograph.txt')));

  it('reads a 版本记录 without 出版人, with two letter-spaced editors and a 封面设计 line', async () => {
    const meta = await bookYaml(dir);
    expect(meta).toMatchObject({
      title: { main: '乡村振兴的实践与思考' },
      contributors: [{ name: '王建国', role: '著', primary: true }],
      publisher: { name: '江南大学出版社', place: '无锡', address: '无锡市蠡湖大道1800号', postcode: '214122' },
      isbn: '978-7-5008-7123-1',
      cip: { clc: ['F320.3'], publicationDate: '2021-06' },
      print: { paper: { width: 787, height: 1092 }, fold: 16, sheets: 18.5, kiloCharacters: 280 },
      staff: { editors: ['刘敏', '陈静'], proofreaders: ['孙丽'], production: ['周强'] },
      price: '68.00',
      rights: '版权所有　侵权必究',
    });
    expect((meta.staff as Record<string, unknown>).publisher).toBeUndefined();
    expect(report).toContain('| 21 | metadata | 封面设计 张 伟 | *(removed)* | 版本记录 field 封面设计: book.yaml has no field for it |');
    expect(report).toContain('| 15 | cataloguing | CLC number F3203 written as F320.3: confirm with the CIP data |');
  });

  it('keeps the 前言 as a front section and leaves the 目录 title out of every chapter', async () => {
    const meta = await bookYaml(dir);
    expect(meta.contents).toEqual({ front: ['front/preface.md'], parts: [{ label: '', title: '', chapters: ['chapters/1-01.md', 'chapters/1-02.md'] }] });
    const preface = await chapter(dir, 'front/preface.md');
    expect(preface.fm).toEqual({ kind: 'preface', label: '前言', title: '前言' });
    expect(preface.body).toMatch(/^乡村振兴战略是党的十九大提出的一项重大战略，/);
    expect(report).toMatch(/\| 61 \| toc \| 目 录 \| \*\(removed\)\* \| the TOC title/);
  });

  it('makes each 第X章 a chapter with its 第X节 sections, and keeps the first chapter heading', async () => {
    const first = await chapter(dir, 'chapters/1-01.md');
    expect(first.fm).toEqual({ title: '第一章　乡村振兴的时代背景', part: 1 });
    expect(first.body.match(/^## .*$/gm)).toEqual(['## 第一节　城乡关系的历史演进', '## 第二节　新时代的乡村问题']);
    const second = await chapter(dir, 'chapters/1-02.md');
    expect(second.fm).toEqual({ title: '第二章　产业兴旺的路径', part: 1 });
    expect(second.body.match(/^## .*$/gm)).toEqual(['## 第一节　农业现代化', '## 第二节　乡村新业态']);
  });

  it('removes recto and verso running heads, even inside a paragraph, and rejoins the paragraph', async () => {
    const first = await chapter(dir, 'chapters/1-01.md');
    const second = await chapter(dir, 'chapters/1-02.md');
    expect(first.body).toContain('大量农村劳动力流向城市，城乡之间在收入、公共服务和基础设施等方面的差距又逐步拉大。');
    expect(second.body).toContain('推动农村一二三产业融合发展，让农民更多分享产业增值收益。');
    for (const body of [first.body, second.body]) {
      expect(body).not.toContain('乡村振兴的实践与思考');
      expect(body.replace(/^## .*$/gm, '')).not.toMatch(/第[一二]章/);
    }
    const heads = report.split('\n').filter((l) => /\| running-head \|/.test(l));
    expect(heads.map((l) => l.split('|')[1]?.trim())).toEqual(['85', '95', '113']);
    expect(report).toContain('- Removed: 3 running heads, 3 folios, 1 logo marks');
  });

  it('checks clean once the slug and the part are filled', async () => {
    expect(await fillAndCheck(dir, { slug: 'xiangcun-zhenxing' })).toEqual([]);
  });
});

describe('OCR of a casebook in parts with a dot-leader TOC and a colophon without 版权所有', () => {
  let dir: string;
  let report: string;
  let out: string;
  beforeAll(async () => ({ dir, report, out } = await importFixture('law-casebook.txt')));

  it('ends the 版本记录 at the 目录 and reads 社址, a 邮编 line, 发行电话 and the notice', async () => {
    const meta = await bookYaml(dir);
    expect(meta).toMatchObject({
      title: { main: '民法典释义与案例', otherInfo: '以典型案例为中心' },
      contributors: [
        { name: '张明', role: '编著', primary: true },
        { name: '李华', role: '编著', primary: true },
      ],
      publisher: { name: '法律文化出版社', place: '北京', address: '北京市丰台区莲花池西里7号', postcode: '100073', website: 'http://www.example-law.cn', salesPhones: [{ number: '（010）63939796' }] },
      cip: { clc: ['D923.05'], number: '中国版本图书馆CIP数据核字（2020）第256789号' },
      staff: { editors: ['赵雪'], proofreaders: ['钱程'] },
      notice: '如有印装质量问题，请与本社联系调换',
    });
    expect(meta.rights).toBeUndefined();
    expect(out).toContain('to fill in book.yaml: slug, rights');
    expect(report).toContain('website printed without its scheme');
    expect(report).toMatch(/\| 50 \| metadata \| the 版本记录 has no 版权所有 line; it was taken to end here/);
  });

  it('takes parts from the TOC (letter-spaced titles closed up) and 一、 entries as sections', async () => {
    expect((await bookYaml(dir)).contents).toEqual({
      front: [],
      parts: [
        { label: '第一编', title: '总则', chapters: ['chapters/1-01.md', 'chapters/1-02.md'] },
        { label: '第二编', title: '物权', chapters: ['chapters/2-01.md'] },
      ],
    });
    const first = await chapter(dir, 'chapters/1-01.md');
    expect(first.fm).toEqual({ title: '第一章　基本规定', part: 1 });
    expect(first.body.match(/^## .*$/gm)).toEqual(['## 一、立法目的', '## 二、基本原则']);
  });

  it('removes `· 4 ·` folios and both running heads, rejoins the paragraphs, and keeps part headings out of chapters', async () => {
    const first = await chapter(dir, 'chapters/1-01.md');
    const second = await chapter(dir, 'chapters/1-02.md');
    const third = await chapter(dir, 'chapters/2-01.md');
    expect(first.body).toContain('四倍的部分，不予支持。本案的裁判体现了');
    expect(third.body).toContain('任何组织或者个人不得侵犯。');
    expect(third.fm).toEqual({ title: '第三章　所有权', part: 2 });
    for (const body of [first.body, second.body, third.body]) {
      expect(body).not.toMatch(/民法典释义与案例|第[一二]编|· \d+ ·/);
    }
    expect(report).toContain('- Removed: 2 running heads, 2 folios');
  });

  it('checks clean once the slug and the rights line are filled', async () => {
    expect(await fillAndCheck(dir, { slug: 'minfadian-shiyi', rights: '版权所有　侵权必究' })).toEqual([]);
  });
});
