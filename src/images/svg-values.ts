/**
 * SVG attribute values the vector conversion reads: lengths, colours and transform lists.
 */
import type { Rgb } from '../typeset/model.js';

/** [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (SVG and PDF order). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** A transform list (`translate(…) scale(…) matrix(…)` …) as one matrix; unknown parts are skipped. */
export function parseTransform(value: string): Matrix {
  let m: Matrix = IDENTITY;
  for (const [, name, args] of value.matchAll(/([a-zA-Z]+)\s*\(([^)]*)\)/g)) {
    const a = (args ?? '').trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (a.some((n) => !Number.isFinite(n))) continue;
    const [p = 0, q, r, s, t, u] = a;
    let next: Matrix | undefined;
    switch (name) {
      case 'matrix':
        if (a.length === 6) next = [p, q ?? 0, r ?? 0, s ?? 0, t ?? 0, u ?? 0];
        break;
      case 'translate':
        next = [1, 0, 0, 1, p, q ?? 0];
        break;
      case 'scale':
        next = [p, 0, 0, q ?? p, 0, 0];
        break;
      case 'rotate': {
        const rad = (p * Math.PI) / 180;
        const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
        const [cx, cy] = [q ?? 0, r ?? 0];
        next = multiply(multiply([1, 0, 0, 1, cx, cy], [cos, sin, -sin, cos, 0, 0]), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'skewX':
        next = [1, 0, Math.tan((p * Math.PI) / 180), 1, 0, 0];
        break;
      case 'skewY':
        next = [1, Math.tan((p * Math.PI) / 180), 0, 1, 0, 0];
        break;
    }
    if (next) m = multiply(m, next);
  }
  return m;
}

const UNITS: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

/** A length in user units (CSS pixels); em and ex against the font size; % unsupported. */
export function parseLength(value: string, fontSize: number): number | undefined {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'em') return n * fontSize;
  if (unit === 'ex') return n * fontSize * 0.5;
  const k = UNITS[unit];
  return k === undefined ? undefined : n * k;
}

const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [1, 1, 1],
  red: [1, 0, 0],
  green: [0, 128 / 255, 0],
  blue: [0, 0, 1],
  yellow: [1, 1, 0],
  gray: [128 / 255, 128 / 255, 128 / 255],
  grey: [128 / 255, 128 / 255, 128 / 255],
  orange: [1, 165 / 255, 0],
  purple: [128 / 255, 0, 128 / 255],
  navy: [0, 0, 128 / 255],
  silver: [192 / 255, 192 / 255, 192 / 255],
};

function channel(part: string): number {
  const p = part.trim();
  const n = Number.parseFloat(p);
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, p.endsWith('%') ? n / 100 : n / 255));
}

export function parseColour(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? Array.from(hex, (c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as unknown as Rgb;
  }
  const rgb = /^rgba?\(([^)]*)\)$/.exec(v)?.[1];
  if (rgb) {
    const parts = rgb.split(/[\s,/]+/).filter(Boolean);
    return [channel(parts[0] ?? '0'), channel(parts[1] ?? '0'), channel(parts[2] ?? '0')];
  }
  return NAMED[v];
}
