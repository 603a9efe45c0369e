/**
 * The .docx as parts: a zip (fflate) of XML files read with a real XML parser (@xmldom/xmldom).
 * Elements are matched by local name, so Transitional and Strict OOXML read the same; the
 * helpers here are the only place that knows DOM node types.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';

export class DocxError extends Error {}

export interface DocxPackage {
  files: Record<string, Uint8Array>;
  xml(path: string): Element | undefined;
  /** Relationship id → target path inside the zip, for the part at `path`. */
  rels(path: string): Map<string, { target: string; external: boolean }>;
}

const ELEMENT = 1;
const decoder = new TextDecoder('utf-8');

export function parseXml(text: string, name: string): Document {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new DocxError(`${name}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new DocxError(`${name} is not well-formed XML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function openDocx(bytes: Uint8Array): DocxPackage {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new DocxError('the file is not a zip archive, so not a .docx (a .doc from Word 97–2003 must be saved as .docx first)');
  }
  if (!files['word/document.xml']) throw new DocxError('the archive has no word/document.xml, so it is not a Word document');
  const cache = new Map<string, Element | undefined>();
  const xml = (path: string): Element | undefined => {
    if (!cache.has(path)) {
      const data = files[path];
      cache.set(path, data ? (parseXml(decoder.decode(data), path).documentElement ?? undefined) : undefined);
    }
    return cache.get(path);
  };
  const rels = (path: string): Map<string, { target: string; external: boolean }> => {
    const relsPath = path.replace(/([^/]+)$/, '_rels/$1.rels');
    const out = new Map<string, { target: string; external: boolean }>();
    for (const rel of descendants(xml(relsPath), 'Relationship')) {
      const id = attr(rel, 'Id');
      const target = attr(rel, 'Target');
      if (!id || target === undefined) continue;
      const external = attr(rel, 'TargetMode') === 'External';
      out.set(id, { target: external ? target : resolvePath(path, target), external });
    }
    return out;
  };
  return { files, xml, rels };
}

export function children(el: Element | undefined, local?: string): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT && (local === undefined || (n as Element).localName === local)) out.push(n as Element);
  }
  return out;
}

export function child(el: Element | undefined, local: string): Element | undefined {
  return children(el, local)[0];
}

export function descendants(el: Element | undefined, local: string): Element[] {
  if (!el) return [];
  return Array.from(el.getElementsByTagNameNS('*', local));
}

/** An attribute by local name, whatever its prefix (w:val, r:id, …). */
export function attr(el: Element | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a && (a.localName ?? a.name) === local) return a.value;
  }
  return undefined;
}

/** `<w:b/>`, `<w:b w:val="true"/>` are on; `w:val="0"`/`"false"`/`"none"` off. */
export function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === undefined || !['0', 'false', 'off', 'none'].includes(v);
}

export function textContent(el: Element | undefined): string {
  return el?.textContent ?? '';
}
