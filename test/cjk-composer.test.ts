/**
 * The CJK line composer on short made-up inputs, with a fake font (ideographs and full-width
 * marks 10 pt, half-width marks 5 pt, Latin 5 pt, space 2.5 pt) so every width is known.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noEnd, noStart } from '../src/cjk/classes.js';
import { composeParagraph, lineText, renderedWidth, type ComposedLine, type Measure } from '../src/cjk/index.js';
import { createPdfKit } from '../src/print/pdfkit.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';

type Style = { name: string };
const plain: Style = { name: 'plain' };
const bold: Style = { name: 'bold' };

const WIDE = /[\u3000-\u9fff\uff00-\uffef“”‘’—…]/;
let calls = 0;
const measure: Measure<Style> = (text, _style, half) => {
  calls++;
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 2.5 : WIDE.test(ch) ? (half ? 5 : 10) : 5;
  return w;
};

function compose(text: string, width = 100, indent = 0): Array<ComposedLine<Style>> {
  return composeParagraph([{ text, style: plain }], { measure: width, indent }, measure);
}

function texts(lines: Array<ComposedLine<Style>>): string[] {
  return lines.map(lineText);
}

/** The clreq invariants every composed paragraph must keep. */
function expectClreq(lines: Array<ComposedLine<Style>>, width: number): void {
  lines.forEach((line, i) => {
    const t = lineText(line).trim();
    const next = lines[i + 1] ? lineText(lines[i + 1] as ComposedLine<Style>).trim() : '';
    expect(noStart(t[0] ?? ''), `line ${i} starts with ${t[0]}: ${t}`).toBe(false);
    if (i < lines.length - 1) expect(noEnd(t.slice(-1)), `line ${i} ends with ${t.slice(-1)}: ${t}`).toBe(false);
    expect(t.startsWith('…') || t.startsWith('—'), `line ${i} starts a pair: ${t}`).toBe(false);
    if (t.endsWith('—') && next.startsWith('—')) throw new Error(`—— split: ${t} | ${next}`);
    if (t.endsWith('…') && next.startsWith('…')) throw new Error(`…… split: ${t} | ${next}`);
    const w = renderedWidth(line, measure);
    if (!line.last) expect(Math.abs(w - width), `line ${i} width ${w}: ${t}`).toBeLessThan(0.01);
    else expect(w).toBeLessThanOrEqual(width + 0.01);
  });
}

