/**
 * Bench rows of the cache across runs, on the whole 水浒传 (EPUB + PDF, checks included):
 * a cold build (no cache folder) against a rebuild after editing one chapter — as a new
 * `hanpress build` reading the cache from disk, and as `build --watch` in a warm process —
 * interleaved, two rounds, each build in its own process running the compiled code
 * (bench/rebuild.js).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Rebuild {
  mode: 'cold' | 'warm' | 'watch';
  totalMs: number;
  cpuMs: number;
  checkMs: number;
  pdfMs: number;
  epubMs: number;
  epubCpuMs: number;
  writeMs: number;
  peakRssMb: number;
  cache: { hits: Record<string, number>; misses: Record<string, number> };
}

const PHASES = ['checkMs', 'pdfMs', 'epubMs', 'writeMs'] as const;

function measure(root: string, dir: string, mode: Rebuild['mode']): Rebuild {
  // The compiled code under plain node, as `hanpress build` runs (bench/rebuild.js says why).
  const out = execFileSync(process.execPath, [path.join(root, 'bench/rebuild.js'), dir, mode], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Rebuild;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function rebuildRows(root: string, dir: string, name: string): void {
  const runs: Record<Rebuild['mode'], Rebuild[]> = { cold: [], warm: [], watch: [] };
  for (let round = 0; round < 2; round++) for (const mode of ['cold', 'warm', 'watch'] as const) runs[mode].push(measure(root, dir, mode));
  const avg = (mode: Rebuild['mode'], key: (typeof PHASES)[number] | 'totalMs' | 'cpuMs' | 'epubCpuMs' | 'peakRssMb'): number => mean(runs[mode].map((r) => r[key]));
  const cold = avg('cold', 'totalMs');
  console.log(`\nrebuild after editing one chapter (${name}, EPUB + PDF with checks), interleaved ×2:`);
  console.log('mode     total      ×cold  CPU ×cold  check     pdf       epub      write    peak MB  misses');
  for (const mode of ['cold', 'warm', 'watch'] as const) {
    const misses = Object.entries(runs[mode][0]?.cache.misses ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
    console.log(
      [
        mode.padEnd(6),
        s(avg(mode, 'totalMs')).padStart(9),
        `×${(avg(mode, 'totalMs') / cold).toFixed(2)}`.padStart(8),
        `×${(avg(mode, 'cpuMs') / avg('cold', 'cpuMs')).toFixed(2)}`.padStart(10),
        ...PHASES.map((p) => s(avg(mode, p)).padStart(9)),
        avg(mode, 'peakRssMb').toFixed(0).padStart(8),
        ` ${misses}`,
      ].join(' '),
    );
  }
  const watch = runs.watch;
  const total = avg('watch', 'totalMs');
  const shares = PHASES.map((p) => `${p.replace('Ms', '')} ${((avg('watch', p) / total) * 100).toFixed(0)} %`).join(', ');
  const cpu = (mode: Rebuild['mode']): string => `×${(avg(mode, 'cpuMs') / avg('cold', 'cpuMs')).toFixed(2)}`;
  const pdf = (mode: Rebuild['mode']): string => `×${(avg(mode, 'pdfMs') / avg('cold', 'pdfMs')).toFixed(2)}`;
  console.log(
    `warm rebuild = cold ×${(avg('warm', 'totalMs') / cold).toFixed(2)} (CPU ${cpu('warm')}); in --watch ×${(total / cold).toFixed(2)} (CPU ${cpu('watch')}) (target ≤ ×0.30); ` +
      `the PDF phase ${pdf('warm')} of cold's, in --watch ${pdf('watch')} (target ≤ ×0.30); ` +
      `the EPUB alone ${s(avg('warm', 'epubMs'))} warm, ${s(avg('watch', 'epubMs'))} in --watch (CPU ${s(avg('warm', 'epubCpuMs'))}, ${s(avg('watch', 'epubCpuMs'))}; target ≤ 1 s); the --watch rebuild's time: ${shares} (${watch.length} runs)`,
  );
}
