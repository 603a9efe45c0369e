/**
 * `hanpress proof`: the book's print PDF, built in memory, as a PNG contact sheet of chosen
 * spreads for reviewers. The PNG is the only file written, replaced atomically.
 */
import path from 'node:path';
import { writeOutputsAtomically } from '../pipeline/output.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { noteDestination } from '../typeset/text.js';
import { TOC_ID } from '../typeset/toc.js';
import { buildProofPdf } from './build-pdf.js';
import { defaultPicks, parsePageList, spreadsFor, type Spread } from './select.js';
import { DEFAULT_SHEET, pageFacts, renderSheet } from './sheet.js';

export interface ProofOptions {
  dir: string;
  /** The PNG to write; default `<slug>-proof.png` in the folder `cwd` (the CLI passes the project's dist/). */
  out?: string;
  cwd: string;
  /** `--pages` as given; undefined for the default choice. */
  pages?: string;
  env: NodeJS.ProcessEnv;
}

export interface ProofReport {
  out: string;
  bytes: number;
  spreads: Spread[];
  pageCount: number;
  diagnostics: Diagnostic[];
}

/** A `--pages` list that names no page of the book. */
export class PageListError extends Error {}

export async function makeProof(options: ProofOptions): Promise<ProofReport> {
  const pdf = await buildProofPdf(options.dir, options.env);
  let spreads: Spread[];
  if (options.pages !== undefined) {
    const picks = parsePageList(options.pages, pdf.pageCount);
    if (typeof picks === 'string') throw new PageListError(picks);
    spreads = spreadsFor(picks, pdf.pageCount);
  } else {
    const facts = await pageFacts(pdf.bytes);
    const picks = defaultPicks(pdf.book, { pageCount: pdf.pageCount, ...facts }, TOC_ID, noteDestination);
    spreads = spreadsFor(picks, pdf.pageCount);
  }
  const png = await renderSheet(pdf.bytes, spreads, { ...DEFAULT_SHEET, labelFont: pdf.ctx.fonts.body.normal.path });
  const out = options.out ?? path.join(options.cwd, `${pdf.book.meta.slug}-proof.png`);
  await writeOutputsAtomically([{ path: out, bytes: png }]);
  return { out, bytes: png.length, spreads, pageCount: pdf.pageCount, diagnostics: pdf.diagnostics };
}
