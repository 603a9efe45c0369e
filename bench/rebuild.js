/**
 * One measured build of a book project through the cache across runs, in its own process:
 *   cold   the cache folder removed first (the first build of a checkout)
 *   warm   one chapter edited since the last build, the cache read from disk (a new
 *          `hanpress build` after a save)
 *   watch  a build to warm the process, one chapter edited, a rebuild in the same process
 *          with the last build's entries in memory (`hanpress build --watch`); the rebuild
 *          is measured
 * Prints one JSON line: the build's phases (from its progress messages), the cache's hits and
 * misses, and peak RSS.
 *
 * It runs the compiled code (lib/, what `hanpress build` runs; `npm run bench` compiles first)
 * under plain node: under tsx every build also paid for transpiling the modules it loads and
 * for compiling the schema validators at run time (2–3 s of CPU between the two threads, cold
 * and warm alike), which the installed program never does. Plain JavaScript for that reason.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { buildBook } from '../lib/pipeline/build.js';
import { DiskCache } from '../lib/pipeline/disk-cache.js';

const [dir = '', mode = 'cold', outDir = path.join(dir, 'dist')] = process.argv.slice(2);
const ADDED = '又说了一句话。';

/** A real edit either way: the sentence is added, or taken out again. */
async function editOneChapter() {
  // The chapter in the middle of the book.
  const chapters = (await readdir(path.join(dir, 'chapters'))).sort();
  const file = path.join(dir, 'chapters', chapters[Math.floor(chapters.length / 2)] ?? '');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.includes(ADDED) ? text.replace(ADDED, '') : text.replace('。', `。${ADDED}`));
}

/** @param {DiskCache} cache */
async function timedBuild(cache) {
  /** @type {Array<[string, number, number]>} */
  const marks = [];
  const cpuNow = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const cpu = cpuNow();
  const started = performance.now();
  await buildBook({ dir, outDir, cache, env: { SOURCE_DATE_EPOCH: '1714521600' }, progress: (text) => marks.push([text.split(':')[0] ?? text, performance.now(), cpuNow()]) });
  const end = performance.now();
  const cpuEnd = cpuNow();
  marks.push(['end', end, cpuEnd]);
  /** @type {(name: string, i: 1 | 2, fallback: number) => number} */
  const at = (name, i, fallback) => marks.find((m) => m[0].startsWith(name))?.[i] ?? fallback;
  /** @type {(from: string, to: string) => number} */
  const phase = (from, to) => at(to, 1, end) - at(from, 1, started);
  return {
    totalMs: end - started,
    // CPU time of the build (this process): on a shared machine it moves less with the load than the clock.
    cpuMs: cpuEnd - cpu,
    checkMs: phase('checking the book', 'laying out the PDF'),
    pdfMs: phase('laying out the PDF', 'writing the EPUB'),
    epubMs: phase('writing the EPUB', 'writing the files'),
    // The EPUB is made in this process alone (the checks beside the PDF are done by then).
    epubCpuMs: at('writing the files', 2, cpuEnd) - at('writing the EPUB', 2, cpu),
    writeMs: phase('writing the files', 'end'),
  };
}

const cache = new DiskCache(dir);
if (mode === 'cold') await rm(path.join(dir, '.hanpress-cache'), { recursive: true, force: true });
if (mode === 'watch') await timedBuild(cache);
if (mode !== 'cold') await editOneChapter();
const times = await timedBuild(cache);
process.stdout.write(`${JSON.stringify({ mode, ...times, cache: cache.lastStats, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
