/**
 * SVG images are sanitised before they enter the EPUB: a strict allow-list of static SVG
 * elements and attributes over a real XML parser (sax, strict mode), re-serialised by
 * our escaping builder (src/writers/xml-builder.ts). Scripts, event handlers, foreignObject, animation (which can rewrite links),
 * `javascript:` and every external reference (links, images, CSS url() and @import, style
 * sheets) are removed and reported as a warning at the first place they were; editor metadata
 * (Inkscape, Sodipodi, RDF) is dropped silently. A DOCTYPE (entities: billion laughs, XXE),
 * nesting deeper than SVG_MAX_DEPTH or XML that is not well-formed is refused with its line
 * and column.
 */
import { readFile, stat } from 'node:fs/promises';
import sax, { type QualifiedTag } from 'sax';
import { xmlDocument, type XmlNode } from '../writers/xml-builder.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText, positionIn } from '../files/text.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const SVG_BYTE_LIMIT = 16 * 1024 * 1024;
/** Element nesting an SVG may have; drawing programs stay far below, a bomb does not. */
export const SVG_MAX_DEPTH = 256;

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'a', 'style', 'image',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feFlood', 'feFuncA', 'feFuncB',
  'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset',
  'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence', 'feDropShadow',
]);

const ATTRIBUTES = new Set(
  `id class style lang x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points transform viewBox
  preserveAspectRatio version baseProfile dx dy rotate textLength lengthAdjust pathLength startOffset method
  spacing offset gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits
  patternTransform clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY
  orient filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 values type
  tableValues slope intercept amplitude exponent scale xChannelSelector yChannelSelector baseFrequency
  numOctaves seed stitchTiles radius kernelMatrix order divisor bias targetX targetY edgeMode
  kernelUnitLength preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent azimuth
  elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle flood-color flood-opacity lighting-color
  fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit
  stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility font-family font-size
  font-style font-weight font-variant font-stretch font-size-adjust text-anchor text-decoration
  dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing writing-mode direction
  unicode-bidi clip-path clip-rule mask filter marker-start marker-mid marker-end stop-color stop-opacity
  color-interpolation color-interpolation-filters color-rendering shape-rendering text-rendering
  image-rendering overflow vector-effect paint-order kerning glyph-orientation-vertical
  glyph-orientation-horizontal enable-background`.split(/\s+/),
);

/** Editor bookkeeping that is neither active nor external: dropped without a word. */
const SILENT_NAMESPACES = [
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://creativecommons.org/ns#',
  'http://purl.org/dc/elements/1.1/',
  'http://ns.adobe.com/',
];

const LOCAL_REF = /^#[^\s]*$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/;

function silent(uri: string): boolean {
  return SILENT_NAMESPACES.some((ns) => uri.startsWith(ns));
}

/** CSS (a style attribute or element) that can fetch or run something. */
function unsafeCss(css: string): boolean {
  const squeezed = css.replace(/\\/g, '').replace(/\/\*[\s\S]*?\*\//g, '').toLowerCase();
  if (/@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/.test(squeezed)) return true;
  for (const m of squeezed.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/g)) if (!LOCAL_REF.test(m[2] ?? '')) return true;
  return false;
}

interface Element {
  local: string;
  attributes: { name: string; ns: string | null; value: string }[];
  children: (Element | string)[];
}

export interface SvgResult {
  /** The sanitised document, when the file could be read. */
  svg?: string;
  /** Positioned in the SVG file: the refusal (error) or what was removed (warning). */
  diagnostics: Diagnostic[];
}

class Sanitiser {
  readonly removed: { what: string; offset: number }[] = [];
  root?: Element;
  private readonly stack: (Element | null)[] = [];

  constructor(private readonly tagOffset: () => number) {}

  get depth(): number {
    return this.stack.length;
  }

  private remove(what: string): void {
    this.removed.push({ what, offset: this.tagOffset() });
  }

