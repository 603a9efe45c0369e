/**
 * Everything `build` checks before it writes, usable alone by `hanpress check`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadProject } from '../load/project.js';
import { assembleBook } from '../model/assemble.js';
import type { Book } from '../model/book.js';
import { imageDiagnostics } from '../validate/images.js';

export async function checkProject(dir: string): Promise<{ book?: Book; diagnostics: Diagnostic[] }> {
  const loaded = await loadProject(dir);
  if (!loaded.project) return { diagnostics: loaded.diagnostics };
  const { book, diagnostics } = assembleBook(loaded.project);
  return { book, diagnostics: [...loaded.diagnostics, ...diagnostics, ...imageDiagnostics(book)] };
}
