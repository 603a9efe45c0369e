/**
 * The OCR cleaning rules one by one, on short made-up inputs, including the traps the import
 * issue lists: a line ending in a digit that is not a folio, a heading without punctuation, a
 * paragraph that really ends at a page end, a Latin sentence with half-width punctuation.
 */
import { describe, expect, it } from 'vitest';
import { cleanProse, renderMarkdown } from '../src/import/prose.js';
import { normaliseDashes } from '../src/import/rules/dashes.js';
import { removeDigitSpaces } from '../src/import/rules/digit-spaces.js';
import { removeFolios } from '../src/import/rules/folios.js';
import { classifyLine, datedLine } from '../src/import/rules/headings.js';
import { removeLogoMarks } from '../src/import/rules/logo-marks.js';
import { joinPageBreaks, toBlocks } from '../src/import/rules/paragraphs.js';
import { fullWidthPunctuation } from '../src/import/rules/punctuation.js';
import { removeRunningHeads, removeUnmarkedHeads } from '../src/import/rules/running-heads.js';
import { collapseLetterSpacing, ideographicGaps } from '../src/import/rules/spacing.js';
import { splitVolumeMark } from '../src/import/rules/superscript.js';
import { toLines } from '../src/import/types.js';

const text = (lines: { text: string }[]): string[] => lines.map((l) => l.text);

describe('running heads', () => {
  it('removes the book title at a page top whatever volume mark OCR read', () => {
    const r = removeRunningHeads(toLines('正文一\n■ 书名①\n正文二\n■ 书名Ⅱ\n■ 前 言'), '书名');
    expect(text(r.value)).toEqual(['正文一', '正文二', '■ 前 言']);
    expect(r.changes.map((c) => [c.line, c.rule])).toEqual([[2, 'running-head'], [4, 'running-head']]);
    expect(r.changes[0]?.note).toContain('①');
  });

  it('without a known title, only a ■ line that repeats is a running head', () => {
    const r = removeRunningHeads(toLines('■ 书名②\n甲\n■ 书名①\n■ 前 言'));
    expect(text(r.value)).toEqual(['甲', '■ 前 言']);
  });
});

describe('running heads without a ■ (another publisher)', () => {
  const page = [
    '第一章 起源 (1)', // the TOC entry
    '',
    '第一章 起源', // the heading: its first appearance in the text is kept
    '',
    '新中国成立以来，城乡关系经历了从分割到融合的演进过程，大量劳动力流向城',
    '',
    '2',
    '',
    '第一章 起源', // recto head next to the folio
    '',
    '市，差距逐步拉大。',
    '',
    '书名', // verso head: the book title next to a folio
    '',
    '7',
    '',
    '这一段也很长，它在页末没有结束，于是下一页接着写下去，直到',
    '第一章 起源', // a repeat inside an open paragraph, its folio lost
    '句子结束。',
  ].join('\n');

  it('removes the book title and repeated headings next to a folio, never the first appearance of a heading', () => {
    const r = removeUnmarkedHeads(toLines(page), '书名');
    expect(r.changes.map((c) => [c.line, c.note])).toEqual([
      [9, 'running head repeating a heading, next to a folio'],
      [13, 'running head (the book title, next to a folio)'],
      [18, 'running head repeating a heading, inside a paragraph'],
    ]);
    expect(text(r.value)).toContain('第一章 起源');
    expect(r.unsure.map((u) => u.line)).toEqual([18]);
  });

  it('keeps a short line next to a folio that is neither the book title nor a repeat', () => {
    const r = removeUnmarkedHeads(toLines('第二章 新篇\n\n12\n\n正文。'), '书名');
    expect(r.changes).toEqual([]);
  });
});

