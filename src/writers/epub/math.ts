/**
 * Formulas as MathML (EPUB 3 reading systems render it natively). MathJax's serializer writes
 * the <math> element; it is parsed back with xmlbuilder2 and imported as nodes, so the XHTML is
 * still built by one escaping builder and never spliced from strings. The TeX source goes into
 * `alttext` for readers without MathML.
 */
import { create } from 'xmlbuilder2';
import { renderTex } from '../../maths/tex.js';
import type { XMLBuilder } from './xml.js';

/** The slice of the DOM element (xmlbuilder2's @oozcitak/dom) used here; lib "dom" is not loaded. */
interface DomElement {
  nodeType: number;
  attributes: ArrayLike<{ name: string; value: string }>;
  removeAttribute(name: string): void;
}

export function appendMath(parent: XMLBuilder, tex: string, display: boolean): XMLBuilder {
  const parsed = create({ skipWhitespaceOnlyText: true }, renderTex(tex, display).mathml).root();
  parent.import(parsed);
  const math = parent.last();
  // MathJax writes some attributes empty (columnspacing="" on aligned); MathML has no empty
  // length, and EPUBCheck rejects it.
  math.each((child) => {
    const node = child.node as unknown as DomElement;
    if (node.nodeType !== 1) return;
    for (const attr of Array.from(node.attributes)) if (attr.value === '') node.removeAttribute(attr.name);
  }, true, true);
  math.att('alttext', tex.trim());
  if (display) math.att('display', 'block');
  return math;
}
