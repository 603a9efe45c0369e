/**
 * The 开本 (sheet size and fold) must be one the PDF writer knows, and the design's text block
 * must fit its trimmed page with the minimum margin. The rules are the writer's own
 * (src/typeset/geometry.ts), run here so `check` refuses what `build` would: at the field of the
 * book's design.yaml that fixed the text block, or else at the `print.paper` line of book.yaml.
 */
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { BookMetadata } from '../model/metadata.js';
import { loadDesign, mergeDesign, Typography, type DesignOverrides } from '../typeset/design.js';
import { loadFormats, pageGeometry, trimmedSize } from '../typeset/geometry.js';

export interface BookDesignSource {
  overrides?: DesignOverrides;
  source?: YamlSource;
}

/** Fields of a design.yaml that size the text block, most telling first. */
const SIZING: Array<[string, string]> = [
  ['textBlock', 'charsPerLine'],
  ['textBlock', 'linesPerPage'],
  ['textBlock', 'minMargin'],
  ['styles', 'body'],
  ['textBlock', 'fill'],
  ['furniture', 'folioGap'],
  ['furniture', 'headGap'],
];

function sizingField(overrides: DesignOverrides | undefined): string[] | undefined {
  const record = overrides as Record<string, Record<string, unknown> | undefined> | undefined;
  return SIZING.find(([group, field]) => record?.[group]?.[field] !== undefined);
}

export async function printFormatDiagnostics(meta: BookMetadata, source: YamlSource, design: BookDesignSource = {}): Promise<Diagnostic[]> {
  let trimmed = false;
  try {
    const trim = trimmedSize(meta.print, await loadFormats());
    trimmed = true;
    const used = mergeDesign(await loadDesign(), design.overrides);
    pageGeometry(trim, used, new Typography(used).bodyLeading);
    return [];
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    const field = trimmed ? sizingField(design.overrides) : undefined;
    const at = field && design.source ? { file: design.source.file, ...design.source.positionOf(field) } : { file: source.file, ...source.positionOf(['print', 'paper']) };
    return error.diagnostics.map((d) => ({ ...d, ...at }));
  }
}
