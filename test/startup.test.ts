/**
 * The installed command (bin/hanpress.js running the compiled lib/) loads only what the command
 * needs, checks with the schema validators compiled at build time exactly as src/ does with
 * ajv, and a broken install is one line saying what to run. Which modules a run loads is
 * recorded by a module-resolve hook (node:module register), not guessed from the sources.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { explainInstallProblem, INSTALL_EXIT_CODE, repairCommand, staleCompile } from '../src/cli/install.js';
import { reportBug } from '../src/cli/main.js';
import { runCli } from './helpers/cli.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const BIN = path.join(REPO_ROOT, 'bin/hanpress.js');

/** Libraries that only building, proofing, preflight or a .docx import need. */
const HEAVY = ['ajv', 'sharp', 'pdfkit', 'pdf-lib', 'pdfjs-dist', '@napi-rs/canvas', 'fontkit', 'subset-font', 'xmlbuilder2', '@xmldom/xmldom', 'sax', 'fflate', 'bwip-js'];

interface Run {
  code: number;
  out: string;
  err: string;
  /** Every module URL the run resolved, in order. */
  loaded: string[];
}

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.HANPRESS_TRACE_LOADS, result.url + '\\n');
  return result;
}
`;

/** Runs the installed command with every resolved module written to a file. */
async function traced(args: string[], cwd = REPO_ROOT, bin = BIN): Promise<Run> {
  const dir = await tempDir('hanpress-trace-');
  await writeFile(path.join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  const trace = path.join(dir, 'loaded.txt');
  await writeFile(trace, '');
  const env = { ...process.env, HANPRESS_TRACE_LOADS: trace, NO_COLOR: '1' };
  const run = await promisify(execFile)(process.execPath, ['--import', path.join(dir, 'register.mjs'), bin, ...args], { cwd, env })
    .then(({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout, err: error.stderr }));
  const loaded = (await readFile(trace, 'utf8')).split('\n').filter((u) => u && !u.startsWith('node:') && !u.includes(dir));
  return { ...run, loaded };
}

/** The npm packages among loaded URLs. */
function packages(loaded: string[]): string[] {
  const names = loaded.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []);
  return [...new Set(names)].sort();
}

/** Our own modules among loaded URLs, as lib/ paths. */
function ours(loaded: string[]): string[] {
  return loaded.filter((u) => u.includes('/lib/') && !u.includes('/node_modules/')).map((u) => u.slice(u.lastIndexOf('/lib/') + 1));
}

describe('what a command loads', () => {
  it('--version and --help load no library and no command module', async () => {
    for (const args of [['--version'], ['--help']]) {
      const run = await traced(args);
      expect(run.code, args[0]).toBe(0);
      expect(packages(run.loaded), args[0]).toEqual([]);
      // The CLI's V8 settings (one constant) load before anything else, for every command.
      const allowed = /^lib\/(cli\/[a-z]+|cli\/commands\/index|diagnostics\/[a-z-]+|files\/[a-z]+|pipeline\/v8-flags)\.js$/;
      expect(ours(run.loaded).filter((f) => !allowed.test(f)), args[0]).toEqual([]);
    }
  });

  it('check of the sample (no images, no cover) loads neither ajv nor sharp nor any PDF or import library', async () => {
    const run = await traced(['check', 'manuscript']);
    const inProcess = await runCli(['check', 'manuscript']);
    expect(run.code).toBe(inProcess.code);
    expect(run.out).toBe(`${inProcess.out}\n`);
    expect(run.err).toBe(inProcess.err === '' ? '' : `${inProcess.err}\n`);
    expect(packages(run.loaded)).toContain('markdown-it');
    expect(packages(run.loaded).filter((p) => HEAVY.includes(p))).toEqual([]);
    const own = ours(run.loaded);
    expect(own).toContain('lib/validate/validators.generated.js');
    expect(own.filter((f) => /^lib\/(writers\/pdf|print|proof|import|cover|export)\/|ajv-compile/.test(f))).toEqual([]);
    expect(own.filter((f) => /^lib\/cli\/commands\//.test(f))).toEqual(['lib/cli/commands/index.js', 'lib/cli/commands/check.js']);
  });

  it('build --only epub loads no PDF library, and for a book without formulas or SVG neither xmlbuilder2 nor sax', async () => {
    const out = await tempDir('hanpress-epub-only-');
    const run = await traced(['build', 'manuscript', '--only', 'epub', '-o', out, '--no-cache']);
    expect(run.code, run.err).toBe(0);
    expect(packages(run.loaded)).toContain('sharp');
    expect(packages(run.loaded).filter((p) => ['pdfkit', 'pdf-lib', 'pdfjs-dist', '@napi-rs/canvas', 'bwip-js', 'xmlbuilder2', 'sax'].includes(p))).toEqual([]);
    expect(ours(run.loaded).filter((f) => /^lib\/(writers\/pdf|print|proof)\//.test(f))).toEqual([]);
    // The EPUB's XML goes through our builder (src/writers/xml-builder.ts), here in this thread.
    expect(ours(run.loaded)).toContain('lib/writers/xml-builder.js');
  });

  it('build --only pdf of a book without pictures loads neither sharp nor xmlbuilder2 (one thread: all of it traced)', async () => {
    const out = await tempDir('hanpress-pdf-only-');
    const run = await traced(['build', 'manuscript', '--only', 'pdf', '-j', '1', '-o', out, '--no-cache']);
    expect(run.code, run.err).toBe(0);
    expect(packages(run.loaded)).toContain('fontkit');
    expect(packages(run.loaded).filter((p) => ['sharp', 'xmlbuilder2', 'pdf-lib', 'pdfjs-dist', '@napi-rs/canvas', 'bwip-js'].includes(p))).toEqual([]);
  });

  it('import of an OCR text loads none of the .docx libraries', async () => {
    const out = path.join(await tempDir('hanpress-import-'), 'book');
    const source = path.join(await tempDir('hanpress-ocr-'), 'book.txt');
    await writeFile(source, '目录\n第一章 开端\n第一章 开端\n正文。\n');
    const run = await traced(['import', source, '-o', out]);
    expect(packages(run.loaded).filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(ours(run.loaded).filter((f) => f.includes('docx'))).toEqual([]);
  });
});

describe('the schema validators compiled at build time', () => {
  it('report the same diagnostics as ajv compiling the schemas (our keywords included)', async () => {
    const edits = [
      replaceOnce('isbn: 978-7-5008-6790-6', 'isbn: 978-7-5008-6790-5'),
      replaceOnce('role: 副主编 }', 'role: 副 主编 }'),
      replaceOnce('language: zh-CN', 'language: "123"'),
      replaceOnce('partNumber: Ⅱ', 'partNumber: II'),
      replaceOnce('publisher:', 'pubisher:'),
    ];
    const dir = await projectWith({ 'book.yaml': (text) => edits.reduce((t, edit) => edit(t), text) });
    const run = await traced(['check', dir, '--format', 'json']);
    const inProcess = await runCli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const codes = (JSON.parse(run.out) as { code: string }[]).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['isbn/check-digit', 'contributors/role', 'language/bcp47', 'title/latin-numeral']));
    expect(JSON.parse(run.out)).toEqual(JSON.parse(inProcess.out));
    expect(packages(run.loaded)).not.toContain('ajv');
  });
});

describe('stack traces of the compiled code', () => {
  it('point into src/ through the source maps (bin switches them on with --debug)', async () => {
    const lib = path.join(REPO_ROOT, 'lib/cli/install.js');
    const script = `process.setSourceMapsEnabled(true); const { repairCommand } = await import(${JSON.stringify(lib)}); try { repairCommand(42); } catch (e) { console.log(e.stack); }`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    expect(stdout).toMatch(/src\/cli\/install\.ts:\d+:\d+/);
  });
});

describe('a broken install', () => {
  it('without lib/ says in one line to run npm install', async () => {
    const root = await tempDir('hanpress-nolib-');
    await cp(path.join(REPO_ROOT, 'bin'), path.join(root, 'bin'), { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
    const run = await traced(['--version'], root, path.join(root, 'bin/hanpress.js'));
    expect(run.code).toBe(INSTALL_EXIT_CODE);
    expect(run.err).toBe(`hanpress: the compiled code (lib/) is missing; run npm install (or npm run compile) in ${root}/\n`);
  });

  it('with lib/ older than src/ in a checkout says to run npm run compile', async () => {
    const root = await tempDir('hanpress-stale-');
    await mkdir(path.join(root, 'src'));
    await mkdir(path.join(root, 'lib'));
    await writeFile(path.join(root, 'src/a.ts'), 'export {};\n');
    await writeFile(path.join(root, 'lib/.compiled'), '');
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(root, 'lib/.compiled'), past, past);
    expect(staleCompile(root)).toBe(`lib/ is older than src/ (compiled before the last change); run npm run compile in ${root}`);
    await utimes(path.join(root, 'src/a.ts'), past, new Date(past.getTime() - 1000));
    expect(staleCompile(root)).toBeUndefined();
    // An installed package has no src/: nothing to compare.
    expect(staleCompile(path.join(root, 'lib'))).toBeUndefined();
  });

  it('names a package that will not load and what to run, never a stack trace', async () => {
    const error = await import('hanpress-no-such-package' as string).catch((e: unknown) => e);
    const project = await tempDir('hanpress-project-');
    await writeFile(path.join(project, 'package.json'), '{}\n');
    const installed = path.join(project, 'node_modules/hanpress');
    expect(explainInstallProblem(error, installed)).toBe(
      `cannot load the package hanpress-no-such-package: the install is incomplete or older than package.json; run npm install in ${project}`,
    );
    expect(repairCommand('/usr/lib/node_modules/hanpress')).toBe('reinstall it: npm install -g hanpress');
    expect(repairCommand('/home/me/hanpress/')).toBe('run npm install in /home/me/hanpress');
    expect(explainInstallProblem(new TypeError('x'))).toBeUndefined();
    const err: string[] = [];
    expect(reportBug(error, { err: (t) => err.push(t), cwd: SAMPLE_DIR }, false)).toBe(INSTALL_EXIT_CODE);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^hanpress: cannot load the package hanpress-no-such-package: .*; run npm install in /);
  });
});
