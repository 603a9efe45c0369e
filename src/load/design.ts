/**
 * A book's own design file: `design.yaml` next to book.yaml, optional. Read like book.yaml —
 * through the project reader (a link out of the project is refused), parsed with positions and
 * checked against its schema — so a bad field is reported at its line and column.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DesignOverrides } from '../typeset/design.js';
import { checkDesign } from '../validate/schema-check.js';
import { readContainedText, YAML_LIMIT, type ReadFailure } from './read.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export const DESIGN_FILE_NAME = 'design.yaml';

export interface BookDesign {
  overrides?: DesignOverrides;
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

/** `failed` turns a read failure (a link out of the project, a folder, bad UTF-8) into a diagnostic. */
export async function loadBookDesign(root: string, rootReal: string, failed: (failure: ReadFailure, file: string) => Diagnostic): Promise<BookDesign> {
  const read = await readContainedText([rootReal], path.join(root, DESIGN_FILE_NAME), YAML_LIMIT);
  if ('failure' in read) {
    return read.failure.kind === 'missing' ? { diagnostics: [] } : { diagnostics: [failed(read.failure, DESIGN_FILE_NAME)] };
  }
  const parsed = parseYamlSource(read.text, DESIGN_FILE_NAME);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const checked = checkDesign(parsed.source);
  return { overrides: checked.design, source: parsed.source, diagnostics: checked.diagnostics };
}
