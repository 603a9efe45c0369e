/**
 * Times whole processes as a user starts them, with their peak RSS, interleaved: round after
 * round every case runs once, so a busy moment of the shared machine hits all cases alike.
 * Peak RSS comes from the child itself (a one-line --import hook writes
 * process.resourceUsage().maxRSS at exit), the same hook for every case.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcessCase {
  name: string;
  /** Arguments to node. */
  args: string[];
  cwd?: string;
  /** Run before each round's run of this case (not timed): a fresh out folder. */
  before?: () => void;
  /**
   * The child prints a JSON line with its own `ms` (the work, without its script's start-up):
   * that is the time taken, not the wall time.
   */
  reportsMs?: boolean;
}

export interface ProcessTiming {
  name: string;
  /** Wall time of every round, in ms. */
  ms: number[];
  medianMs: number;
  peakRssMb: number;
  /** The last JSON line the child printed, when it reports its own time. */
  report?: Record<string, unknown>;
}

const hookDir = mkdtempSync(path.join(os.tmpdir(), 'hanpress-bench-rss-'));
const RSS_HOOK = path.join(hookDir, 'rss.mjs');
writeFileSync(
  RSS_HOOK,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.HANPRESS_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function runOnce(c: ProcessCase, rssFile: string): { ms: number; rssKb: number; report?: Record<string, unknown> } {
  c.before?.();
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', RSS_HOOK, ...c.args], {
    cwd: c.cwd,
    env: { ...process.env, HANPRESS_BENCH_RSS: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${c.name} failed (exit ${result.status}): ${result.stderr.toString().slice(-2000)}`);
  const report = c.reportsMs ? (JSON.parse(result.stdout.toString().trim().split('\n').at(-1) ?? '{}') as { ms: number }) : undefined;
  return { ms: report ? report.ms : wall, rssKb: Number(readFileSync(rssFile, 'utf8')), ...(report ? { report } : {}) };
}

/** Every case once per round, `rounds` rounds (after one untimed warm-up round when asked). */
export function interleaved(cases: ProcessCase[], rounds: number, warmUp = false): ProcessTiming[] {
  const rssFile = path.join(hookDir, 'rss.txt');
  const timings = cases.map((c) => ({ name: c.name, ms: [] as number[], rss: [] as number[], report: undefined as Record<string, unknown> | undefined }));
  if (warmUp) for (const c of cases) runOnce(c, rssFile);
  for (let round = 0; round < rounds; round += 1) {
    cases.forEach((c, i) => {
      const { ms, rssKb, report } = runOnce(c, rssFile);
      const timing = timings[i];
      if (!timing) return;
      timing.ms.push(ms);
      timing.rss.push(rssKb);
      timing.report = report;
    });
  }
  return timings.map((t) => ({ name: t.name, ms: t.ms, medianMs: median(t.ms), peakRssMb: Math.max(...t.rss) / 1024, ...(t.report ? { report: t.report } : {}) }));
}

export const ratio = (a: number, b: number): string => `×${(a / b).toFixed(2)}`;