  private keepAttribute(tag: QualifiedTag, name: string): { name: string; ns: string | null; value: string } | undefined {
    const a = tag.attributes[name];
    if (!a) return undefined;
    if (a.uri === XMLNS_NS || name === 'xmlns' || a.prefix === 'xmlns') return undefined;
    if (silent(a.uri)) return undefined;
    const value = a.value;
    if (/^on/i.test(a.local)) return void this.remove(`the ${a.name} event handler`);
    if (a.local === 'href' && (a.uri === XLINK_NS || a.uri === '')) {
      const ok = LOCAL_REF.test(value.trim()) || (tag.local === 'image' && DATA_IMAGE.test(value.trim()));
      if (!ok) return void this.remove(/^\s*javascript:/i.test(value) ? 'a javascript: link' : `the external reference ${a.name}="${value.slice(0, 60)}"`);
      return { name: a.uri === XLINK_NS ? 'xlink:href' : 'href', ns: a.uri === XLINK_NS ? XLINK_NS : null, value };
    }
    if (a.uri === XML_NS && (a.local === 'space' || a.local === 'lang')) return { name: `xml:${a.local}`, ns: XML_NS, value };
    if (a.uri !== '' || !ATTRIBUTES.has(a.local)) return void this.remove(`the attribute ${a.name}`);
    if (/javascript:/i.test(value) || (/url\s*\(/i.test(value) && unsafeCss(value)) || (a.local === 'style' && unsafeCss(value))) {
      return void this.remove(`the ${a.name} attribute's external or active value`);
    }
    return { name: a.local, ns: null, value };
  }

  open(tag: QualifiedTag): void {
    const parent = this.stack.at(-1);
    if (parent === null) {
      this.stack.push(null);
      return;
    }
    const known = tag.uri === SVG_NS && ELEMENTS.has(tag.local);
    if (!known) {
      if (!silent(tag.uri) && tag.local !== 'metadata') this.remove(`the <${tag.name}> element`);
      this.stack.push(null);
      return;
    }
    const attributes = Object.keys(tag.attributes).flatMap((name) => this.keepAttribute(tag, name) ?? []);
    const element: Element = { local: tag.local, attributes, children: [] };
    if (parent) parent.children.push(element);
    else this.root = element;
    this.stack.push(element);
  }

  close(): void {
    const element = this.stack.pop();
    const parent = this.stack.at(-1);
    if (element?.local === 'style' && unsafeCss(element.children.filter((c) => typeof c === 'string').join(''))) {
      this.remove('a <style> element with external or active CSS');
      if (parent) parent.children.splice(parent.children.indexOf(element), 1);
    }
  }

  text(text: string): void {
    const top = this.stack.at(-1);
    if (top) top.children.push(text);
  }
}

function write(parent: XmlNode, element: Element): void {
  const node = parent.ele(SVG_NS, element.local);
  for (const a of element.attributes) node.att(a.ns, a.name, a.value);
  for (const child of element.children) {
    if (typeof child === 'string') node.txt(child);
    else write(node, child);
  }
}

function unique(list: string[]): string[] {
  return list.filter((x, i) => list.indexOf(x) === i);
}

/** Sanitises SVG source text; `file` is the path diagnostics name. */
export function sanitiseSvg(text: string, file: string): SvgResult {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const at = (offset: number): { line: number; column: number } => positionIn(text, Math.max(0, offset));
  const sanitiser = new Sanitiser(() => parser.startTagPosition - 1);
  let refusal: Diagnostic | undefined;
  parser.ondoctype = () => {
    const start = text.search(/<!DOCTYPE/i);
    refusal ??= diagnostic('image/svg-refused', { message: 'This SVG has a DOCTYPE; hanpress reads no DTD or entity declarations.', file, ...at(start) });
    throw refusal;
  };
  parser.onerror = (error) => {
    const reason = (error.message.split('\n')[0] ?? '').toLowerCase();
    refusal ??= diagnostic('image/svg-invalid', { message: `This SVG is not well-formed XML: ${reason}.`, file, line: parser.line + 1, column: parser.column });
    throw refusal;
  };
  parser.onopentag = (tag) => {
    if (sanitiser.depth >= SVG_MAX_DEPTH) {
      refusal ??= diagnostic('image/svg-refused', { message: `This SVG nests elements deeper than ${SVG_MAX_DEPTH} levels.`, file, ...at(parser.startTagPosition - 1) });
      throw refusal;
    }
    sanitiser.open(tag);
  };
  parser.onclosetag = () => sanitiser.close();
  parser.ontext = (t) => sanitiser.text(t);
  parser.oncdata = (t) => sanitiser.text(t);
  parser.onprocessinginstruction = (pi) => {
    if (pi.name.toLowerCase() !== 'xml') sanitiser.removed.push({ what: `the <?${pi.name}?> instruction`, offset: parser.startTagPosition - 1 });
  };
  try {
    parser.write(text).close();
  } catch (error) {
    if (error === refusal && refusal) return { diagnostics: [refusal] };
    throw error;
  }
  const root = sanitiser.root;
  if (!root || root.local !== 'svg') {
    return { diagnostics: [diagnostic('image/svg-invalid', { message: 'This file has no <svg> root element in the SVG namespace.', file, line: 1, column: 1 })] };
  }
  const doc = xmlDocument({ encoding: 'UTF-8' });
  write(doc, root);
  const svg = doc.end();
  const removed = sanitiser.removed;
  const first = removed[0];
  if (!first) return { svg, diagnostics: [] };
  const list = unique(removed.map((r) => r.what));
  const more = list.length > 5 ? ` and ${list.length - 5} more` : '';
  return {
    svg,
    diagnostics: [
      diagnostic('image/svg-sanitised', {
        message: `Removed from the SVG in the EPUB: ${list.slice(0, 5).join('; ')}${more}.`,
        file,
        ...at(first.offset),
      }),
    ],
  };
}

/** Reads and sanitises an SVG file (`real`: its real path; `shown`: relative to the project). */
export async function readSanitisedSvg(real: string, shown: string): Promise<SvgResult> {
  const { size } = await stat(real);
  if (size > SVG_BYTE_LIMIT) {
    return { diagnostics: [diagnostic('image/too-large', { message: `This SVG is ${Math.round(size / 1024 / 1024)} MB; hanpress reads at most 16 MB of SVG.`, file: shown })] };
  }
  const decoded = decodeText(await readFile(real));
  if ('problem' in decoded) return { diagnostics: [diagnostic(decoded.problem.code, { ...decoded.problem, file: shown })] };
  return sanitiseSvg(decoded.text, shown);
}

/** For `check`: the SVG's problems, positioned in the SVG file itself. */
export async function svgDiagnostics(real: string, shown: string): Promise<{ inFile: Diagnostic[] }> {
  return { inFile: (await readSanitisedSvg(real, shown)).diagnostics };
}
