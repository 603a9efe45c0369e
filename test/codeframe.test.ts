import { describe, expect, it } from 'vitest';
import { codeFrame, displayWidth } from '../src/diagnostics/codeframe.js';

describe('code frames', () => {
  it('counts full-width characters as two columns', () => {
    expect(displayWidth('主编：李玉赋')).toBe(12);
    expect(displayWidth('ISBN 978')).toBe(8);
    expect(displayWidth('　')).toBe(2);
  });

  it('puts the caret under the offending character after Chinese text', () => {
    const frame = codeFrame('title:\n  main: 新的使命和担当\n  role: 主 编\n', 3, 11);
    const lines = frame.split('\n');
    expect(lines).toEqual([
      '  2 |   main: 新的使命和担当',
      '> 3 |   role: 主 编',
      `    | ${' '.repeat(11)}^`,
      '  4 | ',
    ]);
    // The caret sits under 编: "  role: " is 8 columns, 主 two, the space one.
    const caretColumn = (lines[2] ?? '').indexOf('^') - '    | '.length;
    expect(caretColumn).toBe(displayWidth('  role: 主 '));
  });
});
