/**
 * Breaks a headline that does not fit one line into lines of even length, as compositors set
 * display titles: preferably at an ideographic space, never before closing or after opening
 * punctuation, never inside a run of Latin letters or digits. Greedy breaking would
 * otherwise leave one or two characters alone on the last line.
 */

const NO_BREAK_BEFORE = new Set(Array.from('，。、；：？！）》」』〉】”’…—·%'));
const NO_BREAK_AFTER = new Set(Array.from('（《「『〈【“‘'));
const CLOSING = new Set(Array.from('》」』〉】）”，、；：'));
const NARROW = /[\x20-\x7e]/;

/** Width in ems; Latin and digits count about half an em in the Noto CJK fonts. */
function charWidth(ch: string): number {
  return NARROW.test(ch) ? 0.55 : 1;
}

interface Candidate {
  /** Index of the first character of the next line. */
  at: number;
  /** Width in ems of everything before the break. */
  offset: number;
  /** The break consumes an ideographic space. */
  space: boolean;
  /** A natural break: an ideographic space, a clause end, or either side of a quotation. */
  natural: boolean;
}

export function emsOf(text: string): number {
  return Array.from(text).reduce((sum, ch) => sum + charWidth(ch), 0);
}

export function balanceHeadline(text: string, maxEms: number): string[] {
  const total = emsOf(text);
  if (total <= maxEms) return [text];
  // A preferred (natural) break can leave the last line too long: then try one line more.
  let lines: string[] = [];
  for (let count = Math.ceil(total / maxEms); count <= Array.from(text).length; count++) {
    lines = balanceInto(text, count, maxEms);
    if (lines.every((l) => emsOf(l) <= maxEms)) break;
  }
  return lines;
}

function balanceInto(text: string, count: number, maxEms: number): string[] {
  const chars = Array.from(text);
  const widths = chars.map(charWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  const target = total / count;
  const candidates: Candidate[] = [];
  let offset = 0;
  for (let i = 1; i < chars.length; i++) {
    offset += widths[i - 1] ?? 0;
    const before = chars[i - 1] ?? '';
    const after = chars[i] ?? '';
    if (after === '\u3000') {
      candidates.push({ at: i + 1, offset, space: true, natural: true });
      continue;
    }
    if (before === '\u3000') continue;
    if (NO_BREAK_BEFORE.has(after) || NO_BREAK_AFTER.has(before)) continue;
    if (NARROW.test(before) && NARROW.test(after)) continue;
    candidates.push({ at: i, offset, space: false, natural: CLOSING.has(before) || NO_BREAK_AFTER.has(after) });
  }
  const lines: string[] = [];
  let start = 0;
  let startOffset = 0;
  for (let k = 1; k < count; k++) {
    const ideal = target * k;
    let best: Candidate | undefined;
    let bestScore = Infinity;
    for (const c of candidates) {
      if (c.at <= start || c.offset - startOffset > maxEms) continue;
      // A natural break is worth moving a quarter of a line for.
      const score = Math.abs(c.offset - ideal) - (c.natural ? target / 4 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (!best) break;
    lines.push(chars.slice(start, best.space ? best.at - 1 : best.at).join(''));
    start = best.at;
    startOffset = best.offset + (best.space ? 1 : 0);
  }
  lines.push(chars.slice(start).join(''));
  return lines.filter((l) => l.length > 0);
}
