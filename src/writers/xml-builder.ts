/**
 * An escaping XML builder that writes the document as a string while it is built: no DOM.
 * The EPUB's documents (src/writers/epub/xml.ts), the generated cover's background and the
 * sanitised SVG images go through it. It replaced xmlbuilder2 there, whose module graph and
 * W3C DOM cost the thread beside the PDF about a third of a second of CPU on a whole novel
 * (xmlbuilder2 stays for what it parses: MathJax's MathML, ONIX, XMP, preflight).
 *
 * Well-formed by construction: elements open and close on one stack (a handle whose element
 * has closed refuses more content instead of writing it elsewhere), one root, attributes
 * de-duplicated on their start tag, names checked (ASCII XML names), every
 * text and attribute value escaped (`&` `<` `>` and, in attributes, `"`), and characters XML
 * cannot carry (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE, U+FFFF) refused
 * with an error. A namespace is declared on the element whose name first needs it (and holds
 * for its content), or on each element with an attribute that needs it.
 *
 * The bytes are xmlbuilder2's (4.x, no pretty-printing) for the same calls — the DOM Parsing
 * serialisation: an XHTML void element without content as `<br />`, another empty XHTML
 * element as `<p></p>`, an empty element of any other namespace as `<x/>`, the DOCTYPE named
 * after the root element — with one deliberate difference: xmlbuilder2 leaves an `&` that
 * starts something like an entity (`&amp;`, `&#12;`) unescaped, so the text `&lt;` in a code
 * span would reach the reader as `<`; here every `&` is escaped. test/xml-builder.test.ts
 * compares the two.
 */

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Elements the HTML serialisation writes as `<x />` when they have no content. */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'menuitem', 'meta', 'param', 'source', 'track', 'wbr']);

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What a text or value needs looked at (one scan; most text has none of it). */
// eslint-disable-next-line no-control-regex -- as above
const TEXT_ATTENTION = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const ATTRIBUTE_ATTENTION = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeChar = (c: string): string => ESCAPES[c] ?? c;

/** An XML name as our writers use them: ASCII, a NCName or prefix:NCName (a stricter subset of XML's Name). */
const QNAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;
/** Names checked, with their prefix and local part (the writers use a few dozen). */
const NAMES = new Map<string, [prefix: string | null, local: string]>();

