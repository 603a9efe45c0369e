/**
 * Code blocks in print: lines wrapped only when they overflow, after a space or punctuation
 * (inside a token only when there is none), continuations marked; one tinted grid slot per
 * printed line, with space above and below and the first and last two lines kept together.
 */
import { describe, expect, it } from 'vitest';
import { codeFlow, CONTINUATION, wrapCodeLine } from '../src/typeset/code.js';

/** Noto Sans Mono has no ↪: the block falls back to →, a glyph the face has. */
const MARK = '→';
import type { Box } from '../src/typeset/model.js';
import { FontBook } from '../src/typeset/fonts.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { SAMPLE_DIR } from './helpers/sample.js';

/** Every character 1 pt wide: the room is a number of characters. */
const chars = (s: string): number => Array.from(s).length;

describe('wrapCodeLine', () => {
  it('leaves a line that fits as it is', () => {
    expect(wrapCodeLine('x = torch.arange(12)', 40, chars)).toEqual(['x = torch.arange(12)']);
  });

  it('breaks an overflowing line after the last space or punctuation that fits, never inside a token', () => {
    const pieces = wrapCodeLine('result = compute_everything(alpha, beta, gamma)', 30, chars);
    expect(pieces).toEqual(['result = compute_everything(', 'alpha, beta, gamma)']);
    expect(pieces.join('')).toBe('result = compute_everything(alpha, beta, gamma)');
  });

  it('leaves room for the continuation mark on the following pieces', () => {
    const pieces = wrapCodeLine('aaaa bbbb cccc dddd eeee ffff', 10, chars);
    for (const [i, p] of pieces.entries()) expect(chars(p), p).toBeLessThanOrEqual(i === 0 ? 10 : 10 - chars(`${CONTINUATION} `));
    expect(pieces.join('')).toBe('aaaa bbbb cccc dddd eeee ffff');
  });

  it('splits a token longer than the line where the line is full', () => {
    expect(wrapCodeLine('abcdefghijklmnopqrstuvwxyz', 10, chars)).toEqual(['abcdefghij', 'klmnopqr', 'stuvwxyz']);
  });
});

describe('codeFlow', () => {
  it('sets one tinted one-slot box per printed line between gaps, marks continuations, keeps the ends together', async () => {
    const fonts = new FontBook(await loadFontConfig(SAMPLE_DIR));
    const grid = { lines: 30, pitch: 18, width: 120, bodySize: 10.5 };
    const style = { font: 'mono', bold: false, size: 9 };
    const flow = codeFlow('import torch\nx = torch.arange(12).reshape(3, 4).sum(axis=0, keepdims=True)\n\nprint(x)\n', { fonts, grid, style, padding: 5 }, 7);
    expect(flow[0]).toEqual({ kind: 'gap', slots: 1 });
    expect(flow.at(-1)).toEqual({ kind: 'gap', slots: 1 });
    const boxes = flow.slice(1, -1) as Box[];
    expect(boxes.every((b) => b.kind === 'box' && b.slots === 1)).toBe(true);
    expect(boxes.length).toBeGreaterThan(4);
    const texts = boxes.map((b) => b.items.flatMap((i) => (i.kind === 'text' ? i.line.runs.map((r) => r.text) : [])).join(''));
    expect(texts[0]).toBe('import torch');
    expect(fonts.face('mono', false).hasGlyph(MARK.codePointAt(0) ?? 0)).toBe(true);
    expect(texts.filter((t) => t.startsWith(MARK)).length).toBeGreaterThan(0);
    expect(texts.join('').replaceAll(`${MARK} `, '').replace(/\s+/g, '')).toBe('importtorchx=torch.arange(12).reshape(3,4).sum(axis=0,keepdims=True)print(x)');
    // Every line fits the measure inside its padding.
    for (const b of boxes) for (const i of b.items) if (i.kind === 'text') expect(i.x + (i.line.runs.at(-1)?.x ?? 0) + (i.line.runs.at(-1)?.width ?? 0)).toBeLessThanOrEqual(grid.width - 5 + 0.01);
    // The tint covers each slot across the measure, as an artifact.
    for (const b of boxes) expect(b.items.find((i) => i.kind === 'vector')).toMatchObject({ role: 'artifact', x: 0, y: 0, width: 120, height: 18 });
    expect(boxes[0]?.blockIndex).toBe(7);
    expect(boxes.map((b) => b.keepWithNext ?? false)).toEqual(boxes.map((_, i) => i === 0 || i === boxes.length - 2));
  });
});
