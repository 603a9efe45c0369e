/**
 * Everything `build` checks before it writes, usable alone by `hanpress check`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lintProject } from '../lint/project.js';
import { loadProject } from '../load/project.js';
import type { YamlSource } from '../load/yaml-source.js';
import { assembleBook } from '../model/assemble.js';
import type { Book } from '../model/book.js';
import { projectGlyphCoverage } from '../validate/glyph-coverage.js';
import { coverDiagnostics } from '../validate/cover.js';
import { imageDiagnostics } from '../validate/images.js';
import { printFormatDiagnostics } from '../validate/print-format.js';
import { manuscriptDiagnostics } from '../validate/manuscript-rules.js';
import { unlistedMarkdown } from '../validate/unlisted.js';
import type { RuleContext } from '../validate/rules.js';

export interface CheckedProject {
  book?: Book;
  /** book.yaml with positions, for rules that run after the build (page count). */
  metaSource?: YamlSource;
  diagnostics: Diagnostic[];
}

export async function checkProject(dir: string, cx?: RuleContext): Promise<CheckedProject> {
  const loaded = await loadProject(dir, cx);
  if (!loaded.project) return { diagnostics: loaded.diagnostics };
  const { book, diagnostics } = assembleBook(loaded.project);
  const metaSource = loaded.project.metaSource;
  return {
    book,
    metaSource,
    diagnostics: [
      ...loaded.diagnostics,
      ...(await unlistedMarkdown(dir, loaded.project.meta)),
      ...diagnostics,
      ...(await imageDiagnostics(book)),
      ...(await coverDiagnostics(dir)),
      ...(await printFormatDiagnostics(book.meta, metaSource, { overrides: loaded.project.design, source: loaded.project.designSource })),
      ...manuscriptDiagnostics(book, metaSource),
      ...lintProject(loaded.project),
      ...(await projectGlyphCoverage(book)),
    ],
  };
}
