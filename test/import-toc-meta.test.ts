/**
 * The printed TOC (table and line form) and the CIP / 版本记录 / board pages read into data,
 * on short made-up inputs.
 */
import { describe, expect, it } from 'vitest';
import { buildChapters } from '../src/import/chapters.js';
import { parseBoard } from '../src/import/meta/board.js';
import { fixClc, parseCip } from '../src/import/meta/cip.js';
import { parseColophon, parseNames, parsePhones } from '../src/import/meta/colophon.js';
import { segment } from '../src/import/segment.js';
import { parseTitlePage } from '../src/import/meta/title-page.js';
import { parseToc } from '../src/import/toc/parse.js';
import { findTocRegion } from '../src/import/toc/region.js';
import { cellLine, joinWrapped, shapeTitle, splitLeads } from '../src/import/toc/title-lines.js';
import { ChangeLog, toLines } from '../src/import/types.js';

const TOC = `前言最后一段。

第一编 高度重视 科学指导

| | |
|--|-------|
| 中共中央关于加强和改进党的群团工作的意见 (2015年1月8日) | (005) |
| 习近平对群团改革工作作出重要指示强调 牢牢把握方向 | |

刘云山主持召开座谈会

(2017年8月26日新闻稿) (025)

第二编 加强领导 精心部署

勇于推进改革创新 热诚服务职工群众

——全国总工会负责人就全总改革试点答记者问

(2015年11月25日) (074)

全国总工会改革试点方案系列解读 (083)

(一) 充分认识重要意义 (083)

(二) 准确把握总体要求 (086)`;

describe('printed TOC', () => {
  it('finds the region from the first part heading to the last page reference', () => {
    const lines = toLines(TOC);
    const region = findTocRegion(lines);
    expect(lines[region?.start ?? -1]?.text).toBe('第一编 高度重视 科学指导');
    expect(region?.end).toBe(lines.length);
  });

  it('reads parts, articles, dates, pages and sections in both forms', () => {
    const r = parseToc(toLines(TOC).slice(2));
    const [one, two] = r.value;
    expect(one).toMatchObject({ label: '第一编', title: '高度重视\u3000科学指导' });
    expect(one?.articles.map((a) => [a.date, a.page])).toEqual([['2015年1月8日', 5], ['2017年8月26日新闻稿', 25]]);
    // A row without a page number goes on after the page break.
    expect(one?.articles[1]?.raw.map((x) => x.text)).toEqual(['习近平对群团改革工作作出重要指示强调 牢牢把握方向', '刘云山主持召开座谈会']);
    expect(two?.articles.map((a) => a.page)).toEqual([74, 83]);
    expect(two?.articles[1]?.sections.map((s) => s.title)).toEqual(['（一）充分认识重要意义', '（二）准确把握总体要求']);
    expect(r.unsure).toEqual([]);
  });

  it('reports page numbers that go backwards', () => {
    const r = parseToc(toLines('第一编 甲乙\n\n文章一 (010)\n\n文章二 (008)'));
    expect(r.unsure.map((u) => u.line)).toEqual([5]);
  });

  it('splits chapters from text after the TOC and reports entries without text', () => {
    const toc = parseToc(toLines('第一编 甲乙\n\n第一篇文章的标题 (001)\n\n第二篇文章的标题 (005)')).value;
    const body = toLines('第一篇文章的标题\n\n（2015年1月8日）\n\n正文第一段。\n\n正文第二段。').map((l) => ({ ...l, no: l.no + 10 }));
    const r = buildChapters(toc, body);
    expect(r.value.chapters.map((c) => [c.file, c.found, c.body])).toEqual([
      ['chapters/1-01.md', true, '正文第一段。\n\n正文第二段。\n'],
      ['chapters/1-02.md', false, ''],
    ]);
    expect(r.unsure.map((u) => u.message)).toEqual([expect.stringContaining('no text for this TOC entry')]);
  });
});

