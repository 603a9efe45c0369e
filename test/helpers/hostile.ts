/**
 * Tools for the hostile-input suite: a copy of the sample book beside an `outside/` folder that
 * holds a secret file and a named pipe (any attempt to read the pipe blocks, so a test that
 * finishes proves nothing opened it), an in-process CLI run, and a snapshot of a folder to prove
 * a failed build left it byte for byte as it was.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { isDiagnosticCode } from '../../src/diagnostics/catalogue.js';
import { tempDir } from './project.js';
import { SAMPLE_DIR } from './sample.js';

export const SLUG = 'xin-de-shiming-he-dandang-2';
export const SECRET = 'SECRET-OUTSIDE-THE-PROJECT-7f3a';

export interface Hostile {
  /** The book project (a copy of the sample). */
  dir: string;
  /** A folder beside it: secret.md / secret.png / secret.ttf hold SECRET; pipe is a FIFO. */
  outside: string;
  /** An out folder holding earlier outputs and a file of the user's. */
  out: string;
}

export async function hostileProject(): Promise<Hostile> {
  const base = await tempDir('hanpress-hostile-');
  const dir = path.join(base, 'book');
  const outside = path.join(base, 'outside');
  const out = path.join(base, 'dist');
  await cp(SAMPLE_DIR, dir, { recursive: true });
  await mkdir(outside);
  for (const name of ['secret.md', 'secret.png', 'secret.ttf', 'secret.svg', 'secret.jpg']) {
    await writeFile(path.join(outside, name), `---\ntitle: ${SECRET}\n---\n${SECRET}\n`);
  }
  execFileSync('mkfifo', [path.join(outside, 'pipe')]);
  await mkdir(out);
  await writeFile(path.join(out, `${SLUG}.epub`), 'the EPUB of yesterday');
  await writeFile(path.join(out, `${SLUG}.pdf`), 'the PDF of yesterday');
  await writeFile(path.join(out, 'notes.txt'), 'the user’s own file');
  return { dir, outside, out };
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function run(args: string[], cwd: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: { SOURCE_DATE_EPOCH: '1504224000' } };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every entry below `dir` with its type and content hash (or link target). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const file = path.join(dir, name);
    const stats = await lstat(file);
    if (stats.isSymbolicLink()) entries[name] = `link ${await readlink(file)}`;
    else if (stats.isDirectory()) entries[name] = `dir ${stats.mode.toString(8)}`;
    else entries[name] = `file ${stats.mode.toString(8)} ${createHash('sha256').update(await readFile(file)).digest('hex')}`;
  }
  return entries;
}

/** A stack trace line, as Node prints them. */
const STACK_LINE = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;

/** The codes a text report names, each of which must be in the catalogue. */
export function expectCleanReport(r: Run): void {
  const text = `${r.out}\n${r.err}`;
  expect(text).not.toMatch(STACK_LINE);
  expect(text).not.toContain('internal/bug');
  for (const m of text.matchAll(/^(?:error|warning) ([a-z0-9-]+\/[a-zA-Z0-9-]+):/gm)) expect(isDiagnosticCode(m[1] ?? ''), m[1]).toBe(true);
}

export interface Expected {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message?: RegExp;
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  docs: string;
}

/** `check --format json` on the project: its diagnostics. */
export async function checkJson(dir: string): Promise<{ code: number; diagnostics: JsonDiagnostic[]; run: Run }> {
  const r = await run(['check', dir, '--format', 'json'], dir);
  expectCleanReport(r);
  const diagnostics = JSON.parse(r.out) as JsonDiagnostic[];
  for (const d of diagnostics) expect(isDiagnosticCode(d.code), d.code).toBe(true);
  return { code: r.code, diagnostics, run: r };
}

/**
 * The hostile input is refused: `check` exits 1 with the expected positioned diagnostic (file
 * relative to the project), `build` exits 1 naming the same code without a stack trace, and the
 * out folder is byte-identical afterwards.
 */
/** check of a hostile project whose `file` has `from` (which must be there) replaced by `to`: refused as expected. */
export async function refusedAfterEdit(file: string, from: string, to: string, expected: Expected): Promise<JsonDiagnostic> {
  const h = await hostileProject();
  const target = path.join(h.dir, file);
  const text = await readFile(target, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  await writeFile(target, text.replace(from, to));
  return expectRefused(h, expected);
}

export async function expectRefused(h: Hostile, expected: Expected): Promise<JsonDiagnostic> {
  const checked = await checkJson(h.dir);
  expect(checked.code, checked.run.out).toBe(1);
  const found = checked.diagnostics.find((d) => d.code === expected.code && d.severity === 'error');
  expect(found, `${expected.code} in ${checked.run.out}`).toBeDefined();
  const d = found as JsonDiagnostic;
  if (expected.file !== undefined) expect(d.file).toBe(expected.file);
  if (expected.line !== undefined) expect(d.line).toBe(expected.line);
  if (expected.column !== undefined) expect(d.column).toBe(expected.column);
  if (expected.message) expect(d.message).toMatch(expected.message);
  expect(d.message).not.toContain(SECRET);
  const before = await snapshot(h.out);
  const built = await run(['build', h.dir, '--out', h.out], h.dir);
  expectCleanReport(built);
  expect(built.code).toBe(1);
  expect(built.err).toContain(`error ${expected.code}:`);
  expect(`${built.out}${built.err}`).not.toContain(SECRET);
  expect(await snapshot(h.out)).toEqual(before);
  return d;
}

/** Appends lines to a chapter and returns the 1-based line number of the first one added. */
export async function appendLines(file: string, lines: string[]): Promise<number> {
  const text = (await readFile(file, 'utf8')).replace(/\n*$/, '\n');
  await writeFile(file, `${text}\n${lines.join('\n')}\n`);
  return text.split('\n').length + 1;
}
