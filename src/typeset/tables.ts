/**
 * Table columns exactly as wide as the measure, shared out by the widest text each holds (so a
 * wide table's long column gets the room).
 */
import type { Inline } from '../model/book.js';
import { inlineText } from './text.js';

/** 8 pt on each side between columns, none at the outer edges. */
const INNER_PADDING = 16;
/** No column narrower than this many cell-size ems, even beside a very long one. */
const MIN_COLUMN_EMS = 2;
/** Past this many ems, a cell wraps anyway, so it claims no more. */
const MAX_CLAIM_EMS = 30;

/** Display width in ems: ideographs and full-width forms 1, everything else ½. */
function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 1 : 0.5;
  return n;
}

/** Column widths in points that, with the padding, add up to the measure. */
export function columnWidths(rows: Inline[][][], measure: number, cellSize: number): number[] {
  const columns = Math.max(...rows.map((r) => r.length), 1);
  const claims = Array.from({ length: columns }, (_, c) =>
    Math.min(MAX_CLAIM_EMS, Math.max(MIN_COLUMN_EMS, ...rows.map((r) => ems(inlineText(r[c] ?? []))))),
  );
  const available = measure - INNER_PADDING * (columns - 1);
  const total = claims.reduce((a, b) => a + b, 0);
  const floor = MIN_COLUMN_EMS * cellSize;
  // Shares below the floor are raised to it; the rest is shared out again among the others.
  let widths = claims.map((c) => (available * c) / total);
  const narrow = widths.map((w) => w < floor);
  if (narrow.some(Boolean) && floor * columns <= available) {
    const wideTotal = claims.reduce((sum, c, i) => (narrow[i] ? sum : sum + c), 0);
    const left = available - floor * narrow.filter(Boolean).length;
    widths = claims.map((c, i) => (narrow[i] ? floor : (left * c) / wideTotal));
  }
  return widths;
}
