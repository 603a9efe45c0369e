/**
 * One measured build in its own process, so peak memory belongs to this build alone: the
 * build session's steps one after another, without the cache across runs. Prints one JSON
 * line: phase times and peak RSS.
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { makePrintFiles } from '../src/print/files.js';
import { BuildSession } from '../src/pipeline/session.js';

const dir = process.argv[2] ?? 'manuscript';
// --print: also the printer's files (K-only book block, PDF/X, cover, preflight of both).
const print = process.argv.includes('--print');
const session = new BuildSession({ dir, env: { ...process.env, SOURCE_DATE_EPOCH: String(Date.UTC(2017, 8, 1) / 1000) } });
const t0 = performance.now();
const { book, diagnostics } = await session.checked();
if (!book) throw new Error(JSON.stringify(diagnostics));
const ctx = await session.context(book);
const t1 = performance.now();
const epub = await session.epub(book);
const t2 = performance.now();
const pdf = await session.pdf(book, { keepPages: print });
const t3 = performance.now();
const printed = print ? await makePrintFiles(book, ctx, os.tmpdir(), () => session.pdf(book, { cropMarks: true, ink: true, ...(pdf.typeset ? { typeset: pdf.typeset } : {}) })) : undefined;
const t4 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    loadMs: t1 - t0,
    epubMs: t2 - t1,
    pdfMs: t3 - t2,
    epubBytes: epub.length,
    pdfBytes: pdf.bytes.length,
    pages: pdf.pageCount,
    ...(printed ? { printMs: t4 - t3, printBytes: printed.block.bytes.length + printed.cover.bytes.length } : {}),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