describe('headline lines', () => {
  it('joins wrapped lines and splits 引题 after 强调', () => {
    expect(joinWrapped(['中华全国总工会关于贯彻落实《中共中央关于加强和改进', '党的群团工作的意见》的实施方案'])).toEqual(['中华全国总工会关于贯彻落实《中共中央关于加强和改进党的群团工作的意见》的实施方案']);
    expect(joinWrapped(['李建国在全总十六届十二次主席会议上强调', '围绕工作主线'])).toHaveLength(2);
    expect(splitLeads(['李建国在河北调研时强调 加强基层工会建设', '发挥桥梁纽带作用'])).toEqual(['李建国在河北调研时强调', '加强基层工会建设 发挥桥梁纽带作用']);
  });

  it('reads a table cell as one printed line', () => {
    expect(cellLine('工会暨“深入推进工会 改革创新”专题')).toBe('工会暨“深入推进工会改革创新”专题');
    expect(cellLine('《甲》 《乙》 主持会议')).toBe('《甲》《乙》 主持会议');
  });

  it('makes a subtitle of a —— line and reports ambiguous table cells', () => {
    const r = shapeTitle([
      { text: '勇于推进改革创新 热诚服务职工群众', table: false, line: 1 },
      { text: '—全国总工会负责人答记者问', table: false, line: 2 },
    ]);
    expect(r.value).toEqual({ title: '勇于推进改革创新\u3000热诚服务职工群众', subtitle: '全国总工会负责人答记者问' });
    expect(shapeTitle([{ text: '甲乙丙丁 戊己庚辛', table: true, line: 9 }]).unsure[0]?.line).toBe(9);
  });
});

describe('CIP, 版本记录, board, title page', () => {
  it('reads the CIP block and flags II for Ⅱ', () => {
    const r = parseCip(toLines(`图书在版编目 (CIP) 数据

书名. II , 分辑名: 2015-2017 / 某某主编.

—北京: 某某出版社, 2017.8

ISBN 978-7-5008-6790-6

I . ①书… II . ①某… III . ①工会工作—中国 ②改革 IV . ①D412.6

中国版本图书馆CIP数据核字 (2017) 第204165号`));
    expect(r.value).toMatchObject({
      main: '书名', partNumber: 'Ⅱ', partName: '分辑名', otherInfo: '2015-2017', place: '北京', publisher: '某某出版社',
      publicationDate: '2017-08', isbn: '978-7-5008-6790-6', subjects: ['工会工作—中国', '改革'], clc: ['D412.6'],
      number: '中国版本图书馆CIP数据核字（2017）第204165号', profile: '2001',
    });
    expect(r.changes.filter((c) => c.rule === 'cataloguing').map((c) => c.after)).toContain('Ⅱ');
  });

  it('fixes and flags CLC numbers where OCR read I/O as 1/0', () => {
    const log = new ChangeLog();
    expect(fixClc('1247.5', 1, log)).toBe('I247.5');
    expect(fixClc('0213', 1, log)).toBe('O213');
    expect(fixClc('D4l2.6', 1, log)).toBe('D412.6');
    expect(fixClc('D412.6', 1, log)).toBe('D412.6');
    expect(log.changes).toHaveLength(3);
    expect(log.unsure).toHaveLength(3);
  });

  it('reads the 版本记录 with letter-spaced labels and continuation lines', () => {
    const r = parseColophon(toLines('书名 II ——分辑名\n\n责任编辑 杨 力\n\n电 话 (010) 62005043 (总编室)\n(010) 62382916 (职工教育分社)\n\n本书如有破损, 请联系更换\n\n版权所有 侵权必究'));
    expect(r.value.fields.责任编辑?.value).toBe('杨 力');
    expect(parsePhones(r.value.fields.电话?.value ?? '')).toEqual([
      { number: '（010）62005043', label: '总编室' },
      { number: '（010）62382916', label: '职工教育分社' },
    ]);
    expect(r.value.notice?.value).toBe('本书如有破损，请联系更换');
    expect(r.value.rights?.value).toBe('版权所有\u3000侵权必究');
  });

  it('reads the board and the title page', () => {
    expect(parseBoard(toLines('副 主 编：陈荣书 李守镇')).value).toEqual([
      { name: '陈荣书', role: '副主编' },
      { name: '李守镇', role: '副主编' },
    ]);
    expect(parseTitlePage(toLines('书名^②\n\n—分辑名（2015—2017）\n\n某某 主编\n\n某某出版社')).value).toMatchObject({
      main: '书名', partNumber: 'Ⅱ', partName: '分辑名', otherInfo: '2015—2017', primary: [{ name: '某某', role: '主编', primary: true }], publisher: '某某出版社',
    });
  });
});

