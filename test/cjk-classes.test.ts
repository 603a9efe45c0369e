/**
 * Character classes of the composer: the table by code point gives each character the class
 * the clreq rules name, and strings that are not one character keep the old unanchored test.
 */
import { describe, expect, it } from 'vitest';
import { charKind, kindOfCodePoint, noEnd, noEndCode, noStart, noStartCode } from '../src/cjk/classes.js';
import { countCharacters } from '../src/validate/manuscript-rules.js';

describe('character classes', () => {
  it('classifies marks, ideographs, Latin and the rest', () => {
    const cases: Array<[string, string]> = [
      ['中', 'cjk'], ['〇', 'cjk'], ['の', 'cjk'], ['한', 'cjk'], ['Ａ', 'cjk'], ['①', 'cjk'], ['·', 'cjk'], ['々', 'cjk'],
      [String.fromCodePoint(0x20000), 'cjk'], [String.fromCodePoint(0x3fffd), 'cjk'], [String.fromCodePoint(0x1f600), 'latin'],
      ['（', 'open'], ['“', 'open'], ['《', 'open'], ['）', 'close'], ['”', 'close'], ['，', 'close'], ['。', 'close'], ['！', 'close'],
      ['—', 'dash'], ['―', 'dash'], ['…', 'ellipsis'], ['⋯', 'ellipsis'], [' ', 'space'], ['\t', 'space'], ['\n', 'break'],
      ['a', 'latin'], ['1', 'latin'], ['(', 'latin'], ['é', 'latin'], ['\u3000', 'cjk'],
    ];
    for (const [ch, kind] of cases) expect(charKind(ch), `${ch} U+${(ch.codePointAt(0) ?? 0).toString(16)}`).toBe(kind);
  });

  it('gives strings of more or less than one character no mark class, wide when any character is', () => {
    expect(charKind('')).toBe('latin');
    expect(charKind('ab')).toBe('latin');
    expect(charKind('a中')).toBe('cjk');
    expect(charKind('，，')).toBe('cjk');
    expect(charKind('——')).toBe('latin');
    expect(noStart('，，')).toBe(false);
    expect(noEnd('（（')).toBe(false);
  });

  it('agrees by code point and by string over the whole BMP', () => {
    for (let cp = 0; cp < 0x10000; cp++) {
      const ch = String.fromCharCode(cp);
      if (kindOfCodePoint(cp) !== charKind(ch) || noStartCode(cp) !== noStart(ch) || noEndCode(cp) !== noEnd(ch)) {
        throw new Error(`U+${cp.toString(16)} differs`);
      }
    }
  });

  it('marks the line-start and line-end prohibitions of clreq', () => {
    for (const ch of Array.from('，。、；：？！）」』”’》〉】〕〗］｝·・々〻ー～〜)]},.;:!?%')) expect(noStart(ch), ch).toBe(true);
    for (const ch of Array.from('（「『“‘《〈【〔〖［｛([{')) expect(noEnd(ch), ch).toBe(true);
    for (const ch of Array.from('中a—…（“')) expect(noStart(ch), ch).toBe(false);
    for (const ch of Array.from('中a—…）”，')) expect(noEnd(ch), ch).toBe(false);
  });
});

describe('字数', () => {
  it('counts code points that are not white space', () => {
    expect(countCharacters('第一回 张天师祈禳瘟疫\u3000洪太尉误走妖魔\n')).toBe(17);
    expect(countCharacters(`a${String.fromCodePoint(0x20000)}b`)).toBe(3);
    // Lone surrogates count one each, also when white space stood between them.
    expect(countCharacters('\ud840 \udc00')).toBe(2);
    expect(countCharacters(' \t\u00a0\u2028\ufeff')).toBe(0);
  });
});