describe('CJK line composer', () => {
  it('fills every line but the last exactly, with the first-line indent', () => {
    const lines = compose('天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳', 100, 20);
    expect(texts(lines)).toEqual(['天地玄黄宇宙洪荒', '日月盈昃辰宿列张寒来', '暑往秋收冬藏闰余成岁', '律吕调阳']);
    expect(lines[0]?.indent).toBe(20);
    expect(lines.at(-1)?.last).toBe(true);
    expectClreq(lines, 100);
  });

  it('never starts a line with a stop or closing mark: the mark is set half-width or pulls a character down', () => {
    // ：「 leave half an em: 。 after 九 fits at half width (推入).
    const squeezed = compose('一二三：「四五六七九。甲乙丙丁');
    expect(texts(squeezed)[0]).toBe('一二三：「四五六七九。');
    expect(squeezed[0]?.segments.at(-1)).toMatchObject({ text: '。', halfWidth: true });
    expectClreq(squeezed, 100);
    // A full line leaves no room: 十 goes down with the stop (推出), 」。 likewise.
    const pushed = compose('一二三四五六七八九十。甲乙丙丁');
    expect(texts(pushed)[0]).toBe('一二三四五六七八九');
    expect(texts(pushed)[1]?.startsWith('十。')).toBe(true);
    expectClreq(pushed, 100);
    expect(texts(compose('一二三四五六七八九十」。甲乙丙丁'))[1]?.startsWith('十」。')).toBe(true);
    expectClreq(pushed, 100);
  });

  it('never ends a line with an opening mark', () => {
    const lines = compose('一二三四五六七八九「十」甲乙丙丁');
    expect(texts(lines)[0]).toBe('一二三四五六七八九');
    expectClreq(lines, 100);
  });

  it('keeps —— whole and off the start of a line', () => {
    for (let n = 5; n <= 12; n++) {
      const lines = compose(`${'字'.repeat(n)}——破折号之后还有一些字，以及更多的字——到此为止。`);
      expectClreq(lines, 100);
      expect(texts(lines).join('')).toContain('——');
    }
  });

  it('keeps …… whole and sets it apart from Latin text, with ¼ em beside the Latin word (APP……)', () => {
    const lines = compose('下载APP……再说', 200);
    const segments = lines[0]?.segments.map((s) => s.text);
    expect(segments).toEqual(['下载', ' ', 'APP', '……', '再说']);
    for (let n = 3; n <= 10; n++) expectClreq(compose(`${'字'.repeat(n)}用APP……再说一遍……好的`), 100);
  });

  it('handles nested quotes 「『』」: squeezed, never split from their text', () => {
    const lines = compose('他说：「『好』，她说。」然后走了', 200);
    const flat = lines.flatMap((l) => l.segments);
    // 「『 loses the space between the two openings, 』， and 。」 the space between the closings.
    expect(flat.find((s) => s.text === '『')?.halfWidth).toBe(true);
    expect(flat.find((s) => s.text === '』')?.halfWidth).toBe(true);
    expect(flat.find((s) => s.text === '。')?.halfWidth).toBe(true);
    expect(flat.find((s) => s.text === '：')?.halfWidth).toBe(true);
    expect(renderedWidth(lines[0] as ComposedLine<Style>, measure)).toBe(140);
    for (let n = 0; n <= 10; n++) expectClreq(compose(`${'字'.repeat(n)}他说：「她说『好』。」然后走了。`), 100);
  });

  it('splits a Latin word longer than the line at the measure', () => {
    const lines = compose('见https://example.com/a/very/long/path/name一文', 100);
    for (const line of lines) expect(renderedWidth(line, measure)).toBeLessThanOrEqual(100.01);
    expect(texts(lines).join('').replace(/ /g, '')).toBe('见https://example.com/a/very/long/path/name一文');
    expectClreq(lines, 100);
  });

  it('keeps a digit range 2015—2017 together and spaces it from ideographs', () => {
    for (let n = 0; n <= 12; n++) {
      const lines = compose(`${'字'.repeat(n)}在2015—2017年间`, 100);
      const t = texts(lines);
      for (let i = 0; i + 1 < t.length; i++) {
        expect(`${t[i]}|${t[i + 1]}`).not.toMatch(/2015\|—|—\|2017/);
      }
      expect(t.join('|')).not.toMatch(/[\u4e00-\u9fff]\d|\d[\u4e00-\u9fff]/);
      expect(t.join('|')).toContain('2015—2017');
    }
  });

  it('puts justification spacing between ideographs only, never in Latin text or ——', () => {
    const lines = compose('汉字Latin word汉字汉字——汉字汉字汉字汉字汉字汉字', 100);
    for (const line of lines) {
      for (const s of line.segments) {
        if (s.spacing !== 0) expect(s.text, `spacing on ${s.text}`).toMatch(/^[\u3000-\u9fff，。：「」『』]+$/);
      }
      if (!line.last) expect(line.segments.at(-1)?.spacing).toBe(0);
    }
    expectClreq(lines, 100);
  });

  it('breaks lines at a forced break and does not justify the line before it', () => {
    const lines = compose('第一行\n第二行');
    expect(texts(lines)).toEqual(['第一行', '第二行']);
    expect(lines[0]?.last).toBe(true);
  });

  it('keeps styles apart: a bold run is its own segment', () => {
    const lines = composeParagraph([{ text: '甲乙', style: plain }, { text: '丙丁', style: bold }], { measure: 100, indent: 0 }, measure);
    expect(lines[0]?.segments.map((s) => [s.text, s.style.name])).toEqual([['甲乙', 'plain'], ['丙丁', 'bold']]);
  });

  it('sets a line more than the close-up allowance over the measure only by compressing its marks (标点挤压)', () => {
    // 10 ideographs to a line; filled 30 pt past it, with 10 pt of closing up allowed.
    const text = '甲乙丙，丁戊己，庚辛壬，癸子丑，寅卯辰。巳午未申酉戌亥天地玄黄宇宙洪荒';
    const tight = composeParagraph([{ text, style: plain }], { measure: 100, indent: 0, fill: 130, tightBase: 10 }, measure);
    const loose = composeParagraph([{ text, style: plain }], { measure: 100, indent: 0, fill: 130 }, measure);
    for (const line of tight.slice(0, -1)) {
      expect(renderedWidth(line, measure)).toBeCloseTo(100, 6);
      const squeezed = line.segments.filter((s) => s.halfWidth).length;
      // Whatever is over by more than 10 pt is taken from marks set half-width (5 pt each).
      expect(line.natural - 100).toBeLessThanOrEqual(10 + 5 * squeezed + 1e-6);
    }
    // A line that is all marks-free ideographs takes no more than the allowance.
    const plainText = '巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏';
    const noMarks = composeParagraph([{ text: plainText, style: plain }], { measure: 100, indent: 0, fill: 130, tightBase: 10 }, measure);
    for (const line of noMarks.slice(0, -1)) expect(lineText(line).length).toBe(11);
    expect(texts(tight).join('')).toBe(text);
    expect(tight.length).toBeLessThan(compose(text).length);
    // Without the allowance the fill alone decides (as before): 13 characters to the line.
    expect(lineText(loose[0] as ComposedLine<Style>).length).toBe(13);
    expect(loose.flatMap((l) => l.segments).some((s) => s.halfWidth && s.text.length === 1 && /[，]/.test(s.text))).toBe(false);
    for (const line of tight.slice(0, -1)) expect(noStart(lineText(line)[0] ?? '')).toBe(false);
  });

  it('closes up a last line that a tighter setting made overrun the measure, and leaves a last line that fits alone', () => {
    // Two lines at their own fill; one when filled 25 pt past the measure: that line is then
    // the last, and it is set to the measure with its marks half-width, not left overrunning.
    const text = '甲乙丙，丁戊己，庚辛壬。';
    expect(texts(compose(text))).toEqual(['甲乙丙，丁戊己，庚辛', '壬。']);
    const pulledUp = composeParagraph([{ text, style: plain }], { measure: 100, indent: 0, fill: 125, tightBase: 10 }, measure);
    expect(texts(pulledUp)).toEqual([text]);
    expect(pulledUp[0]?.last).toBe(true);
    expect(renderedWidth(pulledUp[0] as ComposedLine<Style>, measure)).toBeCloseTo(100, 6);
    expect(pulledUp[0]?.segments.some((s) => s.halfWidth)).toBe(true);
    // A last line shorter than the measure keeps its natural spacing.
    const short = compose('甲乙丙，丁戊己。');
    expect(short[0]?.segments.every((s) => s.spacing === 0)).toBe(true);
    expect(renderedWidth(short[0] as ComposedLine<Style>, measure)).toBeCloseTo(80, 6);
  });

  it('stays linear in paragraph length (measure calls per character do not grow)', () => {
    const chunk = '他说：「今天天气很好，我们去公园散步吧。」她点头同意——于是两人出门了……APP上也说了2015年的事。';
    const perChar = (n: number): number => {
      calls = 0;
      const text = chunk.repeat(n);
      const lines = compose(text, 360, 20);
      expectClreq(lines, 360);
      return calls / text.length;
    };
    const small = perChar(10);
    const large = perChar(80);
    expect(large).toBeLessThan(small * 1.2);
  });
});

