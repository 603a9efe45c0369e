/**
 * placeLine (src/typeset/text.ts): a composed line's segments placed at their x offsets, and
 * the page-foot notes the line refers to — each once, in order; a line without any shares one
 * frozen empty list, which nothing may change.
 */
import { describe, expect, it } from 'vitest';
import type { ComposedLine } from '../src/cjk/index.js';
import type { RunStyle } from '../src/typeset/model.js';
import { placeLine } from '../src/typeset/text.js';

const body: RunStyle = { font: 'body', bold: false, size: 10 };
const note = (key: string): RunStyle => ({ ...body, sup: true, noteKey: key });

function line(styles: RunStyle[]): ComposedLine<RunStyle> {
  return { segments: styles.map((style) => ({ text: '天地', style, spacing: 1, halfWidth: false, width: 20 })), indent: 5, last: false, natural: 20 * styles.length };
}

describe('placeLine', () => {
  it('places each segment after the one before, its spacing included', () => {
    const placed = placeLine(line([body, body]), 10);
    expect(placed.runs.map((r) => [r.x, r.width])).toEqual([
      [5, 21],
      [26, 21],
    ]);
  });

  it('lists the notes a line refers to once each, in order', () => {
    expect(placeLine(line([body, note('c1-a'), body, note('c1-b'), note('c1-a')]), 10).noteRefs).toEqual(['c1-a', 'c1-b']);
  });

  it('gives lines without notes one shared list that cannot be changed', () => {
    const a = placeLine(line([body]), 10).noteRefs;
    const b = placeLine(line([body, body]), 10).noteRefs;
    expect(a).toEqual([]);
    expect(a).toBe(b);
    expect(() => (a as string[]).push('c1-x')).toThrow(TypeError);
  });
});
