// @ts-check
/**
 * Compiles src/ (TypeScript) to lib/ (JavaScript ES modules, one file per source, with source
 * maps), which bin/hanpress.js runs. npm runs it as `prepare` (npm install, npm ci, npm pack);
 * `npm run compile` runs it by hand. Type-checking stays with `tsc --noEmit` in `npm test`:
 * esbuild only strips types, in about half a second where tsc's emit takes seven. The schema
 * validators are generated here too (ajv standalone code, src/validate/ajv-compile.ts).
 *
 * Plain JavaScript so that it runs before anything is compiled and without tsx.
 * Only files whose bytes change are written, each through a temporary file and a rename, so a
 * CLI started while another process compiles (npm pack in the tests) never reads half a file.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = path.join(ROOT, 'src');
export const LIB = path.join(ROOT, 'lib');
/** Touched by a compile that changed lib/ or saw newer sources; a checkout's bin compares src/ against it. */
export const STAMP = path.join(LIB, '.compiled');

/** @param {string} dir @param {string} suffix */
async function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => path.join(e.parentPath, e.name));
}

/** @param {string} file @param {Uint8Array} bytes */
async function writeIfChanged(file, bytes) {
  const old = await readFile(file).catch(() => undefined);
  if (old && Buffer.compare(old, bytes) === 0) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return true;
}

/** @returns {Promise<{ written: number, removed: number, files: number }>} */
export async function compile() {
  const sources = await filesUnder(SRC, '.ts');
  const result = await build({
    entryPoints: sources,
    outdir: LIB,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Maps for stack traces of our own bugs (--debug); the sources are not shipped, so the
    // maps point at src/ without carrying its text.
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'error',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  });
  const wanted = new Set(result.outputFiles.map((f) => f.path));
  let written = 0;
  for (const file of result.outputFiles) if (await writeIfChanged(file.path, file.contents)) written += 1;
  // The schema validators as ajv's standalone code, so no run compiles a schema.
  const { standaloneValidators } = await import(pathToFileURL(path.join(LIB, 'validate/ajv-compile.js')).href);
  const validators = path.join(LIB, 'validate/validators.generated.js');
  if (await writeIfChanged(validators, Buffer.from(standaloneValidators(), 'utf8'))) written += 1;
  wanted.add(validators);
  // A source that was deleted or renamed must not leave a module behind that still runs.
  const stale = [...(await filesUnder(LIB, '.js')), ...(await filesUnder(LIB, '.js.map'))].filter((f) => !wanted.has(f));
  await Promise.all(stale.map((f) => rm(f)));
  // The stamp moves only when lib/ changed or src/ was touched since: the build cache keys
  // hanpress's code by the files of lib/, and a compile that changed nothing must keep it.
  const newestSource = Math.max(0, ...(await Promise.all(sources.map(async (f) => (await stat(f)).mtimeMs))));
  const stamped = await stat(STAMP).then((s) => s.mtimeMs, () => -1);
  if (written > 0 || stale.length > 0 || stamped < newestSource) {
    const now = new Date(Math.max(Date.now(), Math.ceil(newestSource)));
    await writeFile(STAMP, `${now.toISOString()}\n`);
    await utimes(STAMP, now, now);
  }
  return { written, removed: stale.length, files: sources.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { written, removed, files } = await compile();
  const ms = (performance.now() - started).toFixed(0);
  // On stderr: npm pack --json prints its JSON on stdout after this (prepare) script.
  process.stderr.write(`hanpress: compiled ${files} files of src/ into lib/ (${written} changed, ${removed} removed) in ${ms} ms\n`);
}