describe('folios', () => {
  it('removes a line that is only a page number', () => {
    const r = removeFolios(toLines('第一段。\n\n006\n\n第二段。'));
    expect(text(r.value)).toEqual(['第一段。', '', '', '第二段。']);
    expect(r.changes).toEqual([{ rule: 'folio', line: 3, before: '006', after: '', note: 'page number' }]);
  });

  it('removes folios with ornaments: · 4 ·, — 12 —', () => {
    const r = removeFolios(toLines('甲\n· 4 ·\n— 12 —\n乙 3'));
    expect(text(r.value)).toEqual(['甲', '乙 3']);
  });

  it('keeps a line that ends in a digit (trap: not a folio)', () => {
    const r = removeFolios(toLines('研究出台了35\n\n项制度文件。\n印 张 28'));
    expect(r.changes).toEqual([]);
    expect(r.value).toHaveLength(4);
  });
});

describe('chapter and 节 headings of a monograph', () => {
  it('classifies 第一章 and 第一节 as headings, not paragraphs to join', () => {
    expect(classifyLine('第一章 乡村振兴的时代背景').kind).toBe('chapter');
    expect(classifyLine('第一节 城乡关系的历史演进').kind).toBe('jie');
    expect(classifyLine('第一节课上，他说了很多。').kind).toBe('paragraph');
  });

  it('nests 一、 under 第一节 and puts a phrase gap in a heading as U+3000', () => {
    const blocks = cleanProse(toLines('第一节 城乡关系\n\n一、历史\n\n正文。')).value;
    expect(renderMarkdown(blocks)).toBe('## 第一节　城乡关系\n\n### 一、历史\n\n正文。\n');
  });
});

describe('logo marks and superscripts', () => {
  it('drops the circled digit a logo was read as and keeps the imprint', () => {
    const r = removeLogoMarks(toLines('② 中国工人出版社\n①号文件'));
    expect(text(r.value)).toEqual(['中国工人出版社', '①号文件']);
    expect(r.changes).toHaveLength(1);
  });

  it('maps ^② after a title to the volume number Ⅱ', () => {
    const r = splitVolumeMark({ no: 3, text: '新的使命和担当^②' });
    expect(r.value).toEqual({ title: '新的使命和担当', volume: 'Ⅱ' });
    expect(r.changes[0]?.line).toBe(3);
    expect(splitVolumeMark({ no: 1, text: '书名' }).value).toEqual({ title: '书名' });
  });
});

describe('page-break joins', () => {
  const join = (source: string): string[] => joinPageBreaks(toBlocks(toLines(source)).value).value.map((b) => b.text);

  it('rejoins a paragraph split by a page break across blank lines', () => {
    expect(join('内涵丰富、思想深刻，系统全面、博大精深，集中体现在以下方面系统全\n\n\n\n面、博大精深。')).toEqual([
      '内涵丰富、思想深刻，系统全面、博大精深，集中体现在以下方面系统全面、博大精深。',
    ]);
  });

  it('rejoins across a removed folio and running head', () => {
    const lines = removeFolios(removeRunningHeads(toLines('各级工会要深刻认识加强党的领导、推进党的建设的极端重要性，各级工会要\n\n006\n\n■ 书名①\n\n按照要求。'), '书名').value);
    const r = joinPageBreaks(toBlocks(lines.value).value);
    expect(r.value.map((b) => b.text)).toEqual(['各级工会要深刻认识加强党的领导、推进党的建设的极端重要性，各级工会要按照要求。']);
    expect(r.changes[0]).toMatchObject({ rule: 'page-join', line: 1 });
  });

  it('keeps a paragraph that really ends at a page end (trap)', () => {
    expect(join('全面深化改革，必须加强党对改革的领导。\n\n\n\n各级工会要深刻认识。')).toHaveLength(2);
  });

  it('never joins a heading that ends without punctuation (trap)', () => {
    const r = joinPageBreaks(toBlocks(toLines('一、强化理论武装、夯实思想基础，坚持用讲话精神引领工会改革创新\n\n党的十八大以来。')).value);
    expect(r.value.map((b) => b.kind)).toEqual(['section', 'paragraph']);
  });

  it('never joins list items, and reports a short open line instead of joining it', () => {
    expect(join('1. 第一项内容很长很长很长很长很长很长很长很长\n\n继续。')).toHaveLength(2);
    const r = joinPageBreaks(toBlocks(toLines('李玉赋\n\n正文。')).value);
    expect(r.value).toHaveLength(2);
    expect(r.unsure[0]?.line).toBe(1);
  });
});