describe('another publisher\'s 版本记录 and TOC', () => {
  it('separates letter-spaced names at a wider gap and flags a name that may be two', () => {
    expect(parseNames('刘 敏  陈 静')).toEqual(['刘敏', '陈静']);
    expect(parseNames('杨 力')).toEqual(['杨力']);
    expect(parseNames('陈荣书 李守镇')).toEqual(['陈荣书', '李守镇']);
    const r = parseColophon(toLines('责任编辑 刘 敏 陈 静'));
    expect(r.unsure.map((u) => u.message)).toEqual(['责任编辑 "刘敏陈静" was read as one letter-spaced name; if it is two names, separate them in book.yaml']);
  });

  it('records fields book.yaml has no place for, flags unknown labels, and never folds them into the field above', () => {
    const r = parseColophon(toLines('责任编辑 赵 雪\n封面设计 张 伟\n美术指导 王 五\n社 址 北京市丰台区莲花池西里7号\n邮 编 100073'));
    expect(r.value.fields['责任编辑']?.value).toBe('赵 雪');
    expect(r.value.fields['地址']?.value).toBe('北京市丰台区莲花池西里7号 邮编: 100073');
    expect(r.changes.map((c) => c.note)).toEqual(['版本记录 field 封面设计: book.yaml has no field for it']);
    expect(r.unsure.map((u) => [u.line, u.message])).toEqual([[3, '版本记录 line "美术指导 王 五" has a label hanpress does not know; not read into book.yaml']]);
  });

  it('ends a 版本记录 without 版权所有 at the next page, not at a 版权所有 in the text', () => {
    const lines = toLines(
      ['书名', '图书在版编目 (CIP) 数据', 'ISBN 978-7-5197-5521-8', '中国版本图书馆CIP数据核字 (2020) 第256789号', '责任编辑 赵 雪', '如有印装质量问题, 请与本社联系调换', '目 录', '第一章 甲 …… 3', '第二章 乙 …… 5', '第一章 甲', '版权所有的书。'].join('\n'),
    );
    const seg = segment(lines);
    expect(seg.colophon.map((l) => l.text)).toEqual(['责任编辑 赵 雪', '如有印装质量问题, 请与本社联系调换']);
    expect(seg.toc.map((l) => l.text)).toEqual(['目 录', '第一章 甲 …… 3', '第二章 乙 …… 5']);
  });

  it('reads dot-leader page numbers, skips the 目录 title and front entries, and nests 第X节 and 一、 under 第X章', () => {
    const r = parseToc(toLines('目 录\n前 言 …… 1\n第一章 基本规定 …………… 3\n第一节 总论 …… 3\n一、立法目的 …… 4\n第二章 自然人 ······ 8'));
    const articles = r.value.flatMap((p) => p.articles);
    expect(articles.map((a) => [a.raw.map((x) => x.text).join(''), a.page, a.sections.map((s) => s.title)])).toEqual([
      ['第一章 基本规定', 3, ['第一节　总论', '一、立法目的']],
      ['第二章 自然人', 8, []],
    ]);
    expect(r.changes.filter((c) => c.rule === 'toc').map((c) => c.before)).toEqual(['目 录', '前 言']);
  });
});
