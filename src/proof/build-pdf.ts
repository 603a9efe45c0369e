/**
 * The print PDF of a book project, in memory: the same check, context and layout as
 * `hanpress build` (src/pipeline/build.ts), without the EPUB and without writing anything.
 */
import path from 'node:path';
import { checkProject } from '../pipeline/check.js';
import { layOutPrint } from '../pipeline/build.js';
import { resolveBuildDate, type BuildContext } from '../pipeline/context.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadFontConfig } from '../fonts/config.js';
import type { Book } from '../model/book.js';
import { verifyPdf } from '../verify/verify.js';

export interface ProofPdf {
  book: Book;
  ctx: BuildContext;
  bytes: Uint8Array;
  pageCount: number;
  /** Warnings that did not stop the build. */
  diagnostics: Diagnostic[];
}

/** Throws BuildFailure with positioned diagnostics when the book cannot be built. */
export async function buildProofPdf(dir: string, env: NodeJS.ProcessEnv): Promise<ProofPdf> {
  const root = path.resolve(dir);
  const { book, diagnostics } = await checkProject(root);
  if (!book || diagnostics.some((d) => d.severity === 'error')) throw new BuildFailure(diagnostics);
  const ctx: BuildContext = {
    buildDate: resolveBuildDate(env, book.meta.edition.date),
    fonts: await loadFontConfig(root),
  };
  // The screen PDF: the CropBox shows the trimmed page, as the reader will hold it.
  const { final, pdf } = await layOutPrint(book, ctx);
  const failures = verifyPdf(pdf.bytes, pdf.pageCount);
  if (failures.some((d) => d.severity === 'error')) throw new BuildFailure(failures);
  return { book: final, ctx, bytes: pdf.bytes, pageCount: pdf.pageCount, diagnostics };
}
