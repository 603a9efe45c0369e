/**
 * SVG → VectorGraphic: every shape of a static SVG as absolute path data (M L C Q Z) with its
 * transforms applied, its fill, stroke and clip paths, so a PDF writer replays it with plain
 * path operators and the figure stays vector (sharp lines at any size, text-as-path glyphs of
 * matplotlib and cairo exports intact). Pure: text in, data out; no renderer, no document.
 *
 * Covered: svg, g, defs, symbol, use, path, rect, circle, ellipse, line, polyline, polygon,
 * clipPath, text/tspan (as VectorText), presentation attributes and `style`, inheritance,
 * opacity. Gradients, patterns, masks, filters, markers and embedded images are not drawn:
 * they are named in `skipped`, so the caller can warn at the figure instead of dropping
 * silently.
 */
import { createRequire } from 'node:module';
import type svgpath from 'svgpath';
import type { FillRule, Rgb, VectorGraphic, VectorPath, VectorText } from '../typeset/model.js';
import { parseSvgTree, type SvgNode } from './svg-tree.js';
import { parseColour, parseLength, parseTransform, multiply, IDENTITY, type Matrix } from './svg-values.js';

export interface SvgConversion {
  graphic: VectorGraphic;
  /** Element names (and features) that were not drawn, each once. */
  skipped: string[];
}

/** What inherits down the tree (SVG presentation properties hanpress draws). */
interface Paint {
  fill: Rgb | null;
  fillRule: FillRule;
  fillOpacity: number;
  stroke: Rgb | null;
  strokeWidth: number;
  strokeOpacity: number;
  cap: 'butt' | 'round' | 'square';
  join: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash: number[] | null;
  fontSize: number;
  colour: Rgb;
}

const INITIAL: Paint = {
  fill: [0, 0, 0],
  fillRule: 'nonzero',
  fillOpacity: 1,
  stroke: null,
  strokeWidth: 1,
  strokeOpacity: 1,
  cap: 'butt',
  join: 'miter',
  miterLimit: 4,
  dash: null,
  fontSize: 16,
  colour: [0, 0, 0],
};

interface Scope {
  matrix: Matrix;
  paint: Paint;
  opacity: number;
  clips: Array<{ d: string; rule: FillRule }>;
}

const DRAWN = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);
const CONTAINERS = new Set(['g', 'svg', 'a', 'switch']);
const IGNORED = new Set(['defs', 'title', 'desc', 'metadata', 'style', 'clipPath', 'symbol', 'linearGradient', 'radialGradient', 'namedview', 'RDF']);

/** Number formatting for path data: 3 decimals, no trailing zeros (stable bytes, small streams). */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

// svgpath loads with the first figure or formula (see svg-tree.ts), not with the Markdown stage.
const require = createRequire(import.meta.url);

/** Path data under a matrix → absolute M/L/C/Q/Z only. */
export function normalisePath(d: string, m: Matrix): string {
  const out: string[] = [];
  (require('svgpath') as typeof svgpath)(d)
    .abs()
    .unarc()
    .unshort()
    .matrix([...m])
    .iterate((seg, _index, x, y) => {
      const [cmd, ...args] = seg as [string, ...number[]];
      if (cmd === 'H') out.push(`L${num(args[0] ?? 0)} ${num(y)}`);
      else if (cmd === 'V') out.push(`L${num(x)} ${num(args[0] ?? 0)}`);
      else if (cmd === 'Z' || cmd === 'z') out.push('Z');
      else out.push(cmd + args.map(num).join(' '));
    });
  return out.join('');
}

function styleDeclarations(node: SvgNode): Record<string, string> {
  const props: Record<string, string> = { ...node.attrs };
  for (const decl of (node.attrs.style ?? '').split(';')) {
    const at = decl.indexOf(':');
    if (at > 0) props[decl.slice(0, at).trim()] = decl.slice(at + 1).trim();
  }
  return props;
}

