/** toc.ncx for EPUB 2 reading systems (older Kindle conversions, some e-ink readers). */
import type { TocEntry } from './toc.js';
import { tocDepth } from './toc.js';
import { NS, newXmlDocument, serialize, type XMLBuilder } from './xml.js';

export interface NcxInput {
  identifier: string;
  title: string;
  language: string;
  toc: TocEntry[];
}

function renderNavPoints(parent: XMLBuilder, entries: TocEntry[], counter: { next: number }): void {
  for (const entry of entries) {
    const order = counter.next++;
    const point = parent.ele('navPoint').att('id', `navpoint-${order}`).att('playOrder', String(order));
    point.ele('navLabel').ele('text').txt(entry.label);
    point.ele('content').att('src', entry.href);
    renderNavPoints(point, entry.children, counter);
  }
}

export function renderNcx(input: NcxInput): string {
  const doc = newXmlDocument();
  const ncx = doc.ele(NS.ncx, 'ncx').att('version', '2005-1').att(NS.xml, 'xml:lang', input.language);
  const head = ncx.ele('head');
  const meta = (name: string, content: string): void => {
    head.ele('meta').att('name', name).att('content', content);
  };
  // Must equal the package's unique identifier, or EPUBCheck reports a mismatch.
  meta('dtb:uid', input.identifier);
  meta('dtb:depth', String(Math.max(1, tocDepth(input.toc))));
  meta('dtb:totalPageCount', '0');
  meta('dtb:maxPageNumber', '0');
  ncx.ele('docTitle').ele('text').txt(input.title);
  renderNavPoints(ncx.ele('navMap'), input.toc, { next: 1 });
  return serialize(doc);
}
