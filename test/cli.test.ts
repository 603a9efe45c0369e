/**
 * The CLI end to end, as a user runs it: build the sample, get byte-identical outputs twice,
 * refuse bad input with a positioned error and leave the output folder as it was.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { runEpubcheck } from './helpers/epubcheck.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO_ROOT): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SLUG = 'xin-de-shiming-he-dandang-2';
const EPOCH = { SOURCE_DATE_EPOCH: '1504224000' };

describe('hanpress build', () => {
  let outA: string;
  let outB: string;
  let first: Run;

  beforeAll(async () => {
    outA = await tempDir('hanpress-out-a-');
    outB = await tempDir('hanpress-out-b-');
    first = await run(['build', SAMPLE_DIR, '--out', outA], EPOCH);
    await run(['build', SAMPLE_DIR, '--out', outB], EPOCH);
  });

  it('writes the EPUB and the PDF and says what it built', async () => {
    // The sample's articles have no bodies, so its 76 pages cannot match the printed 28 印张.
    expect(first.err).toContain('warning print/sheets-mismatch: 印张 28 at 1/16 means 448 pages, but the PDF has 76.');
    expect(first.err).toContain('write `sheets: 4.75`');
    expect(first.err).not.toMatch(/^error/m);
    expect(first.code).toBe(0);
    expect((await readdir(outA)).sort()).toEqual([`${SLUG}.epub`, `${SLUG}.pdf`]);
    expect(first.out).toMatch(new RegExp(`built .*${SLUG}\\.epub\\s+[\\d.]+ (KB|MB)`));
    expect(first.out).toMatch(new RegExp(`built .*${SLUG}\\.pdf\\s+\\d+ pages, [\\d.]+ (KB|MB)`));
    expect(first.out).toMatch(/in \d+\.\d s/);
  });

  it('builds byte-identical outputs from the same inputs', async () => {
    for (const ext of ['epub', 'pdf']) {
      const a = await readFile(path.join(outA, `${SLUG}.${ext}`));
      const b = await readFile(path.join(outB, `${SLUG}.${ext}`));
      expect(a.equals(b), `${ext} differs between two builds`).toBe(true);
    }
  });

  it('writes an EPUB that passes EPUBCheck with no messages', async () => {
    const report = await runEpubcheck(path.join(outA, `${SLUG}.epub`));
    expect(report.messages).toEqual([]);
  });

  it('refuses a bad book with a positioned error and leaves the output folder as it was', async () => {
    const out = await tempDir('hanpress-out-keep-');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, `${SLUG}.pdf`), 'previous build');
    const dir = await projectWith({ 'book.yaml': replaceOnce('price: "55.00"', 'price: 55') });
    const result = await run(['build', dir, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('error book/type: `price` must be string.');
    expect(result.err).toMatch(/--> .*book\.yaml:39:8/);
    expect(result.err).toContain('> 39 | price: 55');
    expect(result.err).toContain('hint: Write text here, in quotes');
    expect(result.err).toContain('nothing was written');
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(await readdir(out)).toEqual([`${SLUG}.pdf`]);
    expect(await readFile(path.join(out, `${SLUG}.pdf`), 'utf8')).toBe('previous build');
  });
});

describe('hanpress check', () => {
  it('passes the sample book', async () => {
    const result = await run(['check', 'manuscript']);
    expect(result.code).toBe(0);
    expect(result.out).toBe('manuscript: no errors');
    expect(result.err).toBe('');
  });

  it('prints GitHub annotations and JSON diagnostics', async () => {
    const dir = await projectWith({ 'chapters/3-02.md': replaceOnce('part: 3', 'part: 2') });
    const github = await run(['check', dir, '--format', 'github'], {}, dir);
    expect(github.code).toBe(1);
    expect(github.err).toBe(
      '::error file=chapters/3-02.md,line=2,col=1,title=contents/part-mismatch::The front matter says `part: 2` but book.yaml lists this file in part 3. ' +
        "Change the front matter to `part: 3` or move the file in book.yaml's contents.",
    );
    const json = await run(['check', dir, '--format', 'json'], {}, dir);
    expect(JSON.parse(json.out)).toMatchObject([{ code: 'contents/part-mismatch', file: 'chapters/3-02.md', line: 2, column: 1, severity: 'error' }]);
  });

  it('fails on warnings only with --strict', async () => {
    const dir = await projectWith({
      'chapters/3-02.md': replaceOnce('part: 3\n---\n', 'part: 3\n---\n\n![会场](https://example.com/a.png)\n'),
    });
    const lenient = await run(['check', dir], {}, dir);
    expect(lenient.code).toBe(0);
    expect(lenient.err).toContain('warning image/remote');
    expect(lenient.out).toBe(`${path.relative(dir, dir) || '.'}: no errors; 1 warning`);
    const strict = await run(['check', dir, '--strict'], {}, dir);
    expect(strict.code).toBe(1);
  });

  it('rejects unknown commands and formats with usage help', async () => {
    expect((await run(['publish'])).code).toBe(2);
    const bad = await run(['check', 'manuscript', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown --format xml');
  });
});

describe('the installed command', () => {
  it('runs through bin/hanpress.js', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/hanpress.js'), '--version']);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(pkg.version);
  });
});
