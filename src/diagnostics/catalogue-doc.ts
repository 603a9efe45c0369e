/**
 * The table of every diagnostic code in docs/diagnostics.md, made from the catalogue so the
 * two cannot drift apart (test/diagnostics-catalogue.test.ts compares them).
 */
import { AREAS, CATALOGUE, docsAnchor, type CatalogueEntry } from './catalogue.js';

export const DOC_START = '<!-- catalogue:start (generated from src/diagnostics/catalogue.ts) -->';
export const DOC_END = '<!-- catalogue:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function catalogueMarkdown(): string {
  const byArea = new Map<string, [string, CatalogueEntry][]>();
  for (const [code, entry] of Object.entries(CATALOGUE) as [string, CatalogueEntry][]) {
    const area = code.split('/')[0] ?? code;
    byArea.set(area, [...(byArea.get(area) ?? []), [code, entry]]);
  }
  const sections = Object.entries(AREAS)
    .filter(([area]) => byArea.has(area))
    .map(([area, name]) => {
      const rows = (byArea.get(area) ?? []).map(
        ([code, e]) => `| <a id="${docsAnchor(code)}"></a>\`${code}\` | ${e.severity} | ${cell(e.title)} | ${cell(e.hint)} |`,
      );
      return [`### ${name}`, '', '| code | severity | what | what to do |', '|---|---|---|---|', ...rows].join('\n');
    });
  return [DOC_START, '', ...sections.flatMap((s) => [s, '']), DOC_END].join('\n');
}

/** The doc with its generated section replaced by the current catalogue. */
export function withCatalogue(doc: string): string {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error('docs/diagnostics.md lacks the catalogue markers');
  return doc.slice(0, start) + catalogueMarkdown() + doc.slice(end + DOC_END.length);
}