function paintValue(value: string | undefined, inherited: Rgb | null, current: Rgb, skipped: Set<string>): Rgb | null {
  if (value === undefined || value === 'inherit') return inherited;
  if (value === 'none' || value === 'transparent') return null;
  if (value === 'currentColor') return current;
  if (value.startsWith('url(')) {
    skipped.add('gradient or pattern paint (drawn in its fallback colour or black)');
    const fallback = value.replace(/^url\([^)]*\)\s*/, '');
    return fallback ? parseColour(fallback) ?? [0, 0, 0] : [0, 0, 0];
  }
  return parseColour(value) ?? inherited;
}

function clampOpacity(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number.parseFloat(value);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : fallback;
}

function inherit(node: SvgNode, parent: Paint, skipped: Set<string>): Paint {
  const p = styleDeclarations(node);
  const colour = (p.color && parseColour(p.color)) || parent.colour;
  const dash = p['stroke-dasharray'];
  const size = p['font-size'] ? parseLength(p['font-size'], parent.fontSize) : undefined;
  return {
    colour,
    fill: paintValue(p.fill, parent.fill, colour, skipped),
    fillRule: p['fill-rule'] === 'evenodd' ? 'evenodd' : p['fill-rule'] === 'nonzero' ? 'nonzero' : parent.fillRule,
    fillOpacity: clampOpacity(p['fill-opacity'], parent.fillOpacity),
    stroke: paintValue(p.stroke, parent.stroke, colour, skipped),
    strokeWidth: p['stroke-width'] ? parseLength(p['stroke-width'], parent.fontSize) ?? parent.strokeWidth : parent.strokeWidth,
    strokeOpacity: clampOpacity(p['stroke-opacity'], parent.strokeOpacity),
    cap: (['butt', 'round', 'square'] as const).find((c) => c === p['stroke-linecap']) ?? parent.cap,
    join: (['miter', 'round', 'bevel'] as const).find((c) => c === p['stroke-linejoin']) ?? parent.join,
    miterLimit: clampMiter(p['stroke-miterlimit'], parent.miterLimit),
    dash: dash === undefined ? parent.dash : dash === 'none' ? null : dash.split(/[\s,]+/).map(Number).filter((n) => Number.isFinite(n) && n >= 0),
    fontSize: size ?? parent.fontSize,
  };
}