// pdfkit (which the cover still draws with) shapes with fontkit independently of the font
// book: an outside reference for the widths the composer and the PDF writer share.
describe('the font book measures as pdfkit does (src/typeset/fonts.ts)', () => {
  const MARKS = Array.from('，。、；：？！（）「」『』“”‘’《》〈〉【】〔〕〖〗［］｛｝　①②');
  const HANZI = Array.from('一天下大事之的了是宋江道鳌𠀀');

  it('gives pdfkit\'s own widths, per code point and for text that needs shaping, on every bundled face', async () => {
    const config = await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript'));
    const book = new FontBook(config);
    const doc = createPdfKit({ size: [400, 400], margin: 0, info: {} });
    for (const [font, bold] of [['body', false], ['body', true], ['heading', false], ['heading', true]] as const) {
      const face = book.face(font, bold);
      doc.registerFont(face.id, face.source.path, face.source.postscriptName).font(face.id).fontSize(10.5);
      const style = { font, bold, size: 10.5 };
      const all = [...MARKS, ...HANZI];
      for (const half of [false, true]) {
        const features = half ? ['halt'] : undefined;
        for (const a of all) {
          for (const b of all) {
            expect(book.measure(a + b, style, half), `${face.id} ${a}${b} ${half}`).toBeCloseTo(doc.widthOfString(a + b, { features }), 9);
          }
        }
        const line = '话说：「大宋仁宗天子在位，」『嘉祐三年』（三月）《三日》五更三点。';
        expect(book.measure(line, style, half)).toBeCloseTo(doc.widthOfString(line, { features }), 9);
      }
      for (const text of ['APP……', '——他说', 'Typst 2015—2017']) {
        expect(book.measure(text, style, false), text).toBeCloseTo(doc.widthOfString(text), 9);
      }
    }
  }, 60_000);
});
