/**
 * The 开本 (sheet size and fold) must be one the PDF writer knows, and the design's text block
 * must fit its trimmed page with the minimum margin. The rules are the writer's own
 * (src/typeset/geometry.ts), run here so `check` refuses what `build` would, at the
 * `print.paper` line of book.yaml.
 */
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { BookMetadata } from '../model/metadata.js';
import { loadDesign, Typography, type Design } from '../typeset/design.js';
import { loadFormats, pageGeometry, trimmedSize } from '../typeset/geometry.js';

export async function printFormatDiagnostics(meta: BookMetadata, source: YamlSource, design?: Design): Promise<Diagnostic[]> {
  try {
    const trim = trimmedSize(meta.print, await loadFormats());
    const used = design ?? (await loadDesign());
    pageGeometry(trim, used, new Typography(used).bodyLeading);
    return [];
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    return error.diagnostics.map((d) => ({ ...d, file: source.file, ...source.positionOf(['print', 'paper']) }));
  }
}
