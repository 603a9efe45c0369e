/**
 * Walks a page's content (and the forms it draws) with the graphics state a RIP keeps — fill
 * and stroke colour, transformation matrix, text rendering mode — and reports what a printer
 * cares about: RGB operators, the colour every glyph and every path is painted in, images'
 * colour spaces and effective resolution.
 */
import type { PDFDict} from 'pdf-lib';
import { PDFArray, PDFName, PDFRef, PDFStream, type PDFContext } from 'pdf-lib';
import { classify, DEFAULT_PAINT, isRgb, type Paint, type Space } from './colour.js';
import { operations, type Operand } from './lexer.js';
import { arrayOf, dictOf, get, getDict, nameOf, numberOf, resolve, streamBytes, type Resolved } from './objects.js';

type Matrix = [number, number, number, number, number, number];

interface State {
  fill: Paint;
  stroke: Paint;
  ctm: Matrix;
  /** Text rendering mode (Tr): 0 fill, 1 stroke, 2 both, 3 invisible, 4–7 the same plus clip. */
  render: number;
}

export type Mark =
  | { type: 'rgb-operator'; operator: string }
  | { type: 'rgb-space'; operator: string; name: string }
  | { type: 'text'; paint: Paint; stroke: boolean; size: number }
  | { type: 'path'; paint: Paint; stroke: boolean }
  | { type: 'image'; space: Space; name: string; ppi: number; ref: string; mask: boolean }
  | { type: 'missing-stream'; what: string };

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function numbers(operands: Operand[]): number[] {
  return operands.filter((o): o is number => typeof o === 'number');
}

function lastName(operands: Operand[]): string | undefined {
  const last = operands[operands.length - 1];
  return typeof last === 'object' && last !== null && !Array.isArray(last) && 'name' in last ? last.name : undefined;
}

const FILL_PATH = new Set(['f', 'F', 'f*']);
const STROKE_PATH = new Set(['S', 's']);
const BOTH_PATH = new Set(['B', 'B*', 'b', 'b*']);
const SHOW_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const PAINT_PATH = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'n']);
const CONSTRUCT_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);

export class ContentScanner {
  /** Forms already walked on this page, by reference and colour: drawn again alike, read once. */
  private readonly seenForms = new Set<string>();

  constructor(
    private readonly context: PDFContext,
    private readonly report: (mark: Mark) => void,
  ) {}

  scanPage(contents: Resolved, resources: PDFDict | undefined): void {
    const value = resolve(this.context, contents);
    const streams = value instanceof PDFArray ? value.asArray().map((v) => resolve(this.context, v)) : value instanceof PDFStream ? [value] : [];
    const parts: Uint8Array[] = [];
    for (const stream of streams) {
      const bytes = streamBytes(stream);
      if (!bytes) this.report({ type: 'missing-stream', what: 'a page content stream' });
      else parts.push(bytes, new Uint8Array([0x0a]));
    }
    this.scan(Buffer.concat(parts), resources, { fill: DEFAULT_PAINT, stroke: DEFAULT_PAINT, ctm: IDENTITY, render: 0 });
  }

  private space(resources: PDFDict | undefined, operand: Operand | undefined): Space {
    const name = typeof operand === 'object' && operand !== null && !Array.isArray(operand) && 'name' in operand ? operand.name : '';
    const spaces = getDict(this.context, resources, 'ColorSpace');
    return classify(this.context, PDFName.of(name), (n) => get(this.context, spaces, n));
  }

  private scan(bytes: Uint8Array, resources: PDFDict | undefined, initial: State): void {
    const stack: State[] = [];
    let state: State = { ...initial };
    let fontSize = 0;
    // A painting operator with no path before it paints nothing (pdfmake sets each colour with
    // an empty `f`): only a constructed path counts.
    let path = false;
    for (const { operator, operands } of operations(bytes)) {
      if (CONSTRUCT_PATH.has(operator)) {
        path = true;
        continue;
      }
      switch (operator) {
        case 'q':
          stack.push({ ...state });
          break;
        case 'Q':
          state = stack.pop() ?? state;
          break;
        case 'cm': {
          const n = numbers(operands);
          if (n.length === 6) state = { ...state, ctm: multiply(n as Matrix, state.ctm) };
          break;
        }
        case 'rg':
        case 'RG':
          this.report({ type: 'rgb-operator', operator });
          state = { ...state, [operator === 'rg' ? 'fill' : 'stroke']: { space: { kind: 'rgb' }, values: numbers(operands) } };
          break;
        case 'g':
        case 'G':
          state = { ...state, [operator === 'g' ? 'fill' : 'stroke']: { space: { kind: 'gray' }, values: numbers(operands) } };
          break;
        case 'k':
        case 'K':
          state = { ...state, [operator === 'k' ? 'fill' : 'stroke']: { space: { kind: 'cmyk' }, values: numbers(operands) } };
          break;
        case 'cs':
        case 'CS': {
          const space = this.space(resources, operands[0]);
          if (isRgb(space)) this.report({ type: 'rgb-space', operator, name: lastName(operands) ?? '' });
          const values = space.kind === 'cmyk' ? [0, 0, 0, 1] : space.kind === 'separation' ? [1] : [0];
          state = { ...state, [operator === 'cs' ? 'fill' : 'stroke']: { space, values } };
          break;
        }
        case 'sc':
        case 'scn':
          state = { ...state, fill: { space: state.fill.space, values: numbers(operands) } };
          break;
        case 'SC':
        case 'SCN':
          state = { ...state, stroke: { space: state.stroke.space, values: numbers(operands) } };
          break;
        case 'Tr':
          state = { ...state, render: numbers(operands)[0] ?? 0 };
          break;
        case 'Tf':
          fontSize = numbers(operands)[0] ?? 0;
          break;
        case 'Do':
          this.draw(resources, lastName(operands) ?? '', state);
          break;
        case 'ID':
          this.inlineImage(operands, resources, state);
          break;
        default:
          if (path || SHOW_TEXT.has(operator)) this.paint(operator, state, fontSize);
          if (PAINT_PATH.has(operator)) path = false;
      }
    }
  }

