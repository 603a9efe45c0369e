/**
 * A VectorGraphic (an SVG figure, a formula) as content-stream operators: one `cm` scales the
 * drawing (its own coordinates, y down) into its box on the sheet, then each path is replayed
 * from its M/L/C/Q/Z data (a quadratic segment as the cubic it equals) with its clips, fill
 * and stroke, inside /Figure or /Formula marked content (/Artifact for decoration such as the
 * tint behind code) so a reader can tell what it is.
 * The book block paints in K only: a colour becomes the K tint of its lightness and opacity is
 * dropped (print files carry no transparency); on screen a path's opacity is an ExtGState.
 */
import type { FillRule, Rgb, VectorGraphic, VectorPath, VectorRole, VectorStroke } from '../../typeset/model.js';
import { num } from './syntax.js';

export interface VectorTarget {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a drawing needs from the page it is on. */
export interface VectorContext {
  cmyk: boolean;
  sheetHeight: number;
  /** An ExtGState resource for this opacity (`fill`: ca, else CA); returns its name. */
  opacity(kind: 'fill' | 'stroke', value: number): string;
  /** Shows `text` in the body face at (x, y) of the current (unflipped) space. */
  text(text: string, x: number, y: number, size: number): string;
}

function colour(rgb: Rgb, cmyk: boolean, stroke: boolean): string {
  if (cmyk) {
    const k = 1 - (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]);
    return `0 0 0 ${num(Math.min(1, Math.max(0, k)))} ${stroke ? 'K' : 'k'}`;
  }
  return `${rgb.map((c) => num(c)).join(' ')} ${stroke ? 'RG' : 'rg'}`;
}

/** SVG path data (absolute M, L, C, Q, Z) as PDF path construction operators. */
export function pathOperators(d: string): string {
  const tokens = d.match(/[MLCQZmlcqz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) ?? [];
  const out: string[] = [];
  let i = 0;
  let command = '';
  let [cx, cy] = [0, 0];
  const next = (): number => Number(tokens[i++]);
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    if (/^[a-z]$/i.test(token)) {
      command = token.toUpperCase();
      i++;
      if (command === 'Z') {
        out.push('h');
        continue;
      }
    }
    if (command === 'M' || command === 'L') {
      [cx, cy] = [next(), next()];
      out.push(`${num(cx)} ${num(cy)} ${command === 'M' ? 'm' : 'l'}`);
      // Pairs after a moveto are linetos (SVG).
      if (command === 'M') command = 'L';
    } else if (command === 'C') {
      const p = [next(), next(), next(), next(), next(), next()];
      out.push(`${p.map(num).join(' ')} c`);
      [cx, cy] = [p[4] ?? cx, p[5] ?? cy];
    } else if (command === 'Q') {
      const [qx, qy, x, y] = [next(), next(), next(), next()];
      const c1 = [cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy)];
      const c2 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
      out.push(`${[...c1, ...c2, x, y].map(num).join(' ')} c`);
      [cx, cy] = [x, y];
    } else {
      i++;
    }
  }
  return out.join(' ');
}

const CAPS = { butt: 0, round: 1, square: 2 } as const;
const JOINS = { miter: 0, round: 1, bevel: 2 } as const;

function strokeState(stroke: VectorStroke): string {
  const dash = stroke.dash?.length ? ` [${stroke.dash.map(num).join(' ')}] 0 d` : '';
  return `${num(stroke.width)} w ${CAPS[stroke.cap]} J ${JOINS[stroke.join]} j ${num(stroke.miterLimit)} M${dash}`;
}

const even = (rule: FillRule): string => (rule === 'evenodd' ? '*' : '');

function drawPath(path: VectorPath, cx: VectorContext): string {
  const ops: string[] = ['q'];
  for (const clip of path.clips ?? []) ops.push(`${pathOperators(clip.d)} W${even(clip.rule)} n`);
  const { fill, stroke } = path;
  if (fill) {
    ops.push(colour(fill.colour, cx.cmyk, false));
    if (!cx.cmyk && fill.opacity !== undefined && fill.opacity < 1) ops.push(`/${cx.opacity('fill', fill.opacity)} gs`);
  }
  if (stroke) {
    ops.push(colour(stroke.colour, cx.cmyk, true), strokeState(stroke));
    if (!cx.cmyk && stroke.opacity !== undefined && stroke.opacity < 1) ops.push(`/${cx.opacity('stroke', stroke.opacity)} gs`);
  }
  const paint = fill && stroke ? `B${even(fill.rule)}` : fill ? `f${even(fill.rule)}` : stroke ? 'S' : 'n';
  ops.push(`${pathOperators(path.d)} ${paint}`, 'Q');
  return ops.join('\n');
}

const TAGS: Record<VectorRole, string> = { figure: 'Figure', formula: 'Formula', artifact: 'Artifact' };

/** The operators that draw `graphic` into `at` (sheet coordinates, y down). */
export function vectorOperators(graphic: VectorGraphic, at: VectorTarget, role: VectorRole, cx: VectorContext): string {
  if (graphic.width <= 0 || graphic.height <= 0) return '';
  const sx = at.width / graphic.width;
  const sy = at.height / graphic.height;
  const ops = [`/${TAGS[role]} BMC`, 'q', `${num(sx)} 0 0 ${num(-sy)} ${num(at.x)} ${num(cx.sheetHeight - at.y)} cm`];
  for (const path of graphic.paths) ops.push(drawPath(path, cx));
  for (const t of graphic.texts) ops.push(colour(t.colour, cx.cmyk, false), cx.text(t.text, t.x, t.y, t.size));
  ops.push('Q', 'EMC');
  return ops.join('\n');
}
