/**
 * The PDF rebuilt warm after an edit, in its own process: a cold writePdf fills an in-memory
 * page cache, one character of one chapter is changed on disk (an ideograph for another, so
 * the chapter keeps its pages), the book is read again and the PDF rewritten with the cache.
 * Prints one JSON line: both times (whole PDF, and the writer's part after typesetting), how
 * many pages were drawn again, peak RSS.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deriveFrontPages } from '../src/derive/front-pages.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { checkProject } from '../src/pipeline/check.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { memoryPageCache } from '../src/writers/pdf/page-cache.js';

const dir = process.argv[2] ?? 'manuscript';
const chapterFile = path.join(dir, 'chapters', process.argv[3] ?? '060.md');
const ctx = { buildDate: new Date(Date.UTC(2017, 8, 1)), fonts: await loadFontConfig(dir) };
const store = memoryPageCache();
let misses = 0;
const cache = { get: (key: string) => store.get(key), set: (key: string, bytes: Uint8Array) => (misses++, store.set(key, bytes)) };

async function pdf(): Promise<{ ms: number; writeMs: number; pages: number; bytes: Uint8Array }> {
  const { book, diagnostics } = await checkProject(dir);
  if (!book) throw new Error(JSON.stringify(diagnostics));
  const t = performance.now();
  const out = await writePdf(book, deriveFrontPages(book.meta), ctx, { pageCache: cache });
  return { ms: performance.now() - t, writeMs: out.timings.writeMs, pages: out.pageCount, bytes: out.bytes };
}

const cold = await pdf();
const original = await readFile(chapterFile, 'utf8');
const at = original.indexOf('道', original.indexOf('---', 4));
try {
  await writeFile(chapterFile, `${original.slice(0, at)}说${original.slice(at + 1)}`);
  misses = 0;
  const warm = await pdf();
  process.stdout.write(
    `${JSON.stringify({ coldMs: cold.ms, warmMs: warm.ms, coldWriteMs: cold.writeMs, warmWriteMs: warm.writeMs, pages: warm.pages, drawnAgain: misses, changed: !Buffer.from(warm.bytes).equals(Buffer.from(cold.bytes)), peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
} finally {
  await writeFile(chapterFile, original);
}
