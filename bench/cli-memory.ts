/**
 * Peak RSS of the real command, as a user runs it: `hanpress build <dir> --no-cache` in its own
 * process (the worker thread beside the PDF and every other thread included), at every book
 * length, cold, a project's first build (no `.hanpress-cache/` yet: the build also writes every
 * chapter's entries), warm (the cache that first build filled) and with `--print` (the K-only
 * book block, PDF/X, cover and preflight). Interleaved round by round, the highest
 * peak of the rounds reported against the 600 MB of issue #10.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { interleaved, type ProcessCase } from './processes.js';

export const PEAK_TARGET_MB = 600;

export interface Book {
  name: string;
  dir: string;
}

/** Columns a name takes in a terminal: an ideograph takes two. */
function width(text: string): number {
  return [...text].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
}

export function cliMemoryRows(root: string, books: Book[], rounds: number): void {
  const work = mkdtempSync(path.join(os.tmpdir(), 'hanpress-bench-memory-'));
  const bin = path.join(root, 'bin/hanpress.js');
  const build = (name: string, dir: string, flags: string[], fresh = false): ProcessCase => {
    const out = path.join(work, `${name.replace(/\W+/g, '-')}-${flags.join('')}`);
    const before = (): void => {
      rmSync(out, { recursive: true, force: true });
      if (fresh) rmSync(path.join(dir, '.hanpress-cache'), { recursive: true, force: true });
    };
    return { name, args: [bin, 'build', dir, '--quiet', '-o', out, ...flags], cwd: root, before };
  };
  const whole = books.at(-1);
  const cases: ProcessCase[] = [
    ...books.map((b) => build(`${b.name}, cold`, b.dir, ['--no-cache'])),
    // The first build fills the cache the warm case after it reads, in every round.
    ...(whole
      ? [
          build(`${whole.name}, first build`, whole.dir, [], true),
          build(`${whole.name}, warm`, whole.dir, []),
          build(`${whole.name}, cold --print`, whole.dir, ['--no-cache', '--print']),
        ]
      : []),
  ];
  const timings = interleaved(cases, rounds);
  rmSync(work, { recursive: true, force: true });
  console.log(`\npeak RSS of \`hanpress build\` (the whole process, every thread; highest of ${rounds} interleaved rounds; target ≤ ${PEAK_TARGET_MB} MB):`);
  for (const t of timings) {
    const over = t.peakRssMb > PEAK_TARGET_MB ? `  OVER by ${(t.peakRssMb - PEAK_TARGET_MB).toFixed(0)} MB` : '';
    console.log(`  ${t.name}${' '.repeat(Math.max(1, 34 - width(t.name)))} ${t.peakRssMb.toFixed(0).padStart(5)} MB   ${(t.medianMs / 1000).toFixed(1).padStart(6)} s${over}`);
  }
}
