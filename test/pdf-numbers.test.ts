/**
 * Numbers in PDF syntax (src/writers/pdf/syntax.ts num, and the page writer's Bytes.num that
 * writes the same digits into a page's bytes): at most three decimals, no exponent, trailing
 * zeros cut, never "-0" — checked against the definition by toFixed, over edge cases and a
 * few hundred thousand values of every magnitude a page has and beyond.
 */
import { describe, expect, it } from 'vitest';
import { Bytes } from '../src/writers/pdf/page-stream.js';
import { num } from '../src/writers/pdf/syntax.js';

/** The definition: rounded to thousandths, an integer as String gives it, else toFixed(3) without its trailing zeros. */
function reference(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal: PDF number ${n}`);
  const r = Math.round(n * 1000) / 1000;
  if (Object.is(r, -0) || r === 0) return '0';
  if (Number.isInteger(r)) return String(r);
  return r.toFixed(3).replace(/0+$/, '');
}

function written(n: number): string {
  const out = new Bytes(Buffer.alloc(4));
  out.num(n);
  return out.latin1();
}

const EDGES = [0, -0, 1, -1, 0.5, -0.5, 0.0005, -0.0005, 0.0004999, -0.0004999, 0.0015, -0.0015, 1e-9, -1e-9, 0.1 + 0.2, 10.5, 561.491, -12.5, 999.9995, -999.9995, 2147483.647, -2147483.647, 2147483.648, -2147483.648, 1e9, 1e15, 1e21, -1e22, 123456789.0125, Number.MIN_VALUE];

function values(): number[] {
  const out = [...EDGES];
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const scales = [1, 10, 1000, 1e5, 1e7, 3e9];
  for (let i = 0; i < 200_000; i++) out.push((random() - 0.5) * 2 * (scales[i % scales.length] ?? 1));
  for (let m = -20_000; m <= 20_000; m++) out.push(m / 1000, m / 1000 + 0.0005, m / 1000 - 0.0005, m * 0.001);
  return out;
}

describe('PDF numbers', () => {
  it('num writes what the definition by toFixed gives', () => {
    const all = values();
    expect(all.map(num)).toEqual(all.map(reference));
  });

  it('Bytes.num writes num’s characters into the page’s bytes, growing its buffer', () => {
    const all = values();
    expect(all.map(written)).toEqual(all.map(num));
    expect(written(-0.0001)).toBe('0');
    expect(written(-0.5)).toBe('-0.5');
  });

  it('refuses what is not a number', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => num(bad)).toThrow(/PDF number/);
      expect(() => written(bad)).toThrow(/PDF number/);
    }
  });
});
