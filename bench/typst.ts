/**
 * hanpress against Typst on the same text, in the same run: a cold full build (EPUB and PDF,
 * `hanpress build --no-cache`, the whole process from Node's start) and Typst compiling the same
 * chapters to PDF (bench/typst-document.ts, bench/typst-compile.ts), interleaved round by round.
 * The ratio is hanpress's time over Typst's (issue #11 asks for ≤ 1.0).
 * `tsx bench/typst.ts [chapters] [--rounds n] [--compare <checkout>]` runs it alone; --compare
 * adds a cold build by another checkout (an older hanpress; with --no-cache when it has a cache)
 * to the same rounds.
 */
// Run alone (npx tsx bench/…), its scratch folders are removed at exit as under bench/run.ts.
import './run-temp.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { corpusProject } from './corpus-project.js';
import { interleaved, ratio, type ProcessTiming } from './processes.js';
import { typstProject } from './typst-document.js';

/** Whether the hanpress at `checkout` has `build --no-cache` (older ones had no cache). */
function knowsNoCache(checkout: string): boolean {
  return execFileSync(process.execPath, [path.join(checkout, 'bin/hanpress.js'), 'build', '--help'], { encoding: 'utf8' }).includes('--no-cache');
}

export async function typstTimings(root: string, projectDir: string, rounds: number, compare?: string): Promise<ProcessTiming[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'hanpress-bench-typst-'));
  const { main, fonts } = await typstProject(projectDir, work);
  const out = path.join(work, 'hanpress-out');
  const older = path.join(work, 'older-out');
  const timings = interleaved(
    [
      {
        name: 'hanpress build (EPUB + PDF, cold)',
        args: [path.join(root, 'bin/hanpress.js'), 'build', projectDir, '--no-cache', '--quiet', '-o', out],
        cwd: root,
        before: () => rmSync(out, { recursive: true, force: true }),
      },
      ...(compare
        ? [
            {
              name: `hanpress build (${path.basename(compare)})`,
              // Cold as well when that hanpress has a cache: it would otherwise read the entries
              // its first round wrote.
              args: [path.join(compare, 'bin/hanpress.js'), 'build', projectDir, ...(knowsNoCache(compare) ? ['--no-cache'] : []), '-o', older],
              cwd: compare,
              before: () => rmSync(older, { recursive: true, force: true }),
            },
          ]
        : []),
      { name: 'Typst 0.14 compile (PDF)', args: ['--import', 'tsx', path.join(root, 'bench/typst-compile.ts'), main, fonts, path.join(work, 'typst.pdf')], cwd: root, reportsMs: true },
    ],
    rounds,
  );
  await rm(work, { recursive: true, force: true });
  return timings;
}

export function printTypst(timings: ProcessTiming[], what: string, rounds: number): void {
  const hanpress = timings[0];
  const typst = timings.at(-1);
  if (!hanpress || !typst || hanpress === typst) return;
  console.log(`\n${what} against Typst (${rounds} interleaved rounds, median; Typst timed from loading its compiler, without its script's start-up)`);
  for (const t of timings) console.log(`${t.name.padEnd(36)} ${(t.medianMs / 1000).toFixed(1).padStart(7)} s  peak ${t.peakRssMb.toFixed(0)} MB${t.report ? `  ${String(t.report.pages)} pages` : ''}`);
  for (const h of timings.slice(0, -1)) {
    console.log(`${h.name} / Typst: ${ratio(h.medianMs, typst.medianMs)} (each round: ${h.ms.map((ms, i) => ratio(ms, typst.ms[i] ?? NaN)).join(' ')})`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const root = path.resolve(import.meta.dirname, '..');
  const chapters = /^\d+$/.test(process.argv[2] ?? '') ? Number(process.argv[2]) : 121;
  const option = (flag: string): string | undefined => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
  const rounds = Number(option('--rounds') ?? 2);
  const compare = option('--compare');
  const dir = await mkdtemp(path.join(os.tmpdir(), `hanpress-bench-${chapters}-`));
  await corpusProject(dir, chapters, path.join(root, 'manuscript/book.yaml'));
  printTypst(await typstTimings(root, dir, rounds, compare && path.resolve(compare)), `水浒传 ${chapters} ch.`, rounds);
}
