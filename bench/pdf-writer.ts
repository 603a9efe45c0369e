/**
 * Bench rows of the PDF writer, on the whole 水浒传:
 *   - before/after: cold PDF time and peak RSS of this checkout against another one given with
 *     `--before <checkout>` (e.g. a worktree of main before a change; it needs node_modules),
 *     interleaved, two runs each;
 *   - warm: the PDF rebuilt after a one-character edit with the page cache filled by a cold
 *     build (bench/measure-pdf-warm.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Cold {
  pdfMs: number;
  peakRssMb: number;
  pages: number;
}

interface Warm {
  coldMs: number;
  warmMs: number;
  coldWriteMs: number;
  warmWriteMs: number;
  pages: number;
  drawnAgain: number;
  changed: boolean;
  peakRssMb: number;
}

function run<T>(checkout: string, script: string, args: string[]): T {
  const tsx = path.join(checkout, 'node_modules/.bin/tsx');
  const out = execFileSync(tsx, [path.join(checkout, script), ...args], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: checkout });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const ratio = (a: number, b: number): string => `×${(a / b).toFixed(2)}`;

export function pdfWriterRows(root: string, dir: string, name: string, before: string | undefined): void {
  if (before) {
    const runs: Array<{ before: Cold; after: Cold }> = [];
    for (let i = 0; i < 2; i++) runs.push({ before: run<Cold>(before, 'bench/measure.ts', [dir]), after: run<Cold>(root, 'bench/measure.ts', [dir]) });
    const b = { ms: mean(runs.map((r) => r.before.pdfMs)), rss: mean(runs.map((r) => r.before.peakRssMb)) };
    const a = { ms: mean(runs.map((r) => r.after.pdfMs)), rss: mean(runs.map((r) => r.after.peakRssMb)) };
    console.log(`\nPDF writer, ${name}, cold, interleaved ×2 (before = ${before}):`);
    console.log(`  PDF time   before ${(b.ms / 1000).toFixed(1)} s → after ${(a.ms / 1000).toFixed(1)} s  (${ratio(a.ms, b.ms)})   runs: ${runs.map((r) => `${(r.before.pdfMs / 1000).toFixed(1)}/${(r.after.pdfMs / 1000).toFixed(1)}`).join(', ')}`);
    console.log(`  peak RSS   before ${b.rss.toFixed(0)} MB → after ${a.rss.toFixed(0)} MB  (${ratio(a.rss, b.rss)})`);
  }
  const warm = run<Warm>(root, 'bench/measure-pdf-warm.ts', [dir]);
  console.log(
    `\nPDF warm after a one-character edit (${name}): ${(warm.warmMs / 1000).toFixed(1)} s = cold ${ratio(warm.warmMs, warm.coldMs)}; the writer's part ${(warm.warmWriteMs / 1000).toFixed(2)} s = cold ${ratio(warm.warmWriteMs, warm.coldWriteMs)} (${warm.drawnAgain} of ${warm.pages} pages drawn again, the rest from the page cache; typesetting is not cached here); peak RSS ${warm.peakRssMb.toFixed(0)} MB${warm.changed ? '' : ' (WARNING: the edit changed nothing)'}`,
  );
}
