/**
 * Start-up rows of the bench: `hanpress --version`, `--help` and `check` of the sample against
 * bare `node -e 0`, interleaved, as ratios (issue #11: --version ≤ 3×, check ≤ 10×).
 * `tsx bench/startup.ts [--rounds n] [--compare <checkout>]` runs them alone; --compare adds
 * the same commands of another checkout (an older hanpress) to the same rounds.
 */
// Run alone (npx tsx bench/…), its scratch folders are removed at exit as under bench/run.ts.
import './run-temp.js';
import path from 'node:path';
import { interleaved, ratio, type ProcessCase, type ProcessTiming } from './processes.js';

/** The start-up cases of the checkout at `root`, labelled with `label` when given. */
function hanpressCases(root: string, label = ''): ProcessCase[] {
  const bin = path.join(root, 'bin/hanpress.js');
  const sample = path.join(root, 'manuscript');
  const tag = label ? ` (${label})` : '';
  return [
    { name: `hanpress --version${tag}`, args: [bin, '--version'], cwd: root },
    { name: `hanpress --help${tag}`, args: [bin, '--help'], cwd: root },
    { name: `hanpress check manuscript${tag}`, args: [bin, 'check', sample], cwd: root },
  ];
}

export function startupTimings(root: string, rounds: number, compare?: string): ProcessTiming[] {
  const cases: ProcessCase[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    ...hanpressCases(root),
    ...(compare ? hanpressCases(compare, path.basename(compare)) : []),
  ];
  return interleaved(cases, rounds, true);
}

export function printStartup(timings: ProcessTiming[], rounds: number): void {
  const base = timings[0];
  if (!base) return;
  console.log(`\nstart-up (${rounds} interleaved rounds, median wall time, peak RSS of the process)`);
  console.log('case                                      ms  × node -e 0  peak MB');
  for (const t of timings) {
    console.log(`${t.name.padEnd(36)} ${t.medianMs.toFixed(0).padStart(7)} ${ratio(t.medianMs, base.medianMs).padStart(12)} ${t.peakRssMb.toFixed(0).padStart(8)}`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const at = (flag: string): string | undefined => {
    const i = process.argv.indexOf(flag);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const rounds = Number(at('--rounds') ?? 10);
  const compare = at('--compare');
  printStartup(startupTimings(path.resolve(import.meta.dirname, '..'), rounds, compare && path.resolve(compare)), rounds);
}
