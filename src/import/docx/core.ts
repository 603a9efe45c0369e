/**
 * docProps/core.xml: the document's title, author, subject, keywords and language as Word's
 * File › Properties holds them.
 */
import { child, textContent, type DocxPackage } from './ooxml.js';

export interface CoreProperties {
  title?: string;
  creator?: string;
  subject?: string;
  keywords?: string;
  description?: string;
  language?: string;
}

export function readCore(pkg: DocxPackage): CoreProperties {
  const root = pkg.xml('docProps/core.xml');
  const out: CoreProperties = {};
  for (const key of ['title', 'creator', 'subject', 'keywords', 'description', 'language'] as const) {
    const value = textContent(child(root, key)).trim();
    if (value !== '') out[key] = value;
  }
  return out;
}
