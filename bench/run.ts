/**
 * npm run bench: builds the sample book and the 水浒传 corpus (a quarter and all of it) side
 * by side in one run and prints times, memory and the ratios that matter: cost per character
 * and whether it stays linear as the book grows; then start-up against `node -e 0`
 * (bench/startup.ts) and a cold full build against Typst on the same text (bench/typst.ts).
 * `--only startup`, `--only typst`, `--only rebuild` (bench/rebuild-rows.ts), `--only memory`
 * (bench/cli-memory.ts: the command's peak RSS at every book length) or `--only lint`
 * (bench/lint-cpu.ts: the lint's CPU, cold) runs one of those alone.
 */
import './run-temp.js';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliMemoryRows } from './cli-memory.js';
import { lintCpuRows } from './lint-cpu.js';
import { corpusProject } from './corpus-project.js';
import { pdfWriterRows } from './pdf-writer.js';
import { rebuildRows } from './rebuild-rows.js';
import { printStartup, startupTimings } from './startup.js';
import { printTypst, typstTimings } from './typst.js';

interface Measurement {
  loadMs: number;
  epubMs: number;
  pdfMs: number;
  epubBytes: number;
  pdfBytes: number;
  pages: number;
  peakRssMb: number;
  /** With --print: the print files' time (ink render, PDF/X, cover, preflight) and bytes. */
  printMs?: number;
  printBytes?: number;
}

const root = path.resolve(import.meta.dirname, '..');
const sample = path.join(root, 'manuscript');
const full = process.argv.includes('--quick') ? 30 : 121;

function measure(dir: string, print = false): Measurement {
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const args = [path.join(root, 'bench/measure.ts'), dir, ...(print ? ['--print'] : [])];
  const out = execFileSync(tsx, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Measurement;
}

async function corpus(chapters: number): Promise<{ dir: string; characters: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `hanpress-bench-${chapters}-`));
  return { dir, characters: await corpusProject(dir, chapters, path.join(sample, 'book.yaml')) };
}

const STARTUP_ROUNDS = 10;
const TYPST_ROUNDS = 2;
const MEMORY_ROUNDS = 2;
const LINT_ROUNDS = 5;

/** `--before <checkout>`: an older hanpress in the same interleaved rounds. */
const beforeAt = process.argv.indexOf('--before');
const before = beforeAt > 0 ? path.resolve(process.argv[beforeAt + 1] ?? '') : undefined;

async function startupAndTypst(which: 'startup' | 'typst' | 'both'): Promise<void> {
  if (which !== 'typst') printStartup(startupTimings(root, STARTUP_ROUNDS, before), STARTUP_ROUNDS);
  if (which === 'startup') return;
  const novel = await corpus(full);
  printTypst(await typstTimings(root, novel.dir, TYPST_ROUNDS, before), `水浒传 ${full} ch.`, TYPST_ROUNDS);
}

/** The real command's peak RSS: the sample, a quarter and all of 水浒传 (bench/cli-memory.ts). */
async function memoryRows(): Promise<void> {
  const quarter = await corpus(Math.ceil(full / 4));
  const whole = await corpus(full);
  cliMemoryRows(
    root,
    [
      { name: 'sample book', dir: sample },
      { name: `水浒传 ${Math.ceil(full / 4)} ch.`, dir: quarter.dir },
      { name: `水浒传 ${full} ch.`, dir: whole.dir },
    ],
    MEMORY_ROUNDS,
  );
}

/** The lint's CPU, cold, on the sample and all of 水浒传 (bench/lint-cpu.ts). */
async function lintRows(novel?: { dir: string }): Promise<void> {
  const whole = novel ?? (await corpus(full));
  lintCpuRows(root, [{ name: 'sample book', dir: sample }, { name: `水浒传 ${full} ch.`, dir: whole.dir }], LINT_ROUNDS, before);
}