function clampMiter(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

function attrNumber(node: SvgNode, name: string, fallback = 0): number {
  const v = node.attrs[name];
  return v === undefined ? fallback : parseLength(v, 16) ?? fallback;
}

/** A basic shape's outline as path data in its own user space. */
export function shapePath(node: SvgNode): string | undefined {
  const n = (name: string): number => attrNumber(node, name);
  switch (node.name) {
    case 'path':
      return node.attrs.d;
    case 'rect': {
      const [x, y, w, h] = [n('x'), n('y'), n('width'), n('height')];
      if (w <= 0 || h <= 0) return undefined;
      const rx = Math.min(w / 2, node.attrs.rx !== undefined ? n('rx') : n('ry'));
      const ry = Math.min(h / 2, node.attrs.ry !== undefined ? n('ry') : n('rx'));
      if (rx <= 0 || ry <= 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
      return `M${x + rx} ${y}H${x + w - rx}A${rx} ${ry} 0 0 1 ${x + w} ${y + ry}V${y + h - ry}A${rx} ${ry} 0 0 1 ${x + w - rx} ${y + h}H${x + rx}A${rx} ${ry} 0 0 1 ${x} ${y + h - ry}V${y + ry}A${rx} ${ry} 0 0 1 ${x + rx} ${y}Z`;
    }
    case 'circle':
    case 'ellipse': {
      const rx = node.name === 'circle' ? n('r') : n('rx');
      const ry = node.name === 'circle' ? n('r') : n('ry');
      if (rx <= 0 || ry <= 0) return undefined;
      const [cx, cy] = [n('cx'), n('cy')];
      return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
    }
    case 'line':
      return `M${n('x1')} ${n('y1')}L${n('x2')} ${n('y2')}`;
    case 'polyline':
    case 'polygon': {
      const pts = (node.attrs.points ?? '').trim().split(/[\s,]+/).map(Number).filter(Number.isFinite);
      if (pts.length < 4) return undefined;
      const pairs: string[] = [];
      for (let i = 0; i + 1 < pts.length; i += 2) pairs.push(`${pts[i]} ${pts[i + 1]}`);
      return `M${pairs.join('L')}${node.name === 'polygon' ? 'Z' : ''}`;
    }
    default:
      return undefined;
  }
}

/** How much a matrix scales lengths (stroke widths), as the geometric mean of its axes. */
function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

class Converter {
  readonly paths: VectorPath[] = [];
  readonly texts: VectorText[] = [];
  readonly skipped = new Set<string>();
  private readonly ids = new Map<string, SvgNode>();
  /** `use` elements being expanded, against reference cycles. */
  private readonly expanding = new Set<SvgNode>();

  constructor(root: SvgNode) {
    this.index(root);
  }

  private index(node: SvgNode): void {
    if (node.attrs.id && !this.ids.has(node.attrs.id)) this.ids.set(node.attrs.id, node);
    for (const c of node.children) this.index(c);
  }

  private reference(value: string | undefined): SvgNode | undefined {
    const id = /^#(.+)$/.exec(value?.trim() ?? '')?.[1] ?? /^url\(\s*['"]?#([^'")]+)['"]?\s*\)$/.exec(value?.trim() ?? '')?.[1];
    return id === undefined ? undefined : this.ids.get(id);
  }

  walk(node: SvgNode, parent: Scope): void {
    const props = styleDeclarations(node);
    if (props.display === 'none' || props.visibility === 'hidden') return;
    const scope: Scope = {
      matrix: node.attrs.transform ? multiply(parent.matrix, parseTransform(node.attrs.transform)) : parent.matrix,
      paint: inherit(node, parent.paint, this.skipped),
      opacity: parent.opacity * clampOpacity(props.opacity, 1),
      clips: this.clipsOf(props['clip-path'], parent),
    };
    if (props.mask || props.filter) this.skipped.add(props.mask ? 'mask' : 'filter');
    if (CONTAINERS.has(node.name)) for (const c of node.children) this.walk(c, scope);
    else if (node.name === 'use') this.use(node, scope);
    else if (DRAWN.has(node.name)) this.shape(node, scope);
    else if (node.name === 'text') this.text(node, scope, 0, 0);
    else if (!IGNORED.has(node.name)) this.skipped.add(`<${node.name}>`);
  }

  private clipsOf(value: string | undefined, parent: Scope): Array<{ d: string; rule: FillRule }> {
    if (!value || value === 'none') return parent.clips;
    const clip = this.reference(value);
    if (clip?.name !== 'clipPath') return parent.clips;
    const m = clip.attrs.transform ? multiply(parent.matrix, parseTransform(clip.attrs.transform)) : parent.matrix;
    const own: Array<{ d: string; rule: FillRule }> = [];
    for (const child of clip.children) {
      const d = shapePath(child);
      if (!d) continue;
      const childMatrix = child.attrs.transform ? multiply(m, parseTransform(child.attrs.transform)) : m;
      const rule = styleDeclarations(child)['clip-rule'] === 'evenodd' ? 'evenodd' : 'nonzero';
      own.push({ d: normalisePath(d, childMatrix), rule });
    }
    // Several shapes in one clipPath are their union; kept as one path they clip as a union.
    const union = own.length > 1 ? [{ d: own.map((c) => c.d).join(''), rule: 'nonzero' as const }] : own;
    return [...parent.clips, ...union];
  }

  private use(node: SvgNode, scope: Scope): void {
    const target = this.reference(node.attrs.href);
    if (!target || this.expanding.has(target)) return;
    this.expanding.add(target);
    const at = multiply(scope.matrix, [1, 0, 0, 1, attrNumber(node, 'x'), attrNumber(node, 'y')]);
    const inner: Scope = { ...scope, matrix: at };
    // A symbol is drawn like a group: its own attributes, then its children.
    if (target.name === 'symbol') {
      const paint = inherit(target, scope.paint, this.skipped);
      for (const c of target.children) this.walk(c, { ...inner, paint });
    } else this.walk(target, inner);
    this.expanding.delete(target);
  }

  private shape(node: SvgNode, scope: Scope): void {
    const raw = shapePath(node);
    if (!raw) return;
    const { paint, matrix, opacity } = scope;
    const d = normalisePath(raw, matrix);
    if (!d) return;
    const path: VectorPath = { d };
    // A line has no inside to fill.
    if (paint.fill && node.name !== 'line') path.fill = { colour: paint.fill, rule: paint.fillRule, ...alpha(paint.fillOpacity * opacity) };
    if (paint.stroke && paint.strokeWidth > 0) {
      const k = lengthScale(matrix);
      path.stroke = {
        colour: paint.stroke,
        width: paint.strokeWidth * k,
        cap: paint.cap,
        join: paint.join,
        miterLimit: paint.miterLimit,
        ...(paint.dash?.length && paint.dash.some((n) => n > 0) ? { dash: paint.dash.map((n) => n * k) } : {}),
        ...alpha(paint.strokeOpacity * opacity),
      };
    }
    if (!path.fill && !path.stroke) return;
    if (scope.clips.length) path.clips = scope.clips;
    this.paths.push(path);
  }

  /** Text and its tspans, each piece at its own or the running position (no shaping: one line per piece). */
  private text(node: SvgNode, scope: Scope, x: number, y: number): void {
    const px = node.attrs.x !== undefined ? attrNumber(node, 'x') : x + attrNumber(node, 'dx');
    const py = node.attrs.y !== undefined ? attrNumber(node, 'y') : y + attrNumber(node, 'dy');
    const content = node.text.replace(/\s+/g, ' ').trim();
    const colour = scope.paint.fill;
    if (content && colour) {
      const m = scope.matrix;
      const k = lengthScale(m);
      this.texts.push({ text: content, x: m[0] * px + m[2] * py + m[4], y: m[1] * px + m[3] * py + m[5], size: scope.paint.fontSize * k, colour });
    }
    for (const child of node.children) {
      if (child.name !== 'tspan') continue;
      const props = styleDeclarations(child);
      if (props.display === 'none') continue;
      this.text(child, { ...scope, paint: inherit(child, scope.paint, this.skipped) }, px, py);
    }
  }
}

function alpha(value: number): { opacity?: number } {
  return value < 1 ? { opacity: Math.round(value * 1000) / 1000 } : {};
}

/** The drawing's size in points and the matrix from its user space (viewBox) into points. */
function viewport(svg: SvgNode): { width: number; height: number; matrix: Matrix } {
  const box = (svg.attrs.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  const hasBox = box.length === 4 && box.every(Number.isFinite) && (box[2] ?? 0) > 0 && (box[3] ?? 0) > 0;
  const [bx, by, bw, bh] = hasBox ? (box as [number, number, number, number]) : [0, 0, 0, 0];
  // CSS pixels are ¾ pt; a size in % or missing falls back to the viewBox in pixels.
  const size = (name: 'width' | 'height', fallback: number): number => {
    const v = svg.attrs[name];
    const n = v && !v.trim().endsWith('%') ? parseLength(v, 16) : undefined;
    return n !== undefined && n > 0 ? n * 0.75 : fallback * 0.75;
  };
  const width = size('width', hasBox ? bw : 300);
  const height = size('height', hasBox ? bh : 150);
  if (!hasBox) return { width, height, matrix: [0.75, 0, 0, 0.75, 0, 0] };
  // preserveAspectRatio's default, xMidYMid meet: one scale, centred.
  const s = Math.min(width / bw, height / bh);
  return { width, height, matrix: [s, 0, 0, s, (width - bw * s) / 2 - bx * s, (height - bh * s) / 2 - by * s] };
}

export function svgToVector(source: string): SvgConversion {
  const svg = parseSvgTree(source);
  const { width, height, matrix } = viewport(svg);
  const converter = new Converter(svg);
  const scope: Scope = { matrix: IDENTITY, paint: INITIAL, opacity: 1, clips: [] };
  // The root's own attributes (fill, transform …) apply under the viewport matrix.
  const root: SvgNode = { ...svg, name: 'g', attrs: { ...svg.attrs, transform: '' } };
  converter.walk(root, { ...scope, matrix });
  return { graphic: { width, height, paths: converter.paths, texts: converter.texts }, skipped: [...converter.skipped] };
}
