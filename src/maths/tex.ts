/**
 * TeX → MathML (for the EPUB) and → vector outlines (for the PDF), both from MathJax 3 so one
 * parser decides what is valid and both outputs agree. MathJax's SVG output with fontCache
 * 'none' gives every glyph as an inline path, which src/images/svg-paths.ts turns into a
 * VectorGraphic; no font is embedded for maths.
 *
 * MathJax is loaded on first use (it is large and most books have no maths) and its results
 * are memoised by source: `check`, the EPUB and the PDF each ask for the same formulas.
 */
import { createRequire } from 'node:module';
import type { VectorGraphic } from '../typeset/model.js';
import { svgToVector } from '../images/svg-paths.js';

export class TexError extends Error {}

export interface TexOutput {
  /** A serialised <math> element in the MathML namespace. */
  mathml: string;
  /** The formula's outlines; drawn into a box of width × height ems of the text size. */
  graphic: VectorGraphic;
  /** Size in ems of the surrounding text (1 = the font size). */
  width: number;
  height: number;
  /** Height above the baseline, in ems. */
  ascent: number;
}

interface MathJax {
  toSvg(tex: string, display: boolean): string;
  toMathml(tex: string, display: boolean): string;
}

let engine: MathJax | undefined;

// MathJax 3 ships CommonJS modules whose types do not resolve under NodeNext: they are
// required, and the slice used here is typed by the MathJax interface above.
function load(): MathJax {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  const { AllPackages } = require('mathjax-full/js/input/tex/AllPackages.js');
  const { SerializedMmlVisitor } = require('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js');
  const { STATE } = require('mathjax-full/js/core/MathItem.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  // Left out: packages that load resources at run time or need a page, and the two that turn
  // errors into red text (noundefined, noerrors): an error must reach the author.
  const packages = (AllPackages as string[]).filter((p) => !['bussproofs', 'require', 'autoload', 'noundefined', 'noerrors'].includes(p));
  const tex = new TeX({
    packages,
    // A formula that does not parse is an error the author must see, not red text in print.
    formatError: (_jax: unknown, error: Error) => {
      throw new TexError(error.message);
    },
  });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: new SVG({ fontCache: 'none' }) });
  // MathJax's bookkeeping attributes (data-mjx-*) are not MathML and not for readers.
  class PlainMml extends SerializedMmlVisitor {
    protected getDataAttributes(): Record<string, string> {
      return {};
    }
  }
  const visitor = new PlainMml();
  const options = (display: boolean): object => ({ display, em: 16, ex: 8, containerWidth: 80 * 16 });
  engine = {
    toSvg: (source, display) => {
      const node = doc.convert(source, options(display));
      const svg = adaptor.firstChild(node);
      return adaptor.serializeXML(svg) as string;
    },
    toMathml: (source, display) => visitor.visitTree(doc.convert(source, { ...options(display), end: STATE.CONVERT })) as string,
  };
  return engine;
}

const cache = new Map<string, TexOutput | TexError>();

/** The MathJax SVG's viewBox: x, y (top, negative above the baseline), width, height; 1000 units an em. */
function viewBox(svg: string): [number, number, number, number] {
  const box = /viewBox="([^"]*)"/.exec(svg)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
  return [box[0] ?? 0, box[1] ?? 0, box[2] ?? 0, box[3] ?? 0];
}

/**
 * One formula in both forms. Throws TexError with MathJax's message when it does not parse.
 * `display` is block maths ($$…$$): larger operators, limits above and below.
 */
export function renderTex(source: string, display: boolean): TexOutput {
  const key = `${display ? 'D' : 'I'}${source}`;
  const known = cache.get(key);
  if (known instanceof TexError) throw known;
  if (known) return known;
  try {
    const mj = load();
    const svg = mj.toSvg(source, display);
    const [, top, width, height] = viewBox(svg);
    const out: TexOutput = {
      mathml: mj.toMathml(source, display),
      graphic: svgToVector(svg).graphic,
      width: width / 1000,
      height: height / 1000,
      ascent: -top / 1000,
    };
    cache.set(key, out);
    return out;
  } catch (error) {
    if (error instanceof TexError) cache.set(key, error);
    throw error;
  }
}
