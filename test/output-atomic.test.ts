/**
 * All-or-nothing output (issue 14): every target is checked before anything changes, a fault
 * injected at any single file operation leaves the out folder byte-identical (or absent, when
 * it did not exist), a signal while writing undoes everything, and `build --out` refuses bad
 * targets with a diagnostic instead of a stack trace or a hang.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_OPS, writeOutputsAtomically, type OutputOps } from '../src/pipeline/output.js';
import { BuildFailure } from '../src/diagnostics/diagnostic.js';
import { expectCleanReport, run, snapshot, SLUG } from './helpers/hostile.js';
import { tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const NEW = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6])];

async function seeded(): Promise<string> {
  const out = path.join(await tempDir('hanpress-atomic-'), 'dist');
  await mkdir(out);
  await writeFile(path.join(out, 'book.epub'), 'old epub');
  await writeFile(path.join(out, 'book.pdf'), 'old pdf');
  await writeFile(path.join(out, 'notes.txt'), 'mine');
  return out;
}

function outputs(out: string): { path: string; bytes: Uint8Array }[] {
  return [
    { path: path.join(out, 'book.epub'), bytes: NEW[0] ?? new Uint8Array() },
    { path: path.join(out, 'book.pdf'), bytes: NEW[1] ?? new Uint8Array() },
  ];
}

/** Real operations, counted; the `failAt`-th call (0-based) throws EIO instead. */
function faulty(failAt: number, calls: string[] = []): OutputOps {
  const wrap = <A extends unknown[], R>(name: keyof OutputOps, f: (...args: A) => R) => (...args: A): R => {
    calls.push(`${name} ${String(args[0])}`);
    if (calls.length - 1 === failAt) throw Object.assign(new Error(`injected fault in ${name}`), { code: 'EIO', path: String(args[0]) });
    return f(...args);
  };
  return {
    mkdir: wrap('mkdir', REAL_OPS.mkdir),
    rmdir: REAL_OPS.rmdir,
    writeFile: wrap('writeFile', REAL_OPS.writeFile),
    rename: wrap('rename', REAL_OPS.rename),
    rm: REAL_OPS.rm,
    access: wrap('access', REAL_OPS.access),
  };
}

async function expectFailure(promise: Promise<void>, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BuildFailure);
  expect((error as BuildFailure).diagnostics[0]?.code).toBe(code);
}

describe('writeOutputsAtomically', () => {
  it('replaces both outputs, keeps other files and leaves no temporary folder', async () => {
    const out = await seeded();
    await writeOutputsAtomically(outputs(out));
    expect(await readFile(path.join(out, 'book.epub'))).toEqual(Buffer.from(NEW[0] ?? []));
    expect(await readFile(path.join(out, 'book.pdf'))).toEqual(Buffer.from(NEW[1] ?? []));
    expect((await readdir(out)).sort()).toEqual(['book.epub', 'book.pdf', 'notes.txt']);
  });

  it('leaves the out folder byte-identical whichever file operation fails', async () => {
    const calls: string[] = [];
    await writeOutputsAtomically(outputs(await seeded()), faulty(-1, calls));
    // access, mkdir temp, 2 × writeFile, 2 × (rename old aside, rename new in)
    expect(calls.length).toBe(8);
    for (let k = 0; k < calls.length; k++) {
      const out = await seeded();
      const before = await snapshot(out);
      await expectFailure(writeOutputsAtomically(outputs(out), faulty(k)), k === 0 ? 'output/not-writable' : 'output/write-failed');
      expect(await snapshot(out), `fault at ${calls[k]}`).toEqual(before);
    }
  });

  it('removes the folders it made when a fault stops it', async () => {
    const calls: string[] = [];
    const base = await tempDir('hanpress-atomic-');
    await writeOutputsAtomically(outputs(path.join(base, 'a/b/dist')), faulty(-1, calls));
    for (let k = 1; k < calls.length; k++) {
      const fresh = await tempDir('hanpress-atomic-');
      await expectFailure(writeOutputsAtomically(outputs(path.join(fresh, 'a/b/dist')), faulty(k)), 'output/write-failed');
      expect(await readdir(fresh), `fault at ${calls[k]}`).toEqual([]);
    }
  });

  it('checks every target before renaming any: a folder in the way of the second output', async () => {
    const out = await seeded();
    await writeFile(path.join(out, 'book.pdf.keep'), '');
    const pdfFolder = path.join(out, 'book.pdf');
    await REAL_OPS.rm(pdfFolder);
    await mkdir(pdfFolder);
    const before = await snapshot(out);
    await expectFailure(writeOutputsAtomically(outputs(out)), 'output/target-is-folder');
    expect(await snapshot(out)).toEqual(before);
  });

  it('reports a folder it may not write as not writable, changing nothing', async () => {
    const out = await seeded();
    const before = await snapshot(out);
    const denied: OutputOps = { ...REAL_OPS, access: () => { throw Object.assign(new Error('permission denied'), { code: 'EACCES' }); } };
    await expectFailure(writeOutputsAtomically(outputs(out), denied), 'output/not-writable');
    expect(await snapshot(out)).toEqual(before);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`undoes everything on ${signal} while writing`, async () => {
      const out = await seeded();
      const before = await snapshot(out);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/slow-writer.ts'), out], { cwd: REPO_ROOT });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => stdout.includes('writing') && resolve());
        child.on('exit', () => reject(new Error(`child ended early: ${stdout}`)));
      });
      expect((await readdir(out)).some((name) => name.startsWith('.hanpress-tmp-'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(stdout).not.toContain('done');
      expect(await snapshot(out)).toEqual(before);
    });
  }
});

describe('build --out targets', () => {
  async function buildTo(out: string): Promise<Awaited<ReturnType<typeof run>>> {
    const r = await run(['build', SAMPLE_DIR, '--out', out], REPO_ROOT);
    expectCleanReport(r);
    return r;
  }

  it('refuses an --out that names an existing file', async () => {
    const file = path.join(await tempDir('hanpress-out-'), 'dist');
    await writeFile(file, 'a file');
    const r = await buildTo(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error output/not-a-folder:');
    expect(await readFile(file, 'utf8')).toBe('a file');
  });

  it('refuses an --out below a file', async () => {
    const file = path.join(await tempDir('hanpress-out-'), 'dist');
    await writeFile(file, 'a file');
    const r = await buildTo(path.join(file, 'sub'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('error output/not-a-folder:');
  });

  it('refuses when a folder holds the PDF’s name, before replacing the EPUB', async () => {
    const out = await seeded();
    await writeFile(path.join(out, `${SLUG}.epub`), 'the old EPUB');
    await mkdir(path.join(out, `${SLUG}.pdf`));
    const before = await snapshot(out);
    const r = await buildTo(out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error output/target-is-folder:');
    expect(await snapshot(out)).toEqual(before);
  });

  it('refuses an --out on a kernel file system at once instead of spinning', async () => {
    const r = await buildTo('/proc/self/hanpress-out');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error output/special-file-system:');
    expect(existsSync('/proc/self/hanpress-out')).toBe(false);
  });
});
