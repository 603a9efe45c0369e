/**
 * A minimal element tree of an SVG file (sax in strict mode, the parser the sanitiser uses),
 * for the vector conversion: names without prefixes for SVG, attributes as written, text kept
 * only where it is content (<text>, <tspan>). A DOCTYPE is refused, as the sanitiser refuses it:
 * no entity is ever expanded.
 */
import { createRequire } from 'node:module';
import type sax from 'sax';

export interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  /** Character data directly inside the element. */
  text: string;
}

export class SvgTreeError extends Error {}

/** Deeper nesting is refused (as the sanitiser refuses it) so the walks cannot overflow. */
const MAX_DEPTH = 256;

// sax loads with the first figure or formula: the Markdown stage imports the maths renderer,
// and check of a book without either should not pay for the parser.
const require = createRequire(import.meta.url);

export function parseSvgTree(source: string): SvgNode {
  const parser = (require('sax') as typeof sax).parser(true, { xmlns: true, position: true });
  const root: SvgNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: SvgNode[] = [root];
  parser.onerror = (error: Error): void => {
    throw new SvgTreeError(`not well-formed XML: ${error.message.split('\n')[0] ?? ''}`);
  };
  parser.ondoctype = (): void => {
    throw new SvgTreeError('an SVG with a DOCTYPE is not read (entities)');
  };
  parser.onopentag = (tag): void => {
    if (stack.length > MAX_DEPTH) throw new SvgTreeError(`elements nest deeper than ${MAX_DEPTH} levels`);
    const attrs: Record<string, string> = {};
    // Keyed by local name: xlink:href and href are the same reference.
    for (const attr of Object.values(tag.attributes)) if (attr.prefix !== 'xmlns' && attr.name !== 'xmlns') attrs[attr.local] = attr.value;
    const node: SvgNode = { name: tag.local, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  };
  parser.onclosetag = (): void => {
    stack.pop();
  };
  const addText = (text: string): void => {
    const top = stack.at(-1);
    if (top) top.text += text;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.write(source).close();
  const svg = root.children.find((c) => c.name === 'svg');
  if (!svg) throw new SvgTreeError('no <svg> root element');
  return svg;
}
