/**
 * A broken line → segments (one text object each) and full justification. Ideographs and
 * marks of one style go into one segment; the slack is spread as character spacing over the
 * gaps *inside* such segments, so it falls between ideographs only — never inside a Latin word,
 * inside ——/…… (Noto draws —— as one glyph, and PDF character spacing applies per glyph), or
 * into the ¼-em gaps beside Latin text. The line's last unit is a segment of its own without
 * spacing, so the right edge is exact. Widths are re-measured per segment as the renderer will
 * measure them (kerning included), so the line fills the measure to rounding.
 */
import { gapBefore, type LineRange } from './breaker.js';
import type { ComposedLine, Measure, Segment } from './types.js';
import type { Unit } from './units.js';

type Kind = 'spaced' | 'latin' | 'fixed';

interface Draft<S> {
  segment: Segment<S>;
  kind: Kind;
}

function halfHere<S>(u: Unit<S>, k: number, line: LineRange): boolean {
  if (u.kind !== 'punct') return false;
  return u.squeeze === 'next' || (u.squeeze === 'prev' && k > line.start) || (line.endHalf && k === line.end - 1);
}

function kindOf<S>(u: Unit<S>, half: boolean, isLastUnit: boolean): Kind {
  if (half || isLastUnit) return 'fixed';
  if (u.spaceable) return 'spaced';
  if (u.kind === 'latin' || u.kind === 'space') return 'latin';
  return 'fixed';
}

function drafts<S>(units: Array<Unit<S>>, line: LineRange, measure: Measure<S>): Array<Draft<S>> {
  const out: Array<Draft<S>> = [];
  let current: Draft<S> | undefined;
  for (let k = line.start; k < line.end; k++) {
    const u = units[k];
    if (!u) continue;
    const gap = k > line.start ? gapBefore(units, k, measure) : 0;
    if (gap > 0) {
      // The space is set in the face whose space gapBefore chose (the narrower one).
      const prev = units[k - 1] ?? u;
      const style = measure(' ', prev.style, false) <= measure(' ', u.style, false) ? prev.style : u.style;
      out.push({ segment: { text: ' ', style, spacing: 0, halfWidth: false }, kind: 'fixed' });
      current = undefined;
    }
    const half = halfHere(u, k, line);
    const lastUnit = !line.last && k === line.end - 1;
    if (lastUnit && u.kind === 'latin' && u.text.length > 1) {
      // Keep all but the final letter stretchable for the no-ideograph fallback below.
      const chars = Array.from(u.text);
      const head = { ...u, text: chars.slice(0, -1).join('') };
      if (current && current.kind === 'latin' && current.segment.style === u.style) current.segment.text += head.text;
      else out.push({ segment: { text: head.text, style: u.style, spacing: 0, halfWidth: false }, kind: 'latin' });
      current = { segment: { text: chars.at(-1) ?? '', style: u.style, spacing: 0, halfWidth: false }, kind: 'fixed' };
      out.push(current);
      continue;
    }
    const kind = kindOf(u, half, lastUnit);
    if (current && kind !== 'fixed' && current.kind === kind && current.segment.style === u.style) {
      current.segment.text += u.text;
      continue;
    }
    current = { segment: { text: u.text, style: u.style, spacing: 0, halfWidth: half }, kind };
    out.push(current);
  }
  return out;
}

export function justifyLine<S>(units: Array<Unit<S>>, line: LineRange, measure: number, measureText: Measure<S>): ComposedLine<S> {
  const parts = drafts(units, line, measureText);
  let natural = 0;
  const gaps: Record<Kind, number> = { spaced: 0, latin: 0, fixed: 0 };
  for (const { segment, kind } of parts) {
    natural += measureText(segment.text, segment.style, segment.halfWidth);
    gaps[kind] += segment.text.length - 1;
  }
  const slack = measure - line.indent - natural;
  // Between ideographs when there are any; a line of Latin text alone is letter-spaced instead.
  const into: Kind = gaps.spaced > 0 ? 'spaced' : 'latin';
  if (!line.last && gaps[into] > 0) {
    const spacing = slack / gaps[into];
    for (const part of parts) if (part.kind === into && part.segment.text.length > 1) part.segment.spacing = spacing;
  }
  return { segments: parts.map((p) => p.segment), indent: line.indent, last: line.last, natural };
}
