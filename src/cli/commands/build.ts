import path from 'node:path';
import { buildBook, type OneOutputReport } from '../../pipeline/build.js';
import { suggest } from '../../diagnostics/suggest.js';
import { overWarningLimit, printDiagnostics, tally } from '../output.js';
import { delayedStatus } from '../progress.js';
import { findProject } from '../project.js';
import { OUTPUT_OPTIONS, outputSettings, reportFailure, shown, stringOption, UsageError, type CommandSpec, type Io } from '../io.js';
import { performance } from 'node:perf_hooks';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function summary(report: OneOutputReport, io: Io): string {
  return [
    ...(report.epub ? [`built ${shown(report.epub.path, io)}  ${formatBytes(report.epub.bytes)}`] : []),
    ...(report.pdf ? [`built ${shown(report.pdf.path, io)}  ${report.pdf.pages} pages, ${formatBytes(report.pdf.bytes)}`] : []),
    ...(report.print
      ? [
          `built ${shown(report.print.block.path, io)}  ${report.print.block.pages} pages, ${report.print.pdfx}, ${formatBytes(report.print.block.bytes)}`,
          `built ${shown(report.print.cover.path, io)}  spine ${report.print.cover.spineMm} mm, ${report.print.pdfx}, ${formatBytes(report.print.cover.bytes)}`,
        ]
      : []),
    `in ${(report.milliseconds / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** `--jobs n`: how many threads (a backlist: how many books at once) the build may use. */
function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^[1-9]\d{0,3}$/.test(value)) return Number(value);
  throw new UsageError(`--jobs needs a whole number of threads, 1 or more, e.g. --jobs 2 (got ${value}).`, 'build');
}

function parseOnly(value: string | undefined): 'epub' | 'pdf' | undefined {
  if (value === undefined || value === 'epub' || value === 'pdf') return value;
  const near = suggest(value, ['epub', 'pdf']);
  throw new UsageError(`Unknown --only ${value}: use epub or pdf.${near ? ` Did you mean ${near}?` : ''}`, 'build');
}

/** `hanpress build a/ b/ c/`: every book in its own process, one line each. */
async function backlist(positionals: string[], values: Parameters<CommandSpec['run']>[1], io: Io): Promise<number> {
  if (values.watch === true) throw new UsageError('--watch takes one book: leave out the other folders.', 'build');
  const only = parseOnly(stringOption(values, 'only'));
  if (only === 'epub' && values.print === true) throw new UsageError('--print needs the PDF: leave out --only epub.', 'build');
  const jobs = parseJobs(stringOption(values, 'jobs'));
  const dirs = positionals.map((p) => path.resolve(io.cwd, p));
  const out = stringOption(values, 'out');
  const outDirOf = (dir: string): string => (out === undefined ? path.join(dir, 'dist') : path.join(path.resolve(io.cwd, out), path.basename(dir)));
  const { buildBacklist } = await import('../../pipeline/backlist.js');
  const { bookLine, printBacklistEnd } = await import('../backlist.js');
  const started = performance.now();
  const outcomes = await buildBacklist(
    { dirs, outDirOf, env: io.env, print: values.print === true, ...(only ? { only } : {}), noCache: values['no-cache'] === true, ...(jobs ? { jobs } : {}) },
    (outcome) => io.out(bookLine(outcome, io)),
  );
  return printBacklistEnd(outcomes, (dir) => outputSettings(values, io, dir), io, performance.now() - started);
}

export const buildCommand: CommandSpec = {
  details: [
    'Writes <out>/<slug>.epub and <out>/<slug>.pdf, or nothing when the book has errors.',
    'With --print also <slug>-print.pdf (the PDF/X book block) and <slug>-cover.pdf (the cover spread), both preflighted.',
    'Warnings do not stop a build; --max-warnings does (the files are still written).',
    'Several folders (hanpress build books/*/) build a backlist: as many books at once as there are cores, one line per book, exit code 1 when any failed; with --out each book goes to <out>/<folder name>/.',
    'Per-chapter work is kept in .hanpress-cache/ in the project and reused while the chapter, book.yaml, the design, the fonts and hanpress are unchanged; delete the folder or pass --no-cache to start afresh.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o', value: '<dir>', description: 'output folder (default: dist/ in the project)' },
    only: { type: 'string', value: 'epub|pdf', description: 'build only the EPUB or only the PDF' },
    print: { type: 'boolean', description: "also the printer's files: PDF/X book block and cover spread" },
    watch: { type: 'boolean', short: 'w', description: 'rebuild on every save until Ctrl-C, one line per rebuild' },
    'no-cache': { type: 'boolean', description: 'ignore .hanpress-cache/ in the project: compute every chapter afresh' },
    jobs: { type: 'string', short: 'j', value: '<n>', description: 'threads to use (default: one per core; 1: one thread); several folders: books at once' },
    ...OUTPUT_OPTIONS,
  },
  async run(positionals, values, io) {
    if (positionals.length > 1) return backlist(positionals, values, io);
    const dir = findProject(positionals[0], io.cwd);
    const outDir = path.resolve(io.cwd, stringOption(values, 'out') ?? path.join(dir, 'dist'));
    const only = parseOnly(stringOption(values, 'only'));
    if (only === 'epub' && values.print === true) throw new UsageError('--print needs the PDF: leave out --only epub.', 'build');
    const jobs = parseJobs(stringOption(values, 'jobs'));
    const settings = outputSettings(values, io, dir);
    const progress = settings.quiet || !io.tty ? undefined : delayedStatus(io.tty.status);
    const options = { dir, outDir, env: io.env, print: values.print === true, ...(only ? { only } : {}), ...(progress ? { progress } : {}), ...(values['no-cache'] === true ? { cache: false as const } : {}), ...(jobs ? { threads: jobs } : {}) };
    if (values.watch === true) {
      const { watchBuild } = await import('../../pipeline/watch.js');
      const { printWatchEvent } = await import('../watch.js');
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      try {
        await watchBuild({ ...options, signal: stop.signal }, (event) => printWatchEvent(event, settings, io));
      } finally {
        process.off('SIGINT', onSignal);
      }
      return 0;
    }
    return reportFailure('build', settings, io, async () => {
      const report = await buildBook(options);
      progress?.('');
      printDiagnostics(report.diagnostics, settings, io);
      const counted = tally(report.diagnostics, settings);
      if (counted) io.err(`\n${counted}`);
      io.out(summary(report, io));
      return overWarningLimit(report.diagnostics, settings, io) ? 1 : 0;
    });
  },
};