/** The name's prefix (null without one) and local part; throws unless it is an XML name. */
function splitName(qname: string): [prefix: string | null, local: string] {
  let split = NAMES.get(qname);
  if (!split) {
    if (!QNAME.test(qname)) throw new Error(`XML builder: "${qname}" is not an XML name.`);
    const colon = qname.indexOf(':');
    split = colon < 0 ? [null, qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
    NAMES.set(qname, split);
  }
  return split;
}

function checkChars(value: string, what: string): void {
  const bad = NOT_XML.exec(value);
  if (bad) throw new Error(`XML builder: ${what} holds U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry.`);
}

export function escapeText(text: string): string {
  if (!TEXT_ATTENTION.test(text)) return text;
  checkChars(text, 'a text');
  return text.replace(/[&<>]/g, escapeChar);
}

export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_ATTENTION.test(value)) return value;
  checkChars(value, 'an attribute value');
  return value.replace(/[&<>"]/g, escapeChar);
}

/** In-scope namespaces: the default one and the prefixes (copied when an element binds one). */
interface Scope {
  readonly defaultNs: string | null;
  readonly prefixes: ReadonlyMap<string, string>;
}

const ROOT_SCOPE: Scope = { defaultNs: null, prefixes: new Map([['xml', XML_NS]]) };

function bind(scope: Scope, prefix: string, ns: string): Scope {
  const prefixes = new Map(scope.prefixes);
  prefixes.set(prefix, ns);
  return { defaultNs: scope.defaultNs, prefixes };
}

/** The document being written: the output so far and the stack of open elements. */
class Output {
  text = '';
  readonly open: XmlElement[] = [];
  hasRoot = false;
  doctype = false;

  /** Closes the elements inside `parent` and ends its start tag: `parent` gets content next. */
  enter(parent: XmlNode): void {
    if (parent.closed) throw new Error(`XML builder: <${parent.qname}> is closed; its content must come before what follows it.`);
    while (this.open.length > 0 && this.open[this.open.length - 1] !== parent) this.close();
    if (parent instanceof XmlElement && parent.attributes) this.startTag(parent, '>');
  }

  startTag(element: XmlElement, ending: string): void {
    let tag = `<${element.qname}`;
    for (const [name, value] of element.attributes ?? []) tag += ` ${name}="${value}"`;
    this.text += tag + ending;
    element.attributes = undefined;
  }

  close(): void {
    const element = this.open.pop();
    if (!element) return;
    if (element.attributes) {
      const html = element.ns === XHTML_NS;
      this.startTag(element, html && VOID.has(element.local) ? ' />' : html ? `></${element.qname}>` : '/>');
    } else this.text += `</${element.qname}>`;
    element.closed = true;
  }
}

/** A place content can be added: the document (for its root) or an element. */
export abstract class XmlNode {
  closed = false;
  abstract readonly qname: string;
  protected constructor(
    protected readonly out: Output,
    /** Where an element's namespace declarations (from its name or attributes) are kept. */
    public scope: Scope,
  ) {}

  /** A child element; without a namespace it takes its prefix's, or the default one in scope. */
  ele(qname: string): XmlElement;
  ele(namespace: string | null, qname: string): XmlElement;
  ele(first: string | null, second?: string): XmlElement {
    const qname = second ?? first;
    if (qname === null) throw new Error('XML builder: an element needs a name.');
    const [written, local] = splitName(qname);
    const ns = second === undefined ? (written === null ? this.scope.defaultNs : (this.scope.prefixes.get(written) ?? null)) : first;
    if (second === undefined && written !== null && ns === null) throw new Error(`XML builder: the prefix of <${qname}> is not bound.`);
    // In the default namespace already: written without its prefix (as the DOM serialisation does).
    const prefix = written !== null && ns !== null && ns === this.scope.defaultNs ? null : written;
    this.beforeChild();
    this.out.enter(this);
    const declarations: [string, string][] = [];
    let scope = this.scope;
    if (prefix === null && ns !== scope.defaultNs) {
      declarations.push(['xmlns', escapeAttribute(ns ?? '')]);
      scope = { defaultNs: ns, prefixes: scope.prefixes };
    } else if (prefix !== null && scope.prefixes.get(prefix) !== ns) {
      if (ns === null || prefix === 'xmlns' || prefix === 'xml') throw new Error(`XML builder: <${qname}> cannot be given that namespace.`);
      declarations.push([`xmlns:${prefix}`, escapeAttribute(ns)]);
      scope = bind(scope, prefix, ns);
    }
    const element = new XmlElement(this.out, scope, this, prefix === null ? local : qname, local, ns, declarations);
    this.out.open.push(element);
    return element;
  }

  protected abstract beforeChild(): void;
}

export class XmlElement extends XmlNode {
  /** The start tag's attributes (escaped values) while it is still open; undefined once written. */
  attributes: [string, string][] | undefined;

  constructor(
    out: Output,
    scope: Scope,
    readonly parent: XmlNode,
    readonly qname: string,
    readonly local: string,
    readonly ns: string | null,
    declarations: [string, string][],
  ) {
    super(out, scope);
    this.attributes = declarations;
  }

  protected beforeChild(): void {}

  /** Sets an attribute (again: a new value in the same place); only before the element's content. */
  att(name: string, value: string): this;
  att(namespace: string | null, qname: string, value: string): this;
  att(first: string | null, second: string, third?: string): this {
    const attributes = this.attributes;
    if (!attributes) throw new Error(`XML builder: an attribute of <${this.qname}> must come before its content.`);
    const [ns, qname, value] = third === undefined ? [null, first ?? '', second] : [first, second, third];
    const [prefix, local] = splitName(qname);
    if (ns === null && (prefix !== null || local === 'xmlns')) throw new Error(`XML builder: the attribute ${qname} needs its namespace.`);
    if (ns === XMLNS_NS) {
      // A namespace declaration: it binds its prefix for this element and its content.
      if (prefix !== 'xmlns' || local === 'xmlns' || local === 'xml' || value === '') throw new Error(`XML builder: ${qname}="${value}" is not a namespace declaration this builder writes.`);
      this.setAttribute(attributes, qname, escapeAttribute(value));
      this.scope = bind(this.scope, local, value);
      return this;
    } else if (ns === XML_NS) {
      if (prefix !== 'xml') throw new Error(`XML builder: ${qname} must have the prefix xml.`);
    } else if (ns !== null) {
      if (prefix === null) throw new Error(`XML builder: the attribute ${qname} in a namespace needs a prefix.`);
      if (this.scope.prefixes.get(prefix) !== ns) {
        if (prefix === 'xml' || prefix === 'xmlns' || this.scope.prefixes.has(prefix)) throw new Error(`XML builder: ${qname} cannot be given that namespace here.`);
        // Declared on this element only, as xmlbuilder2 did (an element inside declares it again).
        this.setAttribute(attributes, `xmlns:${prefix}`, escapeAttribute(ns));
      }
    }
    this.setAttribute(attributes, qname, escapeAttribute(value));
    return this;
  }

  private setAttribute(attributes: [string, string][], name: string, value: string): void {
    const existing = attributes.find((a) => a[0] === name);
    if (!existing) attributes.push([name, value]);
    else if ((name === 'xmlns' || name.startsWith('xmlns:')) && existing[1] !== value) throw new Error(`XML builder: <${this.qname}> binds ${name} twice.`);
    else existing[1] = value;
  }

  txt(text: string): this {
    const escaped = escapeText(text);
    this.out.enter(this);
    this.out.text += escaped;
    return this;
  }

  up(): XmlNode {
    return this.parent;
  }
}

export class XmlDocument extends XmlNode {
  readonly qname = '#document';

  constructor(private readonly encoding: 'UTF-8' | undefined) {
    super(new Output(), ROOT_SCOPE);
  }

  /** A DOCTYPE without identifiers; it takes the root element's name. */
  dtd(): this {
    if (this.out.hasRoot || this.out.doctype) throw new Error('XML builder: the DOCTYPE comes once, before the root element.');
    this.out.doctype = true;
    return this;
  }

  protected beforeChild(): void {
    if (this.out.hasRoot) throw new Error('XML builder: a document has one root element.');
    this.out.hasRoot = true;
  }

  override ele(qname: string): XmlElement;
  override ele(namespace: string | null, qname: string): XmlElement;
  override ele(first: string | null, second?: string): XmlElement {
    const element = second === undefined ? super.ele(first ?? '') : super.ele(first, second);
    // Written now that the root's name is known, as xmlbuilder2 names the DOCTYPE after it.
    if (this.out.doctype) this.out.text += `<!DOCTYPE ${element.qname}>`;
    return element;
  }

  /** The whole document; nothing can be added afterwards. */
  end(options: { headless?: boolean } = {}): string {
    if (!this.out.hasRoot) throw new Error('XML builder: the document has no root element.');
    while (this.out.open.length > 0) this.out.close();
    this.closed = true;
    const head = options.headless ? '' : `<?xml version="1.0"${this.encoding ? ` encoding="${this.encoding}"` : ''}?>`;
    return head + this.out.text;
  }
}

/** A new XML 1.0 document; unless ended headless, it starts with `<?xml version="1.0" encoding="…"?>`. */
export function xmlDocument(options: { encoding?: 'UTF-8' } = {}): XmlDocument {
  return new XmlDocument(options.encoding);
}
