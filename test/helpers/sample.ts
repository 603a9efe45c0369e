/**
 * Loads a book project into the model the writers take, failing loudly on any diagnostic.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrontPages } from '../../src/derive/front-pages.js';
import type { Book } from '../../src/model/book.js';
import type { BuildContext } from '../../src/pipeline/context.js';
import { BuildSession } from '../../src/pipeline/session.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE_DIR = path.join(REPO_ROOT, 'manuscript');

export interface LoadedBook {
  book: Book;
  front: FrontPages;
  ctx: BuildContext;
}

/** The build session's book and context steps, without a cache, at a fixed date. */
export async function loadBook(dir: string = SAMPLE_DIR): Promise<LoadedBook> {
  const session = new BuildSession({ dir, env: { ...process.env, SOURCE_DATE_EPOCH: String(Date.UTC(2017, 8, 1) / 1000) } });
  const { book, loadDiagnostics, diagnostics } = await session.book();
  if (!book) throw new Error(JSON.stringify(loadDiagnostics, null, 2));
  if (diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics, null, 2));
  return { book, front: session.front(book.meta), ctx: await session.context(book) };
}
