/**
 * The law preset on the whole 民法典 (../shared/corpus/minfadian, read in place): built to PDF
 * and EPUB and read back. Article numbers in the heading face followed by a full-width space;
 * 编, 分编, 章 and 节 centred, each level at its own size; the EPUB clean and styled the same way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBoth, lineString, runLines, type BuiltBook } from './helpers/built.js';
import { formatMessages } from './helpers/epubcheck.js';
import { minfadianProject } from './helpers/minfadian.js';
import type { FontRun } from './helpers/pdf-fonts.js';

const NUMBER = /^第[一二三四五六七八九十百千零〇两]+条$/;
const BODY = 10.5;

let built: BuiltBook;
beforeAll(async () => {
  built = await buildBoth(await minfadianProject());
}, 600_000);

/** Every printed line with its page, in reading order. */
function allLines(): Array<{ page: number; runs: FontRun[] }> {
  return built.runs.flatMap((runs, p) => runLines(runs).map((line) => ({ page: p + 1, runs: line })));
}

function headingLines(pattern: RegExp): Array<{ page: number; runs: FontRun[] }> {
  return allLines().filter((l) => pattern.test(lineString(l.runs)) && (l.runs[0]?.size ?? 0) > BODY);
}

describe('民法典 with kind: law', () => {
  it('sets every article number in the heading face, followed by a full-width space', () => {
    const articles = allLines().flatMap(({ page, runs }) => {
      // pdfjs may cut a widely spaced run into pieces: the number is the leading heading-face runs.
      const lead = runs.slice(0, Math.max(0, runs.findIndex((r) => !r.font.startsWith('NotoSansSC'))));
      const number = lead.map((r) => r.str).join('').replace(/\s/g, '');
      return NUMBER.test(number) && lead[0]?.size === BODY ? [{ page, number, lead, next: runs[lead.length] }] : [];
    });
    // 民法典 has 1 260 articles; each opens its paragraph.
    expect(articles.length).toBe(1260);
    for (const { page, number, lead, next } of articles) {
      if (!next) throw new Error(`p${page}: ${number} alone on its line`);
      expect(next.font, `p${page} ${next.str}`).toMatch(/^NotoSerifSC/);
      const last = lead.at(-1) as FontRun;
      // The white between 条 and the text: a full-width space (a line set tighter or looser
      // to avoid a 孤字 or widow moves it a little, never closes it).
      const gap = next.x - (last.x + last.width);
      expect(gap, `p${page}: ${number}|${next.str.slice(0, 6)}`).toBeGreaterThan(BODY * 0.8);
      expect(gap).toBeLessThan(BODY * 2);
    }
    // No article number runs into its text anywhere (the bug: 第一条为了…).
    const glued = allLines().filter((l) => /^第[一二三四五六七八九十百千零〇两]+条[^\s\u3000，、的规之]/.test(lineString(l.runs)) && l.runs[0]?.font.startsWith('NotoSerif'));
    expect(glued.map((l) => lineString(l.runs).slice(0, 12))).toEqual([]);
  });

  it('sets 编, 分编, 章 and 节 centred, each level at a size of its own', () => {
    const levels = {
      编: headingLines(/^第[一二三四五六七]编/),
      分编: headingLines(/^第[一二三四]分编/),
      章: headingLines(/^第[一二三四五六七八九十]+章/),
      节: headingLines(/^第[一二三四五六七八九十]+节/),
    };
    const sizes = Object.fromEntries(Object.entries(levels).map(([name, lines]) => {
      expect(lines.length, name).toBeGreaterThan(0);
      const set = new Set(lines.map((l) => l.runs[0]?.size));
      expect(set.size, `${name} in one size`).toBe(1);
      return [name, [...set][0] ?? 0];
    }));
    expect(sizes.编).toBeGreaterThan(sizes.分编 ?? 0);
    expect(sizes.分编).toBeGreaterThan(sizes.章 ?? 0);
    expect(sizes.章).toBeGreaterThan(sizes.节 ?? 0);
    expect(sizes.节).toBeGreaterThan(BODY);
    // 章 at ## (总则) and at ### (合同编) look the same: rank comes from the words.
    expect(levels.章.length).toBeGreaterThan(70);
    // The text block's edges on rectos and versos: where full body lines start and end.
    const edges = [0, 1].map((parity) => {
      const full = built.runs.flatMap((runs, p) => ((p + 1) % 2 === parity ? runLines(runs) : []))
        .filter((l) => l.length === 1 && l[0]?.size === BODY && l[0].font.startsWith('NotoSerif') && Array.from(l[0].str).length > 30)
        .map((l) => l[0] as FontRun);
      const mode = (values: number[]): number => {
        const counts = new Map<number, number>();
        for (const v of values) counts.set(Math.round(v * 10) / 10, (counts.get(Math.round(v * 10) / 10) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
      };
      return { left: Math.min(...full.map((r) => r.x)), right: mode(full.map((r) => r.x + r.width)) };
    });
    for (const lines of Object.values(levels)) {
      for (const { page, runs } of lines) {
        const { left, right } = edges[page % 2] as { left: number; right: number };
        const last = runs.at(-1) as FontRun;
        const centre = ((runs[0]?.x ?? 0) + last.x + last.width) / 2;
        expect(Math.abs(centre - (left + right) / 2), `p${page} ${lineString(runs)}`).toBeLessThan(1);
      }
    }
  });

  it('heads rectos with the 编 the page is in', () => {
    const rectoHeads = built.runs.flatMap((runs, p) => ((p + 1) % 2 === 1 ? runs.filter((r) => r.size === 8).map((r) => r.str) : []));
    expect(rectoHeads.join('|')).toContain('第三编');
  });

  it('writes an EPUB that passes EPUBCheck with the same structure', () => {
    const report = built.epubcheck;
    expect(report?.counts, formatMessages(report?.messages ?? [])).toEqual({ fatal: 0, error: 0, warning: 0 });
    const general = built.xhtml('ch001');
    expect(general).toContain('<p class="article"><span class="article-number">第一条</span>　为了保护');
    expect(general).toMatch(/<h2 [^>]*class="law-zhang"[^>]*>第一章/);
    const contracts = built.xhtml('ch003');
    expect(contracts).toMatch(/<h2 [^>]*class="law-bian"[^>]*>第一分编/);
    expect(contracts).toMatch(/<h3 [^>]*class="law-zhang"[^>]*>第一章/);
    expect(contracts).toMatch(/<h4 [^>]*class="law-jie"[^>]*>第一节/);
  });
});
