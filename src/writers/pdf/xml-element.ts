/**
 * An escaping builder for a small XML document of fixed shape (the PDF's XMP packet): elements
 * whose names and attribute names are the caller's constants, text and attribute values
 * escaped here. The screen PDF's only XML; loading xmlbuilder2 for it cost the build's thread
 * more than the packet (its module graph, ~0.06 s, before the first page was composed).
 */
export interface XmlElement {
  name: string;
  attributes: ReadonlyArray<readonly [string, string]>;
  children: ReadonlyArray<XmlElement | string>;
}

export function element(name: string, attributes: Record<string, string>, ...children: Array<XmlElement | string>): XmlElement {
  return { name, attributes: Object.entries(attributes), children };
}

const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT[c] ?? c);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => TEXT[c] ?? c);
}

export function serializeElement(node: XmlElement): string {
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  const children = node.children.map((child) => (typeof child === 'string' ? escapeText(child) : serializeElement(child))).join('');
  return `<${node.name}${attributes}>${children}</${node.name}>`;
}
