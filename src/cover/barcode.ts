/**
 * The EAN-13 bar code of the ISBN (GS1 General Specifications §5.2): bwip-js encodes the
 * digits into bar and space widths in modules; we draw them as filled rectangles, so the bars
 * are vectors in K only. Size: magnification 90 % of the nominal 0.33 mm module (GS1 allows
 * 80–200 %), bar height 22.85 mm × 90 %, guard bars 5 modules longer, quiet zones of 11
 * modules on the left and 7 on the right, human-readable digits under the bars with the first
 * digit in the left quiet zone.
 */
import { createRequire } from 'node:module';
import { mm } from './units.js';

const require = createRequire(import.meta.url);

interface BwipRaw {
  sbs: number[];
}

/** The start, centre and end guard patterns are bars 1–2, 15–16 and 29–30 of an EAN-13's 30. */
const GUARD_BARS = new Set([0, 1, 14, 15, 28, 29]);

const bwip = require('bwip-js') as { raw(bcid: string, text: string, opts?: Record<string, unknown>): BwipRaw[] };

export const MAGNIFICATION = 0.9;
export const MODULE_MM = 0.33 * MAGNIFICATION;
export const BAR_HEIGHT_MM = 22.85 * MAGNIFICATION;
export const GUARD_EXTRA_MODULES = 5;
export const LEFT_QUIET_MODULES = 11;
export const RIGHT_QUIET_MODULES = 7;

export interface Bar {
  /** Left edge from the symbol's left quiet-zone edge, in points. */
  x: number;
  width: number;
  /** A guard bar reaches GUARD_EXTRA_MODULES below the others. */
  guard: boolean;
}

export interface Ean13 {
  digits: string;
  bars: Bar[];
  module: number;
  /** Symbol width including both quiet zones, points. */
  width: number;
  barHeight: number;
  guardHeight: number;
  /** Human-readable digits: the first, then two groups of six, with where each group is centred. */
  groups: Array<{ text: string; centre: number }>;
}

/** The 13 digits of an ISBN-13 (hyphens and spaces dropped). */
export function isbnDigits(isbn: string): string {
  const digits = isbn.replace(/[^0-9]/g, '');
  if (digits.length !== 13) throw new Error(`internal: an ISBN-13 has 13 digits, not ${digits.length} (${isbn})`);
  return digits;
}

export function ean13(isbn: string): Ean13 {
  const digits = isbnDigits(isbn);
  const raw = bwip.raw('ean13', digits)[0];
  if (raw?.sbs.length !== 59) throw new Error('internal: bwip-js gave no EAN-13 encoding of 30 bars');
  const module = mm(MODULE_MM);
  const bars: Bar[] = [];
  let x = LEFT_QUIET_MODULES * module;
  raw.sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar … starting with a bar.
    if (i % 2 === 0) bars.push({ x, width: w * module, guard: GUARD_BARS.has(i / 2) });
    x += w * module;
  });
  const start = LEFT_QUIET_MODULES * module;
  return {
    digits,
    bars,
    module,
    width: (LEFT_QUIET_MODULES + 95 + RIGHT_QUIET_MODULES) * module,
    barHeight: mm(BAR_HEIGHT_MM),
    guardHeight: mm(BAR_HEIGHT_MM) + GUARD_EXTRA_MODULES * module,
    groups: [
      { text: digits.slice(0, 1), centre: start - 4 * module },
      { text: digits.slice(1, 7), centre: start + (3 + 21) * module },
      { text: digits.slice(7), centre: start + (3 + 42 + 5 + 21) * module },
    ],
  };
}