describe('punctuation', () => {
  it('turns half-width marks between Chinese characters full-width', () => {
    expect(fullWidthPunctuation('装订错误, 请与本社联系: 电话', 1).value).toBe('装订错误，请与本社联系：电话');
    expect(fullWidthPunctuation('讲话(节选)', 1).value).toBe('讲话（节选）');
    expect(fullWidthPunctuation('会议 (2015年11月11日) 召开', 1).value).toBe('会议（2015年11月11日）召开');
  });

  it('leaves a Latin sentence, numbers, URLs, ISBNs and CIP lines alone (trap)', () => {
    for (const s of [
      'Hello, world: this (really) works; ok?',
      '价格 1,000.50 元',
      '网址 http://www.wp-china.com:8080/a,b',
      'ISBN 978-7-5008-6790-6',
      '中国版本图书馆CIP数据核字 (2017) 第204165号',
    ]) {
      const r = fullWidthPunctuation(s, 1);
      expect(r.value).toBe(s);
      expect(r.changes).toEqual([]);
    }
  });
});

describe('digit spaces, dashes, spacing', () => {
  it('removes OCR spaces between Chinese characters and digits', () => {
    expect(removeDigitSpaces('在 2017 年 8 月 29 日召开', 1).value).toBe('在2017年8月29日召开');
    expect(removeDigitSpaces('ISO 9001 and 2017 12', 1).value).toBe('ISO 9001 and 2017 12');
  });

  it('normalises dash runs but keeps ranges and CIP-style chains', () => {
    expect(normaliseDashes('—中国工会改革创新实录', 1).value).toBe('——中国工会改革创新实录');
    expect(normaliseDashes('他说———好', 1).value).toBe('他说——好');
    expect(normaliseDashes('2015—2017', 1).changes).toEqual([]);
    expect(normaliseDashes('——已经是两个', 1).changes).toEqual([]);
  });

  it('collapses letter-spaced labels and keeps phrase gaps as U+3000', () => {
    expect(collapseLetterSpacing('前 言', 78).value).toBe('前言');
    expect(collapseLetterSpacing('高度重视 科学指导', 1).changes).toEqual([]);
    expect(ideographicGaps('高度重视 科学指导')).toBe('高度重视\u3000科学指导');
  });
});

describe('headings', () => {
  it('recognises parts, sections, front titles and dated lines', () => {
    expect(classifyLine('第一编 高度重视 科学指导').kind).toBe('part');
    expect(classifyLine('一、强化理论武装').kind).toBe('section');
    expect(classifyLine('（一）充分认识重要意义').kind).toBe('subsection');
    expect(classifyLine('一、这是一个完整的句子。').kind).toBe('list-item');
    expect(classifyLine('■ 前 言')).toEqual({ kind: 'front-title', text: '前 言' });
    expect(classifyLine('## 一、已经是标题')).toEqual({ kind: 'section', text: '一、已经是标题' });
    expect(datedLine('（2015年11月11日）')).toBe('2015年11月11日');
    expect(datedLine('(2017年8月26日新闻稿)')).toBe('2017年8月26日新闻稿');
  });
});

describe('idempotence', () => {
  it('already clean Markdown-like text comes back unchanged, with no change records', () => {
    const clean = '## 一、强化理论武装、夯实思想基础\n\n党的十八大以来，系统全面、博大精深，集中体现在以下方面。\n\n### （一）小节\n\n习近平总书记在2017年8月29日召开的会议上强调，要继续高举改革旗帜。\n\n（作者系全国总工会党组书记）\n';
    const r = cleanProse(toLines(clean));
    expect(r.changes).toEqual([]);
    expect(renderMarkdown(r.value)).toBe(clean);
  });
});
