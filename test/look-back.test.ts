/**
 * 齐底 by looking back: a page whose widow no paragraph on it can take is filled by setting a
 * paragraph on the page before one line longer, and the section is paginated again. Synthetic
 * paragraphs (a grid of four lines, lines of 20 points) keep the arithmetic in view.
 */
import { describe, expect, it } from 'vitest';
import type { Loosening, Para, Section, TextLine } from '../src/typeset/model.js';
import { paginate } from '../src/typeset/paginate.js';
import { loosenAt } from '../src/typeset/text.js';

const WIDTH = 200;
const grid = { lines: 4, pitch: 20, width: WIDTH, bodySize: 10 };
const notes = { size: 8, pitch: 12, ruleSpace: 10, ruleLength: 50, ruleWidth: 0.5 };

function line(text: string, width = WIDTH): TextLine {
  return { runs: [{ x: 0, text, style: { font: 'body', bold: false, size: 10 }, spacing: 0, half: false, width }], size: 10, noteRefs: [] };
}

/** A paragraph of `n` lines that cannot be set any other way. */
function fixed(name: string, n: number): Para {
  return { kind: 'para', inset: 0, blockIndex: name.charCodeAt(0) - 'A'.charCodeAt(0), lines: Array.from({ length: n }, (_, i) => line(`${name}${i}行文字`, i === n - 1 ? 120 : WIDTH)) };
}

/** Two lines, or three when set looser (its last line then holds two characters and more). */
function loosenable(name: string): Para {
  const set = (loosen: Loosening): TextLine[] => (loosenAt(loosen, 0) > 0 ? [line(`${name}0行`), line(`${name}1行`), line(`${name}2末行`, 60)] : [line(`${name}0行`), line(`${name}1末行`, 190)]);
  return { kind: 'para', inset: 0, lines: set(0), loosen: 0, recompose: set };
}

function section(items: Para[]): Section {
  return { kind: 'text', start: 'page', head: '', chapterId: 'c1', items, notes: new Map() };
}

/** Each page's lines as `paragraph+line` names, in order. */
function pageLines(sections: Section[]): string[][] {
  return paginate(sections, grid, notes).pages.map((page) => page.items.flatMap((i) => (i.kind === 'text' ? [i.line.runs[0]?.text.slice(0, 2) ?? ''] : [])));
}

describe('齐底 by looking back', () => {
  it('fills a page whose widow nothing on it can take by setting a paragraph on the page before looser', () => {
    const items = [loosenable('A'), fixed('B', 1), fixed('C', 1), fixed('D', 1), fixed('E', 1), fixed('F', 1), fixed('G', 2)];
    const result = paginate([section(items)], grid, notes);
    expect(result.unresolvedWidows).toBe(0);
    expect(pageLines([section(items)])).toEqual([
      ['A0', 'A1', 'A2', 'B0'],
      ['C0', 'D0', 'E0', 'F0'],
      ['G0', 'G1'],
    ]);
  });

  it('compresses the marks of a paragraph\'s last lines (标点挤压) only when looking back needs a line fewer', () => {
    // Four lines; three when its two lines before the last are filled 2 em tighter, which only
    // their compressed marks give (，). The tail alone is asked: its first line keeps its own fill.
    const asked: number[][] = [];
    const set = (loosen: Loosening): TextLine[] => {
      asked.push([0, 1, 2, 3].map((i) => loosenAt(loosen, i)));
      return loosenAt(loosen, 0) === 0 && loosenAt(loosen, 1) <= -20 && loosenAt(loosen, 2) <= -20
        ? [line('A0行'), line('A1行'), line('A2末行', 150)]
        : [line('A0行'), line('A1行，甲，乙，丙，丁'), line('A2行，甲，乙，丙，丁'), line('A3末行', 30)];
    };
    const squeezable: Para = { kind: 'para', inset: 0, lines: set(0), loosen: 0, recompose: set };
    const items = [squeezable, fixed('B', 1), fixed('C', 1), fixed('D', 1), fixed('E', 2)];
    const result = paginate([section(items)], grid, notes);
    expect(result.unresolvedWidows).toBe(0);
    expect(pageLines([section(items)])).toEqual([
      ['A0', 'A1', 'A2', 'B0'],
      ['C0', 'D0', 'E0', 'E1'],
    ]);
    // Widow control's own tightening stays within an em for every line.
    expect(asked.some((fills) => fills.every((f) => f >= -10))).toBe(true);
  });

  it('leaves the page short, and says so, when nothing before it can be set another way', () => {
    const items = [fixed('A', 2), fixed('B', 1), fixed('C', 1), fixed('D', 1), fixed('E', 1), fixed('F', 1), fixed('G', 2)];
    const result = paginate([section(items)], grid, notes);
    expect(result.unresolvedWidows).toBe(1);
    // The editor is told which page, and which paragraph on it a few characters would change.
    expect(result.shortPages).toEqual([{ page: 2, folio: 'ii', advice: { chapterId: 'c1', blockIndex: 3, add: 17 } }]);
    expect(pageLines([section(items)])).toEqual([
      ['A0', 'A1', 'B0', 'C0'],
      ['D0', 'E0', 'F0'],
      ['G0', 'G1'],
    ]);
  });
  it('as a last resort fills the page with the first line of a paragraph of three lines or more (an orphan), and says so', () => {
    const items = [fixed('A', 2), fixed('B', 1), fixed('C', 1), fixed('D', 1), fixed('E', 1), fixed('F', 1), fixed('G', 3)];
    const result = paginate([section(items)], grid, notes);
    expect(result.unresolvedWidows).toBe(0);
    expect(pageLines([section(items)])).toEqual([
      ['A0', 'A1', 'B0', 'C0'],
      ['D0', 'E0', 'F0', 'G0'],
      ['G1', 'G2'],
    ]);
    // The editor is told, with the paragraph on that page a few characters would change.
    expect(result.orphanPages).toEqual([{ page: 2, folio: 'ii', advice: { chapterId: 'c1', blockIndex: 3, add: 17 } }]);
    // A two-line paragraph would leave its last line alone at the next page's head: never.
    const two = paginate([section([...items.slice(0, -1), fixed('G', 2)])], grid, notes);
    expect(two.unresolvedWidows).toBe(1);
    expect(two.orphanPages).toEqual([]);
  });
});
