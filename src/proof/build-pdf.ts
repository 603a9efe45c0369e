/**
 * The print PDF of a book project, in memory: the build session's check and PDF steps
 * (src/pipeline/session.ts), without the EPUB and without writing anything.
 */
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Book } from '../model/book.js';
import type { BuildContext } from '../pipeline/context.js';
import { DiskCache } from '../pipeline/disk-cache.js';
import { BuildSession } from '../pipeline/session.js';
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
  const cache = new DiskCache(dir);
  const session = new BuildSession({ dir, env, cache });
  try {
    const { book, diagnostics } = await session.checked();
    if (!book || diagnostics.some((d) => d.severity === 'error')) throw new BuildFailure(diagnostics);
    // The screen PDF: the CropBox shows the trimmed page, as the reader will hold it.
    const { final, pdf } = await session.print(book);
    const failures = verifyPdf(pdf.bytes, pdf.pageCount);
    if (failures.some((d) => d.severity === 'error')) throw new BuildFailure(failures);
    return { book: final, ctx: await session.context(book), bytes: pdf.bytes, pageCount: pdf.pageCount, diagnostics };
  } finally {
    // A proof makes no EPUB: what it did not use may still be the build's.
    await cache.flush({ prune: false });
  }
}
