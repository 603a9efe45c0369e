/**
 * The hanpress command line: parses arguments, runs a command, prints diagnostics, sets the
 * exit code. User mistakes never end in a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBook, type BuildReport } from '../build/build.js';
import { checkProject } from '../build/check.js';
import { writeOutputsAtomically } from '../build/output.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type ReportFormat } from '../diagnostics/report.js';
import { exportOnix } from '../export/onix.js';

const USAGE = `Usage:
  hanpress build [dir] [--out <dir>]      build <dir>/book.yaml into an EPUB and a PDF (default out: dist/)
  hanpress check [dir] [--format text|json|github] [--strict]
                                          validate the book without building; --strict fails on warnings
  hanpress export onix [dir] [--out <file>]
                                          write an ONIX 3.0 record of the print book (default: stdout)
  hanpress --help | --version`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function summary(report: BuildReport, cwd: string): string {
  const rel = (p: string): string => path.relative(cwd, p);
  return [
    `built ${rel(report.epub.path)}  ${formatBytes(report.epub.bytes)}`,
    `built ${rel(report.pdf.path)}  ${report.pdf.pages} pages, ${formatBytes(report.pdf.bytes)}`,
    `in ${(report.milliseconds / 1000).toFixed(1)} s`,
  ].join('\n');
}

function parseFormat(value: string | undefined): ReportFormat {
  if (value === undefined || value === 'text' || value === 'json' || value === 'github') return value ?? 'text';
  throw new UsageError(`Unknown --format ${value}: use text, json or github.`);
}

class UsageError extends Error {}

function printDiagnostics(diagnostics: Diagnostic[], format: ReportFormat, root: string, io: Io): void {
  if (diagnostics.length === 0) return;
  const text = formatDiagnostics(diagnostics, format, { root, cwd: io.cwd });
  (format === 'json' ? io.out : io.err)(text);
}

function errorCount(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

async function runExport(args: string[], outFile: string | undefined, io: Io): Promise<number> {
  const [kind, dirArg, ...rest] = args;
  if (kind !== 'onix') {
    throw new UsageError(kind === undefined ? 'Missing export format: use onix.' : `Unknown export format ${kind}: use onix.`);
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
  const dir = path.resolve(io.cwd, dirArg ?? '.');
  try {
    const { xml, diagnostics } = await exportOnix(dir, io.env);
    printDiagnostics(diagnostics, 'text', dir, io);
    if (outFile === undefined) {
      io.out(xml.replace(/\n$/, ''));
      return 0;
    }
    const target = path.resolve(io.cwd, outFile);
    await writeOutputsAtomically([{ path: target, bytes: Buffer.from(xml, 'utf8') }]);
    io.out(`exported ${path.relative(io.cwd, target)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    printDiagnostics(error.diagnostics, 'text', dir, io);
    io.err(`\nexport failed: ${errorCount(error.diagnostics)} error(s); nothing was written.`);
    return 1;
  }
}

async function runBuild(dir: string, outDir: string, io: Io): Promise<number> {
  try {
    const report = await buildBook({ dir, outDir, env: io.env });
    printDiagnostics(report.diagnostics, 'text', dir, io);
    io.out(summary(report, io.cwd));
    return 0;
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    printDiagnostics(error.diagnostics, 'text', dir, io);
    io.err(`\nbuild failed: ${errorCount(error.diagnostics)} error(s); nothing was written.`);
    return 1;
  }
}

function checkSummary(diagnostics: Diagnostic[], dir: string, io: Io): string {
  const errors = errorCount(diagnostics);
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return `${path.relative(io.cwd, dir) || '.'}: no errors`;
  return `\n${errors} error(s), ${warnings} warning(s)`;
}

async function runCheck(dir: string, format: ReportFormat, strict: boolean, io: Io): Promise<number> {
  const { diagnostics } = await checkProject(dir);
  printDiagnostics(diagnostics, format, dir, io);
  if (format === 'text') io.err(checkSummary(diagnostics, dir, io));
  if (format === 'json' && diagnostics.length === 0) io.out('[]');
  const failing = strict ? diagnostics.length : errorCount(diagnostics);
  return failing > 0 ? 1 : 0;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        format: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.version) {
      io.out(version());
      return 0;
    }
    const [command, ...args] = positionals;
    if (values.help || command === undefined) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    if (command === 'export') return await runExport(args, values.out, io);
    const [dirArg, ...rest] = args;
    if (rest.length > 0) throw new UsageError(`Unexpected argument ${rest[0]}.`);
    const dir = path.resolve(io.cwd, dirArg ?? '.');
    if (command === 'build') return await runBuild(dir, path.resolve(io.cwd, values.out ?? 'dist'), io);
    if (command === 'check') return await runCheck(dir, parseFormat(values.format), values.strict ?? false, io);
    throw new UsageError(`Unknown command ${command}.`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof BuildFailure) {
      printDiagnostics(error.diagnostics, 'text', io.cwd, io);
      return 1;
    }
    throw error;
  }
}
