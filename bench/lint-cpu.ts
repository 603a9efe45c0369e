/**
 * The lint's CPU (issue #11): every chapter linted as `check` and `build` lint them, in a new
 * process each time, as the build's worker does it once and cold — the rules' first passes run
 * before V8 has optimised them, which a loop in one process would hide. CPU time
 * (process.cpuUsage) of the lint alone, the project already loaded; interleaved rounds, with
 * another checkout's compiled lib/ in the same rounds when `--before <checkout>` is given.
 * `tsx bench/lint-cpu.ts <book dir>… [--rounds n] [--before <checkout>]` runs it alone.
 */
import './run-temp.js';
import path from 'node:path';
import { interleaved, ratio, type ProcessCase } from './processes.js';

/** Runs in the child: argv[1] the checkout's lib/, argv[2] the book. Prints { ms, findings }. */
const CHILD = `
const [lib, dir] = process.argv.slice(1);
const { loadProject } = await import(lib + '/load/project.js');
const { lintProject } = await import(lib + '/lint/project.js');
const { project } = await loadProject(dir);
const start = process.cpuUsage();
const findings = lintProject(project, 'check').length;
const used = process.cpuUsage(start);
console.log(JSON.stringify({ ms: (used.user + used.system) / 1000, findings }));
`;

export interface LintBook {
  name: string;
  dir: string;
}

function lintCase(checkout: string, book: LintBook, label: string): ProcessCase {
  return { name: `${book.name}${label}`, args: ['--input-type=module', '-e', CHILD, path.join(checkout, 'lib'), book.dir], reportsMs: true };
}

export function lintCpuRows(root: string, books: LintBook[], rounds: number, before?: string): void {
  const cases = books.flatMap((book) => [lintCase(root, book, ''), ...(before ? [lintCase(before, book, ' (before)')] : [])]);
  const timings = interleaved(cases, rounds);
  console.log(`\nlint, cold in a new process (bench/lint-cpu.ts; ${rounds} interleaved rounds, median CPU of the lint alone)`);
  console.log('case                          CPU ms  findings  after/before');
  for (let i = 0; i < timings.length; i += before ? 2 : 1) {
    const after = timings[i];
    const old = before ? timings[i + 1] : undefined;
    if (!after) continue;
    const vs = old ? ratio(after.medianMs, old.medianMs) : '';
    console.log(`${after.name.padEnd(28)} ${after.medianMs.toFixed(0).padStart(7)} ${String(after.report?.findings ?? '?').padStart(9)}  ${vs}`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const rounds = Number(at('--rounds') ?? 5);
  const before = at('--before');
  const books = args.map((dir) => ({ name: path.basename(path.resolve(dir)), dir: path.resolve(dir) }));
  lintCpuRows(path.resolve(import.meta.dirname, '..'), books, rounds, before && path.resolve(before));
}
