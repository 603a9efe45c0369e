/**
 * The book-kind rules as pure functions: presets and their merge order, law ranks and article
 * heads, 回目 couplets, the composer's rule for source spaces, the board page.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, lineText, type Measure } from '../src/cjk/index.js';
import { resolveSpaces } from '../src/cjk/spaces.js';
import { boardOf } from '../src/derive/front-pages.js';
import { splitArticle } from '../src/kinds/article-inlines.js';
import { coupletLines, normaliseTitleSpaces, splitCouplet } from '../src/kinds/couplet.js';
import { articleHead, lawRank } from '../src/kinds/law.js';
import { HOUSE_STRUCTURE, resolveStructure } from '../src/kinds/presets.js';
import { loadDesign, mergeDesign } from '../src/typeset/design.js';

const measure: Measure<null> = (text) => Array.from(text).reduce((w, ch) => w + (/[\x21-\x7e]/.test(ch) ? 5 : ch === ' ' ? 2.5 : 10), 0);
const compose = (text: string, width = 400): string[] => composeParagraph([{ text, style: null }], { measure: width, indent: 0 }, measure).map(lineText);

describe('presets', () => {
  it('lays the kind under the book and the house under the kind, field by field', async () => {
    const house = await loadDesign();
    expect(house.kind).toBe('compilation');
    expect(house.structure).toEqual(HOUSE_STRUCTURE);
    const law = mergeDesign(house, { kind: 'law', styles: { h3: { size: 14 } } });
    expect(law.structure.articleNumbers).toBe(true);
    expect(law.structure.headingRank).toBe('law');
    // The book's own size wins; the rest of the preset's h3 stays.
    expect(law.styles.h3).toMatchObject({ size: 14, align: 'center', font: 'heading' });
    expect(law.styles.body).toEqual(house.styles.body);
    const plainNovel = mergeDesign(house, { kind: 'novel', structure: { rectoHead: 'part' } });
    expect(plainNovel.structure).toMatchObject({ titleBreak: 'couplet', rectoHead: 'part' });
    expect(resolveStructure({ kind: 'technical' }).headingNumbers).toBe(true);
    expect(resolveStructure(undefined)).toEqual(HOUSE_STRUCTURE);
  });
});

describe('law', () => {
  it('ranks headings by their words', () => {
    expect(lawRank('第一编　总则')).toBe(2);
    expect(lawRank('第二分编  典型合同')).toBe(2);
    expect(lawRank('第十三章  保证合同')).toBe(3);
    expect(lawRank('第一节 一般规定')).toBe(4);
    expect(lawRank('附则')).toBeUndefined();
    expect(lawRank('一、基本原则')).toBeUndefined();
  });

  it('finds an article number only when a space separates it from its text', () => {
    expect(articleHead('第一条 为了保护')).toEqual({ number: '第一条', rest: 4 });
    expect(articleHead('第一千二百六十条\t本法自')).toEqual({ number: '第一千二百六十条', rest: 9 });
    expect(articleHead('第一条　为了')?.number).toBe('第一条');
    expect(articleHead('第一条规定的情形')).toBeUndefined();
    expect(splitArticle([{ type: 'text', value: '第二条  民法调整' }, { type: 'strong', children: [] }])).toEqual({
      number: '第二条',
      rest: [{ type: 'text', value: '民法调整' }, { type: 'strong', children: [] }],
    });
  });
});

describe('回目', () => {
  it('splits the number from the couplet and collapses doubled spaces', () => {
    expect(splitCouplet('第二十六回　　母夜叉孟州道卖人肉　武都头十字坡遇张青')).toEqual({ label: '第二十六回', phrases: ['母夜叉孟州道卖人肉', '武都头十字坡遇张青'] });
    expect(splitCouplet('第一百零九回  王庆渡江被捉 宋江剿寇成功')).toEqual({ label: '第一百零九回', phrases: ['王庆渡江被捉', '宋江剿寇成功'] });
    expect(splitCouplet('楔子　张天师祈禳瘟疫　洪太尉误走妖魔').label).toBe('楔子');
    expect(splitCouplet('前言').phrases).toEqual(['前言']);
    expect(normaliseTitleSpaces(' 第五十一回 李逵打死殷天赐  柴进失陷高唐州 ')).toBe('第五十一回　李逵打死殷天赐　柴进失陷高唐州');
  });

  it('breaks only between phrases', () => {
    const ems = (t: string): number => Array.from(t).length;
    expect(coupletLines(['母夜叉孟州道卖人肉', '武都头十字坡遇张青'], 24, ems)).toEqual(['母夜叉孟州道卖人肉　武都头十字坡遇张青']);
    expect(coupletLines(['母夜叉孟州道卖人肉', '武都头十字坡遇张青'], 17, ems)).toEqual(['母夜叉孟州道卖人肉', '武都头十字坡遇张青']);
  });
});

describe('source spaces', () => {
  it('keeps a space between ideographs as one full-width space, in the composer and in titles', () => {
    expect(compose('第一条 为了保护')).toEqual(['第一条　为了保护']);
    expect(compose('床前明月光   疑是地上霜')).toEqual(['床前明月光　疑是地上霜']);
    expect(compose('他说： 好')).toEqual(['他说：好']);
    expect(compose('使用 Python 语言')).toEqual(['使用 Python 语言']);
    expect(compose('deep learning')).toEqual(['deep learning']);
    expect(resolveSpaces('第一章  基本规定')).toBe('第一章　基本规定');
    expect(resolveSpaces('2.1 数据 操作 with  NumPy')).toBe('2.1数据　操作with NumPy');
    expect(resolveSpaces('2.1　数据操作　　NumPy')).toBe('2.1　数据操作　NumPy');
  });

  it('lets a line break at the full-width space, which then vanishes', () => {
    expect(compose('第一条 为了保护', 30)).toEqual(['第一条', '为了保', '护']);
  });
});

describe('board page', () => {
  it('exists only when someone beyond the statement of responsibility is named', () => {
    expect(boardOf([{ name: '施耐庵', role: '著', primary: true }])).toEqual([]);
    expect(boardOf([{ name: '李玉赋', role: '主编', primary: true }, { name: '陈荣书', role: '副主编' }])).toEqual([
      { role: '主编', names: ['李玉赋'] },
      { role: '副主编', names: ['陈荣书'] },
    ]);
  });
});
