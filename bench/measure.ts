/**
 * One measured build in its own process, so peak memory belongs to this build alone.
 * Prints one JSON line: phase times and peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { checkProject } from '../src/pipeline/check.js';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { writeEpub } from '../src/writers/epub/index.js';
import os from 'node:os';
import { makePrintFiles } from '../src/print/files.js';
import { writePdf } from '../src/writers/pdf/index.js';

const dir = process.argv[2] ?? 'manuscript';
// --print: also the printer's files (K-only book block, PDF/X, cover, preflight of both).
const print = process.argv.includes('--print');
const t0 = performance.now();
const { book, diagnostics } = await checkProject(dir);
if (!book) throw new Error(JSON.stringify(diagnostics));
const ctx = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
const front = deriveFrontPages(book.meta);
const t1 = performance.now();
const epub = await writeEpub(book, front, ctx);
const t2 = performance.now();
const pdf = await writePdf(book, front, ctx);
const t3 = performance.now();
const printed = print
  ? await makePrintFiles(book, ctx, os.tmpdir(), () => writePdf(book, front, ctx, { cropMarks: true, ink: true }))
  : undefined;
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
