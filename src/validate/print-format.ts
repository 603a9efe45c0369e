/**
 * The 开本 (sheet size and fold) must be one the PDF writer knows. The rule is the writer's own
 * (src/typeset/geometry.ts), run here so `check` refuses what `build` would, at the
 * `print.paper` line of book.yaml.
 */
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { BookMetadata } from '../model/metadata.js';
import { loadFormats, trimmedSize } from '../typeset/geometry.js';

export async function printFormatDiagnostics(meta: BookMetadata, source: YamlSource): Promise<Diagnostic[]> {
  try {
    trimmedSize(meta.print, await loadFormats());
    return [];
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    return error.diagnostics.map((d) => ({ ...d, file: source.file, ...source.positionOf(['print', 'paper']) }));
  }
}