  private paint(operator: string, state: State, fontSize: number): void {
    if (SHOW_TEXT.has(operator)) {
      const scale = Math.hypot(state.ctm[0], state.ctm[1]);
      const size = fontSize * scale;
      const mode = state.render % 4;
      if (mode === 0 || mode === 2) this.report({ type: 'text', paint: state.fill, stroke: false, size });
      if (mode === 1 || mode === 2) this.report({ type: 'text', paint: state.stroke, stroke: true, size });
      return;
    }
    if (FILL_PATH.has(operator) || BOTH_PATH.has(operator)) this.report({ type: 'path', paint: state.fill, stroke: false });
    if (STROKE_PATH.has(operator) || BOTH_PATH.has(operator)) this.report({ type: 'path', paint: state.stroke, stroke: true });
  }

  private draw(resources: PDFDict | undefined, name: string, state: State): void {
    const xobjects = getDict(this.context, resources, 'XObject');
    const raw = xobjects?.get(PDFName.of(name));
    const object = resolve(this.context, raw);
    const dict = dictOf(object);
    if (!dict) return;
    const subtype = nameOf(get(this.context, dict, 'Subtype'));
    if (subtype === 'Image') {
      this.image(dict, name, state, raw instanceof PDFRef ? raw.toString() : '', resources);
      return;
    }
    if (subtype !== 'Form') return;
    const key = raw instanceof PDFRef ? raw.toString() : '';
    // A form's own colour operators are reported once; its text and paths inherit the colour
    // set before `Do`, so a form drawn again in another colour is walked again.
    const visitKey = `${key}|${JSON.stringify(state.fill)}|${JSON.stringify(state.stroke)}`;
    if (key && this.seenForms.has(visitKey)) return;
    if (key) this.seenForms.add(visitKey);
    const bytes = streamBytes(object);
    if (!bytes) {
      this.report({ type: 'missing-stream', what: `form ${name}` });
      return;
    }
    const matrix = arrayOf(this.context, get(this.context, dict, 'Matrix')).map((n) => numberOf(n) ?? 0);
    const ctm = matrix.length === 6 ? multiply(matrix as Matrix, state.ctm) : state.ctm;
    const formResources = getDict(this.context, dict, 'Resources') ?? resources;
    this.scan(bytes, formResources, { ...state, ctm });
  }

  private image(dict: PDFDict, name: string, state: State, ref: string, resources: PDFDict | undefined): void {
    const mask = get(this.context, dict, 'ImageMask');
    const isMask = mask !== undefined && mask.toString() === 'true';
    const space = isMask ? state.fill.space : this.imageSpace(get(this.context, dict, 'ColorSpace'), resources);
    const width = numberOf(get(this.context, dict, 'Width')) ?? 0;
    const height = numberOf(get(this.context, dict, 'Height')) ?? 0;
    const ppi = effectivePpi(width, height, state.ctm);
    this.report({ type: 'image', space, name, ppi, ref, mask: isMask });
  }

  private imageSpace(value: Resolved, resources: PDFDict | undefined): Space {
    const spaces = getDict(this.context, resources, 'ColorSpace');
    return classify(this.context, value, (n) => get(this.context, spaces, n));
  }

  private inlineImage(operands: Operand[], resources: PDFDict | undefined, state: State): void {
    let space: Space = { kind: 'other' };
    let width = 0;
    let height = 0;
    let isMask = false;
    for (let i = 0; i + 1 < operands.length; i += 2) {
      const key = operands[i];
      const value = operands[i + 1];
      const k = typeof key === 'object' && key !== null && !Array.isArray(key) && 'name' in key ? key.name : '';
      if (k === 'CS' || k === 'ColorSpace') space = this.space(resources, value);
      if ((k === 'W' || k === 'Width') && typeof value === 'number') width = value;
      if ((k === 'H' || k === 'Height') && typeof value === 'number') height = value;
      if ((k === 'IM' || k === 'ImageMask') && value === 'true') isMask = true;
    }
    if (isMask) space = state.fill.space;
    this.report({ type: 'image', space, name: 'inline image', ppi: effectivePpi(width, height, state.ctm), ref: '', mask: isMask });
  }
}

/** Pixels per inch at the size the image is drawn: the unit square scaled by the CTM. */
export function effectivePpi(width: number, height: number, ctm: Matrix): number {
  const drawnWidth = Math.hypot(ctm[0], ctm[1]) / 72;
  const drawnHeight = Math.hypot(ctm[2], ctm[3]) / 72;
  if (drawnWidth === 0 || drawnHeight === 0) return Infinity;
  return Math.min(width / drawnWidth, height / drawnHeight);
}
