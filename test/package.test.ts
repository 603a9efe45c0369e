/**
 * The package as a user gets it: `npm pack` ships the compiled lib/ (npm's prepare compiles
 * it), the docs README links to and a LICENSE, but no sources or tests; the tarball installed
 * into an empty folder builds a copy of the sample with `npx hanpress build`.
 * Installing reads the npm registry (through npm's cache, filled by the repository's own
 * `npm ci`), as a user's install does.
 */
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEpubcheck } from './helpers/epubcheck.js';
import { tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const exec = promisify(execFile);

interface PackResult {
  filename: string;
  files: { path: string }[];
}

describe('the npm package', () => {
  let pack: PackResult;
  let tarball: string;

  beforeAll(async () => {
    const dir = await tempDir('hanpress-pack-');
    const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    pack = (JSON.parse(stdout) as PackResult[])[0] as PackResult;
    tarball = path.join(dir, pack.filename);
  }, 120_000);

  it('contains the compiled code, the docs README links to, a LICENSE, and no sources, tests or sample', async () => {
    const files = pack.files.map((f) => f.path);
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1] as string);
    expect(linked.length).toBeGreaterThan(3);
    const compiled = ['lib/cli/main.js', 'lib/cli/main.js.map', 'lib/cli/commands/build.js', 'lib/validate/validators.generated.js'];
    for (const doc of [...linked, ...compiled, 'LICENSE', 'README.md', 'package.json', 'bin/hanpress.js', 'fonts/fonts.yaml', 'templates/pdf/design.yaml']) {
      expect(files, doc).toContain(doc);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|manuscript)\//.test(f) || f.endsWith('.ts'))).toEqual([]);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg).toMatchObject({ name: 'hanpress', license: 'MIT', repository: { type: 'git' }, bin: { hanpress: 'bin/hanpress.js' } });
    // What lib/ imports at run time is a dependency, never a dev dependency a user lacks.
    expect(Object.keys(pkg.dependencies as object)).toEqual(expect.arrayContaining(['fontkit', 'ajv', 'sharp']));
    expect(Object.keys(pkg.dependencies as object)).not.toContain('tsx');
  });

  it('installs into an empty folder where hanpress builds a copy of the sample', async () => {
    const user = await tempDir('hanpress-user-');
    await writeFile(path.join(user, 'package.json'), '{ "name": "a-publisher", "private": true }\n');
    await exec('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: user, maxBuffer: 16 * 1024 * 1024 });
    const book = path.join(user, 'book');
    await cp(SAMPLE_DIR, book, { recursive: true });
    const hanpress = path.join(user, 'node_modules/.bin/hanpress');
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1504224000' };
    const help = await exec(hanpress, ['help', 'build'], { cwd: user, env });
    expect(help.stdout).toContain('Usage: hanpress build [dir...] [options]');
    // npx finds the installed command from the book's folder, as a publisher would run it.
    const built = await exec('npx', ['--no-install', 'hanpress', 'build'], { cwd: book, env });
    expect(built.stdout).toMatch(/^built dist\/xin-de-shiming-he-dandang-2\.epub/m);
    expect((await readdir(path.join(book, 'dist'))).sort()).toEqual(['xin-de-shiming-he-dandang-2.epub', 'xin-de-shiming-he-dandang-2.pdf']);
    expect((await runEpubcheck(path.join(book, 'dist/xin-de-shiming-he-dandang-2.epub'))).messages).toEqual([]);
    // The installed docs are there for the links in the installed README.
    expect(await readdir(path.join(user, 'node_modules/hanpress/docs'))).toContain('metadata.md');
  }, 600_000);
});
