/**
 * The novel preset on chapters of 水浒传 (../shared/corpus/shuihuzhuan, read in place) on 正32开,
 * where the longer 回目 do not fit one line: built to PDF and EPUB and read back.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../src/pipeline/check.js';
import { splitCouplet } from '../src/kinds/couplet.js';
import { allChapters } from '../src/model/book.js';
import { buildBoth, lineString, runLines, type BuiltBook } from './helpers/built.js';
import { formatMessages } from './helpers/epubcheck.js';
import { novelProject } from './helpers/novel.js';
import { squash } from './helpers/pdf.js';

let built: BuiltBook;
beforeAll(async () => {
  // 楔子, 第一回, two titles with doubled spaces (22, 109), the longest 回目 (26) and one with ASCII spaces (51).
  built = await novelProject([0, 1, 22, 26, 51, 109]).then((dir) => buildBoth(dir));
}, 600_000);

const TITLE = 16;
const LABEL = 14;
const HEAD = 8;

describe('水浒传 with kind: novel', () => {
  it('sets each 回目 as its number over the couplet, broken only between the phrases', () => {
    const chapters = allChapters(built.loaded.book);
    let seen = 0;
    built.runs.forEach((runs, p) => {
      const lines = runLines(runs);
      const label = lines.find((l) => l[0]?.size === LABEL);
      // The title page's responsibility line is 14 pt too.
      if (!label || p < 2) return;
      const chapter = chapters.find((c) => splitCouplet(c.title).label === squash(lineString(label)));
      if (!chapter) throw new Error(`p${p + 1}: ${lineString(label)} names no chapter`);
      const { phrases } = splitCouplet(chapter.title);
      const titleLines = lines.filter((l) => l[0]?.size === TITLE).map((l) => squash(lineString(l)));
      // Each printed line holds whole phrases: all of them, or one.
      expect(titleLines.join(''), chapter.title).toBe(phrases.join(''));
      for (const line of titleLines) expect([phrases.join(''), ...phrases], `p${p + 1}`).toContain(line);
      seen++;
    });
    expect(seen).toBe(6);
    // 第二十六回's couplet (2 × 9 characters) does not fit the 32开 measure at 16 pt: it is on two lines.
    const long = built.runs.flatMap((runs) => runLines(runs).filter((l) => l[0]?.size === TITLE).map((l) => squash(lineString(l))));
    expect(long).toContain('母夜叉孟州道卖人肉');
    expect(long).toContain('武都头十字坡遇张青');
  });

  it('heads every recto with the title of the chapter it is in, spaces collapsed', () => {
    const chapters = allChapters(built.loaded.book);
    let current = '';
    let heads = 0;
    built.runs.forEach((runs, p) => {
      const label = runLines(runs).find((l) => l[0]?.size === LABEL);
      const opened = label && p >= 2 && chapters.find((c) => splitCouplet(c.title).label === squash(lineString(label)));
      if (opened) current = opened.title;
      const head = runs.filter((r) => r.size === HEAD);
      if ((p + 1) % 2 === 0 || head.length === 0 || !current) return;
      heads++;
      expect(squash(head.map((r) => r.str).join('')), `p${p + 1}`).toBe(squash(current));
    });
    expect(heads).toBeGreaterThan(30);
    // Doubled spaces in the source title (第二十二回　　横海郡…) are one in the model and the heads.
    const doubled = chapters.find((c) => c.title.startsWith('第二十二回'));
    expect(doubled?.title).toBe('第二十二回　横海郡柴进留宾　景阳冈武松打虎');
    expect(chapters.find((c) => c.title.startsWith('第五十一回'))?.title).toBe('第五十一回　李逵打死殷天赐　柴进失陷高唐州');
  });

  it('has no editorial-board page for its single author, in either output', () => {
    expect(built.loaded.front.board).toEqual([]);
    const pages = built.runs.map((runs) => squash(runs.map((r) => r.str).join('')));
    expect(pages.filter((t) => t.includes('著：施耐庵') || t === '著施耐庵')).toEqual([]);
    // Title page, copyright page, then the 目录.
    expect(pages[2]?.startsWith('目录') || pages[2]?.startsWith('目　录') || pages[2]?.includes('目录')).toBe(true);
    expect(Object.keys(built.epubFiles).filter((f) => f.includes('board'))).toEqual([]);
  });

  it('lists every □ placeholder of the source as 缺字, at its line and column, and sets it apart', async () => {
    const source = await readFile(path.join(built.loaded.book.root, 'chapters/022.md'), 'utf8');
    const expected = source.split('\n').flatMap((line, i) => [...line.matchAll(/□/g)].map((m) => `chapters/022.md:${i + 1}:${m.index + 1}`));
    expect(expected.length).toBeGreaterThan(3);
    const { diagnostics } = await checkProject(built.loaded.book.root);
    const listed = diagnostics.filter((d) => d.code === 'markdown/missing-char' && d.file === 'chapters/022.md');
    expect(listed.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(expected);
    expect(listed[0]?.message).toMatch(/^缺字: □ holds the place of a character; its note: 【.+】\.$/);
    expect(built.xhtml('ch003')).toContain('<span class="missing-char">□</span><span class="missing-note">【');
  });

  it('writes an EPUB that passes EPUBCheck, each phrase of a 回目 kept whole', () => {
    const report = built.epubcheck;
    expect(report?.counts, formatMessages(report?.messages ?? [])).toEqual({ fatal: 0, error: 0, warning: 0 });
    const ch = built.xhtml('ch004');
    expect(ch).toContain('<h1 class="chapter-title couplet"><span class="title-label">第二十六回</span><br /><span class="title-phrase">母夜叉孟州道卖人肉</span>　<span class="title-phrase">武都头十字坡遇张青</span></h1>');
    const css = new TextDecoder().decode(built.epubFiles['OEBPS/styles/book.css']);
    expect(css).toMatch(/\.couplet \.title-phrase \{\s*display: inline-block;/);
  });
});
