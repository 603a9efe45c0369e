/**
 * Formulas as MathML (EPUB 3 reading systems render it natively). MathJax's serializer writes
 * the <math> element as text; it is parsed back with xmlbuilder2 and its nodes replayed into
 * the chapter's builder, so the XHTML is still built by one escaping builder and never spliced
 * from strings. xmlbuilder2 is loaded on the first formula: a book without maths never loads it.
 * The TeX source goes into `alttext` for readers without MathML.
 */
import { createRequire } from 'node:module';
import type { create as Create } from 'xmlbuilder2';
import { renderTex } from '../../maths/tex.js';
import { NS, type XMLBuilder } from './xml.js';

/** The slice of xmlbuilder2's DOM (@oozcitak/dom) read here; lib "dom" is not loaded. */
interface DomNode {
  nodeType: number;
  /** Text and CDATA. */
  data?: string;
  namespaceURI?: string | null;
  prefix?: string | null;
  localName?: string;
  attributes?: ArrayLike<DomAttribute>;
  childNodes: ArrayLike<DomNode>;
}

interface DomAttribute {
  namespaceURI: string | null;
  name: string;
  value: string;
}

type Parse = (mathml: string) => DomNode;

let parse: Parse | undefined;

// xmlbuilder2 is CommonJS: required on first use, synchronously, like MathJax in src/maths/tex.ts.
function parser(): Parse {
  if (parse) return parse;
  const { create } = createRequire(import.meta.url)('xmlbuilder2') as { create: typeof Create };
  parse = (mathml) => create({ skipWhitespaceOnlyText: true }, mathml).root().node as unknown as DomNode;
  return parse;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

function replayChildren(target: XMLBuilder, node: DomNode): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT || child.nodeType === CDATA) target.txt(child.data ?? '');
    else if (child.nodeType === ELEMENT) replayChildren(replayElement(target, child), child);
    // Comments and processing instructions (MathJax writes none) are not content.
  }
}

/** The element and its attributes, without the empty ones: MathJax writes some (columnspacing="" on aligned), MathML has no empty length, EPUBCheck rejects them. */
function replayElement(parent: XMLBuilder, node: DomNode): XMLBuilder {
  const qname = node.prefix ? `${node.prefix}:${node.localName ?? ''}` : (node.localName ?? '');
  const element = parent.ele(node.namespaceURI ?? null, qname);
  for (const attr of Array.from(node.attributes ?? [])) {
    if (attr.value === '') continue;
    // The element's own namespace is declared by the builder where it is needed.
    if (attr.namespaceURI === NS.xmlns && attr.name === 'xmlns') continue;
    if (attr.namespaceURI === null) element.att(attr.name, attr.value);
    else element.att(attr.namespaceURI, attr.name, attr.value);
  }
  return element;
}

export function appendMath(parent: XMLBuilder, tex: string, display: boolean): XMLBuilder {
  const root = parser()(renderTex(tex, display).mathml);
  const math = replayElement(parent, root);
  math.att('alttext', tex.trim());
  if (display) math.att('display', 'block');
  replayChildren(math, root);
  return math;
}
