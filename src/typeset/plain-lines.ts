/**
 * Lines of bibliographic text (the CIP block) set at natural width, without the ¼-em gaps
 * body text gets between ideographs and Latin letters: GB/T 12451 prints the ISBD punctuation
 * exactly as written. Breaks fall only where clreq allows them and never inside a run the
 * caller keeps whole (the area separator ". —" with the word after it).
 */
import { noEnd, noStart } from '../cjk/classes.js';
import type { FontBook } from './fonts.js';
import type { RunStyle, TextLine } from './model.js';

function tokens(text: string, keep: RegExp): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of text.matchAll(new RegExp(keep.source, 'g'))) {
    out.push(...Array.from(text.slice(from, m.index)));
    out.push(m[0]);
    from = m.index + m[0].length;
  }
  out.push(...Array.from(text.slice(from)));
  return out.filter((t) => t.length > 0);
}

const LATIN = /^[\x21-\x7e]$/;

function breakable(before: string, after: string): boolean {
  if (noEnd(before.slice(-1)) || noStart(after[0] ?? '')) return false;
  if (after === ' ' || before === ' ') return true;
  return !(LATIN.test(before.slice(-1)) && LATIN.test(after[0] ?? ''));
}

export function plainLines(text: string, style: RunStyle, measure: number, indent: number, keep: RegExp, fonts: FontBook): TextLine[] {
  const parts = tokens(text, keep);
  const lines: TextLine[] = [];
  let start = 0;
  let first = true;
  while (start < parts.length) {
    const room = measure - (first ? indent : 0);
    let width = 0;
    let end = start;
    let lastBreak = -1;
    while (end < parts.length) {
      const w = fonts.measure(parts[end] ?? '', style, false);
      if (width + w > room + 0.01 && end > start) break;
      width += w;
      end++;
      if (end < parts.length && breakable(parts[end - 1] ?? '', parts[end] ?? '')) lastBreak = end;
    }
    if (end < parts.length && lastBreak > start) end = lastBreak;
    const lineText = parts.slice(start, end).join('').trimEnd();
    const x = first ? indent : 0;
    lines.push({ runs: [{ x, text: lineText, style, spacing: 0, half: false, width: fonts.measure(lineText, style, false) }], size: style.size, noteRefs: [] });
    start = end;
    while (parts[start] === ' ') start++;
    first = false;
  }
  return lines;
}
