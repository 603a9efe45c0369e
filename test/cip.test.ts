/**
 * Golden text of the generated CIP block and 版本记录 for the sample book, character for
 * character as the printed book has them (GB/T 12451-2001, GB/T 12450).
 */
import { describe, expect, it } from 'vitest';
import { deriveFrontPages, padLabel } from '../src/derive/front-pages.js';
import { loadBook } from './helpers/sample.js';

describe('copyright page text', () => {
  it('generates the CIP block of the sample book', async () => {
    const { book } = await loadBook();
    const { cip } = deriveFrontPages(book.meta).copyright;
    expect([cip.heading, cip.description, cip.isbn, cip.retrieval, cip.number]).toEqual([
      '图书在版编目（CIP）数据',
      '新的使命和担当. Ⅱ, 中国工会改革创新实录: 2015-2017 / 李玉赋主编. —北京: 中国工人出版社, 2017.8',
      'ISBN 978-7-5008-6790-6',
      'Ⅰ. ①新…　Ⅱ. ①李…　Ⅲ. ①工会工作—体制改革—中国—2015-2017　Ⅳ. ①D412.6',
      '中国版本图书馆CIP数据核字（2017）第204165号',
    ]);
  });

  it('generates the GB/T 12451-2023 form: ISBN in the description, class number only', async () => {
    const { book } = await loadBook();
    const meta = {
      ...book.meta,
      cip: { ...book.meta.cip, profile: '2023' as const, publicationDate: '2024-05', number: '中国国家版本馆CIP数据核字第2024SZ1581号' },
    };
    const cip = deriveFrontPages(meta).copyright.cip;
    expect([cip.heading, ...cip.paragraphs]).toEqual([
      '图书在版编目（CIP）数据',
      '新的使命和担当. Ⅱ, 中国工会改革创新实录 : 2015-2017 / 李玉赋主编. -- 北京 : 中国工人出版社, 2024.5. -- ISBN 978-7-5008-6790-6',
      'Ⅰ. D412.6',
      '中国国家版本馆CIP数据核字第2024SZ1581号',
    ]);
    const twoClasses = deriveFrontPages({ ...meta, cip: { ...meta.cip, clc: ['D412.6', 'D669.2'] } }).copyright.cip;
    expect(twoClasses.retrieval).toBe('Ⅰ. ①D412.6 ②D669.2');
  });

  it('lists the 2001 paragraphs in printed order', async () => {
    const { book } = await loadBook();
    const cip = deriveFrontPages(book.meta).copyright.cip;
    expect(cip.paragraphs).toEqual([cip.description, cip.isbn, cip.retrieval, cip.number]);
  });

  it('generates the 版本记录 lines in the seed order', async () => {
    const { book } = await loadBook();
    const page = deriveFrontPages(book.meta).copyright;
    expect(page.titleLine).toBe('新的使命和担当Ⅱ——中国工会改革创新实录（2015—2017）');
    expect(page.records.map((r) => `${r.label}　${r.values.join('\n')}`)).toEqual([
      '出\u2002版\u2002人　茢宗金',
      '责任编辑　杨力',
      '责任校对　赵贵芬',
      '责任印制　栾征宇',
      '出版发行　中国工人出版社',
      '地　　址　北京市东城区鼓楼外大街45号　邮编：100120',
      '网　　址　http://www.wp-china.com',
      '电　　话　（010）62005043（总编室）　（010）62005039（出版物流部）\n（010）62382916（职工教育分社）',
      '发行热线　（010）62005996　（010）82075964（传真）',
      '经　　销　各地书店',
      '印　　刷　北京市密东印刷有限公司',
      '开　　本　700毫米×1000毫米　1/16',
      '印　　张　28',
      '字　　数　400千字',
      '版　　次　2017年9月第1版　2017年9月第1次印刷',
      '定　　价　55.00元',
    ]);
    expect(page.notice).toBe('本书如有破损、缺页、装订错误，请与本社出版物流部联系更换');
    expect(page.rights).toBe('版权所有　侵权必究');
  });

  it('letter-spaces short labels to the width of four characters', () => {
    expect(padLabel('地址')).toBe('地　　址');
    expect(padLabel('出版人')).toBe('出\u2002版\u2002人');
    expect(padLabel('责任编辑')).toBe('责任编辑');
  });

  it('lists the title page and editorial board from the contributors', async () => {
    const { book } = await loadBook();
    const pages = deriveFrontPages(book.meta);
    expect(pages.titlePage).toEqual({
      main: '新的使命和担当',
      partNumber: 'Ⅱ',
      subtitle: '——中国工会改革创新实录（2015—2017）',
      responsibility: ['李玉赋　主编'],
      publisher: '中国工人出版社',
    });
    expect(pages.board).toEqual([
      { role: '主编', names: ['李玉赋'] },
      { role: '副主编', names: ['陈荣书', '李守镇'] },
      { role: '执行副主编', names: ['吕国泉'] },
      { role: '编辑', names: ['王娇萍', '陶志勇'] },
    ]);
  });
});
