/**
 * Loads a book project into the model the writers take, failing loudly on any diagnostic.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../../src/load/project.js';
import { assembleBook } from '../../src/model/assemble.js';
import { deriveFrontPages, type FrontPages } from '../../src/derive/front-pages.js';
import { loadFontConfig } from '../../src/fonts/config.js';
import type { Book } from '../../src/model/book.js';
import type { BuildContext } from '../../src/pipeline/context.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE_DIR = path.join(REPO_ROOT, 'manuscript');

export interface LoadedBook {
  book: Book;
  front: FrontPages;
  ctx: BuildContext;
}

export async function loadBook(dir: string = SAMPLE_DIR): Promise<LoadedBook> {
  const loaded = await loadProject(dir);
  if (!loaded.project) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
  const { book, diagnostics } = assembleBook(loaded.project);
  if (diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics, null, 2));
  const ctx: BuildContext = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
  return { book, front: deriveFrontPages(book.meta), ctx };
}
