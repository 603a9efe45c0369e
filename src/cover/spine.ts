/**
 * What the spine says and how big: title, subtitle, responsibility and publisher set
 * vertically, top to bottom, centred on the spine. Ideographs and CJK marks stand upright one
 * em apart (the font's `vert` forms for brackets and dashes); a run of Latin letters or digits
 * lies on its side, reading top to bottom, as mainland spines set them. Pure: the width of a
 * Latin run is measured by the caller.
 */
import { mm } from './units.js';

export type SpineRole = 'title' | 'subtitle' | 'responsibility' | 'publisher';

export interface SpineUnit {
  text: string;
  /** Upright (one em tall) or turned 90° clockwise (as tall as the run is wide). */
  upright: boolean;
  /** Height along the spine, points. */
  advance: number;
}

export interface SpineLine {
  role: SpineRole;
  size: number;
  units: SpineUnit[];
  /** From the trim's top edge to the line's first unit, points. */
  top: number;
  length: number;
}

export interface SpinePlan {
  lines: SpineLine[];
  /** Why something is missing: `narrow` (no text at all), or the roles left out. */
  narrow: boolean;
  dropped: SpineRole[];
  shrunk: boolean;
}

export interface SpineInput {
  width: number;
  height: number;
  /** No text below this width (mm). */
  minimumMm: number;
  title: string;
  subtitle?: string;
  responsibility?: string;
  publisher: string;
  /** Width of a Latin run at a size, points. */
  measure: (text: string, size: number) => number;
}

export const DEFAULT_SPINE_MINIMUM_MM = 5;
/** The title fills at most this share of the spine's width. */
const TITLE_SHARE = 0.62;
const MAX_TITLE_PT = 18;
const MIN_TITLE_PT = 7;
const END_MARGIN_MM = 15;
const SCALE: Record<SpineRole, number> = { title: 1, subtitle: 0.62, responsibility: 0.62, publisher: 0.66 };

const LATIN = /[\x21-\x7e\u00a0-\u024f]+/y;

export function spineUnits(text: string, size: number, measure: SpineInput['measure']): SpineUnit[] {
  const units: SpineUnit[] = [];
  let i = 0;
  while (i < text.length) {
    LATIN.lastIndex = i;
    const latin = LATIN.exec(text);
    if (latin) {
      units.push({ text: latin[0], upright: false, advance: measure(latin[0], size) });
      i += latin[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0x3000);
    units.push({ text: ch, upright: true, advance: size });
    i += ch.length;
  }
  return units;
}

function lineOf(role: SpineRole, text: string, titleSize: number, measure: SpineInput['measure']): Omit<SpineLine, 'top'> {
  const size = titleSize * SCALE[role];
  const units = spineUnits(text, size, measure);
  return { role, size, units, length: units.reduce((sum, u) => sum + u.advance, 0) };
}

/**
 * Title at the head, responsibility under it after a gap, publisher at the foot. When the text
 * does not fit, the subtitle goes first, then the type shrinks down to MIN_TITLE_PT, then the
 * responsibility goes.
 */
export function planSpine(input: SpineInput): SpinePlan {
  if (input.width < mm(input.minimumMm)) return { lines: [], narrow: true, dropped: [], shrunk: false };
  const preferred = Math.min(MAX_TITLE_PT, input.width * TITLE_SHARE);
  const room = input.height - 2 * mm(END_MARGIN_MM);
  const attempts: Array<{ roles: SpineRole[]; size: number }> = [];
  const all: SpineRole[] = ['title', 'subtitle', 'responsibility', 'publisher'];
  const withoutSubtitle: SpineRole[] = ['title', 'responsibility', 'publisher'];
  const sizes: number[] = [];
  for (let size = preferred; size >= MIN_TITLE_PT - 1e-9; size -= 0.5) sizes.push(size);
  for (const size of sizes) attempts.push({ roles: all, size }, { roles: withoutSubtitle, size });
  for (const size of sizes) attempts.push({ roles: ['title', 'publisher'], size });
  // A subtitle is worth keeping only at a size that can be read on a shelf.
  const readable = (roles: SpineRole[], size: number): boolean => !roles.includes('subtitle') || size * SCALE.subtitle >= 6;
  const texts: Record<SpineRole, string | undefined> = {
    title: input.title,
    subtitle: input.subtitle,
    responsibility: input.responsibility,
    publisher: input.publisher,
  };
  for (const { roles, size } of attempts) {
    const present = roles.filter((r) => texts[r]);
    if (!readable(present, size)) continue;
    const lines = present.map((r) => lineOf(r, texts[r] ?? '', size, input.measure));
    const gap = size;
    const total = lines.reduce((sum, l) => sum + l.length, 0) + gap * (lines.length - 1);
    if (total > room) continue;
    const placed: SpineLine[] = [];
    let top = mm(END_MARGIN_MM);
    for (const line of lines) {
      if (line.role === 'publisher') {
        placed.push({ ...line, top: input.height - mm(END_MARGIN_MM) - line.length });
        continue;
      }
      placed.push({ ...line, top });
      top += line.length + gap;
    }
    const dropped = all.filter((r) => texts[r] && !roles.includes(r));
    return { lines: placed, narrow: false, dropped, shrunk: size < preferred };
  }
  return { lines: [], narrow: true, dropped: [], shrunk: false };
}