const onlyAt = process.argv.indexOf('--only');
if (onlyAt >= 0) {
  const only = process.argv[onlyAt + 1];
  if (only !== 'startup' && only !== 'typst' && only !== 'rebuild' && only !== 'memory' && only !== 'lint') throw new Error('--only takes startup, typst, rebuild, memory or lint');
  if (only === 'memory') await memoryRows();
  else if (only === 'lint') await lintRows();
  else if (only === 'rebuild') {
    // The rebuild rows alone (a few minutes): cold, warm and --watch on the whole book.
    const novel = await corpus(full);
    rebuildRows(root, novel.dir, `水浒传 ${full} ch.`);
  } else await startupAndTypst(only);
  process.exit(0);
}

const quarter = await corpus(Math.ceil(full / 4));
const whole = await corpus(full);
const quarterName = `水浒传 ${Math.ceil(full / 4)} ch.`;
const wholeName = `水浒传 ${full} ch.`;
const rows = [
  { name: 'sample book', characters: NaN, m: measure(sample) },
  { name: quarterName, characters: quarter.characters, m: measure(quarter.dir) },
  { name: wholeName, characters: whole.characters, m: measure(whole.dir) },
];
console.log('the build session\'s steps one after another in one thread (bench/measure.ts; the command\'s own peak RSS is measured below)');
console.log('case                 chars    load ms   epub ms    pdf ms  pages   epub MB   pdf MB  peak MB');
for (const { name, characters, m } of rows) {
  console.log(
    [
      name.padEnd(16),
      (Number.isNaN(characters) ? '-' : String(characters)).padStart(9),
      m.loadMs.toFixed(0).padStart(10),
      m.epubMs.toFixed(0).padStart(9),
      m.pdfMs.toFixed(0).padStart(9),
      String(m.pages).padStart(6),
      (m.epubBytes / 1e6).toFixed(2).padStart(9),
      (m.pdfBytes / 1e6).toFixed(2).padStart(8),
      m.peakRssMb.toFixed(0).padStart(8),
    ].join(' '),
  );
}
const [, q, w] = rows;
const ratio = (a: number, b: number): string => `×${(a / b).toFixed(2)}`;
if (q && w) {
  const charRatio = w.characters / q.characters;
  const per100k = (a: number, b: number): string => (((a - b) / (w.characters - q.characters)) * 1e5).toFixed(0);
  console.log(`\ncharacters ×${charRatio.toFixed(2)} → EPUB time ×${(w.m.epubMs / q.m.epubMs).toFixed(2)}, PDF time ×${(w.m.pdfMs / q.m.pdfMs).toFixed(2)} (linear = ×${charRatio.toFixed(2)})`);
  console.log(`PDF ms per 100k characters: ${((w.m.pdfMs / w.characters) * 1e5).toFixed(0)}; PDF/EPUB time ×${(w.m.pdfMs / w.m.epubMs).toFixed(1)}`);
  console.log(`peak RSS growth per 100k characters (quarter → whole): ${per100k(w.m.peakRssMb, q.m.peakRssMb)} MB`);
}
// build --print: the book block rendered again in K-only ink, made PDF/X, the cover, and
// preflight of both, against the screen PDF of the same book.
const printed = measure(whole.dir, true);
if (printed.printMs !== undefined) {
  console.log(
    `\nprint files (${wholeName}, ${printed.pages} pages): ${(printed.printMs / 1000).toFixed(1)} s = screen PDF time ${ratio(printed.printMs, printed.pdfMs)}, peak RSS ${printed.peakRssMb.toFixed(0)} MB (screen only ${w?.m.peakRssMb.toFixed(0) ?? '?'} MB), ${((printed.printBytes ?? 0) / 1e6).toFixed(2)} MB`,
  );
}
// The command as a user runs it (worker thread included): peak RSS at every length, warm, --print.
cliMemoryRows(
  root,
  [
    { name: 'sample book', dir: sample },
    { name: quarterName, dir: quarter.dir },
    { name: wholeName, dir: whole.dir },
  ],
  MEMORY_ROUNDS,
);
await lintRows(whole);
// The PDF writer: before/after (`--before <checkout>`) and the warm rebuild with the page cache.
pdfWriterRows(root, whole.dir, wholeName, before);
// The cache across runs: cold build against a rebuild after editing one chapter.
rebuildRows(root, whole.dir, wholeName);
await startupAndTypst('both');
