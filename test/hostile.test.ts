/**
 * Hostile and careless input (issue 14). Every case starts from a copy of the sample with one
 * fault and checks what a user sees: exit code 1, a positioned diagnostic from the catalogue,
 * no stack trace, the out folder byte-identical after the failed build, and nothing read from
 * outside the project (the `outside/` folder holds a secret and a named pipe that would block
 * any read). Output faults, signals and the SVG sanitiser have their own files.
 */
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { appendLines, checkJson, expectCleanReport, expectRefused, hostileProject, run, SECRET, refusedAfterEdit } from './helpers/hostile.js';
import { REPO_ROOT } from './helpers/sample.js';

const CHAPTER = 'chapters/1-01.md';

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
}

/** A project whose chapter 1-01 shows `images/<name>`; returns the image's line. */
async function withImage(name: string, src = `../images/${name}`): Promise<{ h: Awaited<ReturnType<typeof hostileProject>>; line: number }> {
  const h = await hostileProject();
  await mkdir(path.join(h.dir, 'images'), { recursive: true });
  const line = await appendLines(path.join(h.dir, CHAPTER), [`![插图](${src})`]);
  return { h, line };
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('paths that leave the project', () => {
  it('refuses a chapter that is a symbolic link to a file outside, without opening it', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, CHAPTER));
    await symlink(path.join(h.outside, 'pipe'), path.join(h.dir, CHAPTER));
    const d = await expectRefused(h, { code: 'contents/outside-project', file: 'book.yaml', line: 55, column: 11 });
    expect(d.message).toContain('symbolic link');
  });

  it('refuses a chapter that is a symbolic link to a secret file outside', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, CHAPTER));
    await symlink(path.join(h.outside, 'secret.md'), path.join(h.dir, CHAPTER));
    await expectRefused(h, { code: 'contents/outside-project', file: 'book.yaml', line: 55 });
  });

  it('refuses a chapter folder that is a symbolic link out of the project', async () => {
    const h = await hostileProject();
    await cp(path.join(h.dir, 'chapters'), path.join(h.outside, 'chapters'), { recursive: true });
    await rm(path.join(h.dir, 'chapters'), { recursive: true });
    await symlink(path.join(h.outside, 'chapters'), path.join(h.dir, 'chapters'));
    await expectRefused(h, { code: 'contents/outside-project', file: 'book.yaml', line: 55 });
  });

  it('refuses an image that is a symbolic link to a file outside (the pipe is never opened)', async () => {
    const { h, line } = await withImage('x.png');
    await symlink(path.join(h.outside, 'pipe'), path.join(h.dir, 'images/x.png'));
    await expectRefused(h, { code: 'image/outside-project', file: CHAPTER, line, column: 1 });
  });

  it('refuses an image that is a symbolic link to a system file', async () => {
    const { h, line } = await withImage('passwd.png');
    await symlink('/etc/passwd', path.join(h.dir, 'images/passwd.png'));
    await expectRefused(h, { code: 'image/outside-project', file: CHAPTER, line, column: 1, message: /\/etc\/passwd/ });
  });

  it('refuses an image path that climbs out with ..', async () => {
    const { h, line } = await withImage('x', '../../outside/secret.png');
    await expectRefused(h, { code: 'image/outside-project', file: CHAPTER, line, column: 1 });
  });

  it('refuses an images folder that is a symbolic link out of the project', async () => {
    const { h, line } = await withImage('secret.png');
    await rm(path.join(h.dir, 'images'), { recursive: true });
    await symlink(h.outside, path.join(h.dir, 'images'));
    await expectRefused(h, { code: 'image/outside-project', file: CHAPTER, line, column: 1 });
  });

  it('refuses a chapter listed by an absolute path', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, 'book.yaml'), 'utf8');
    await writeFile(path.join(h.dir, 'book.yaml'), text.replace('- chapters/1-01.md', `- ${path.join(h.outside, 'secret.md')}`));
    await expectRefused(h, { code: 'contents/outside-project', file: 'book.yaml', line: 55, column: 11 });
  });

  it('refuses a cover.jpg that is a symbolic link out of the project', async () => {
    const h = await hostileProject();
    await symlink(path.join(h.outside, 'pipe'), path.join(h.dir, 'cover.jpg'));
    await expectRefused(h, { code: 'cover/outside-project', file: 'cover.jpg' });
  });

  it('refuses a book.yaml that is a symbolic link out of the project', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, 'book.yaml'));
    await writeFile(path.join(h.outside, 'book.yaml'), text);
    await rm(path.join(h.dir, 'book.yaml'));
    await symlink(path.join(h.outside, 'book.yaml'), path.join(h.dir, 'book.yaml'));
    await expectRefused(h, { code: 'load/outside-project', file: 'book.yaml' });
  });

  it('refuses a font that leads outside the project and the font folders', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fonts.yaml'), `body:\n  family: X\n  normal: ${path.join(h.outside, 'secret.ttf')}\nheading:\n  family: Y\n  normal: ../outside/pipe\n`);
    await expectRefused(h, { code: 'fonts/outside-folders', file: 'fonts.yaml', line: 3, column: 11 });
  });

  it('refuses a fonts.yaml that is a symbolic link out of the project', async () => {
    const h = await hostileProject();
    await symlink(path.join(h.outside, 'pipe'), path.join(h.dir, 'fonts.yaml'));
    await expectRefused(h, { code: 'load/outside-project', file: 'fonts.yaml' });
  });

  it('refuses a chapter that is a named pipe or a folder inside the project, without blocking', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, CHAPTER));
    await mkdir(path.join(h.dir, CHAPTER));
    await expectRefused(h, { code: 'load/not-a-file', file: 'book.yaml', line: 55 });
  });

  it('refuses a chapter that is a loop of symbolic links', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, CHAPTER));
    await symlink(path.join(h.dir, 'chapters/loop.md'), path.join(h.dir, CHAPTER));
    await symlink(path.join(h.dir, CHAPTER), path.join(h.dir, 'chapters/loop.md'));
    await expectRefused(h, { code: 'load/unreadable', file: 'book.yaml', line: 55 });
  });

  it('never opens or writes through a print cache that links out of the project', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, '.hanpress-cache'), { recursive: true, force: true });
    await mkdir(path.join(h.dir, '.hanpress-cache'));
    await symlink(path.join(h.outside, 'pipe'), path.join(h.dir, '.hanpress-cache/print-pages.json'));
    // Finishing at all proves the pipe was never opened.
    const epubOnly = await run(['build', h.dir, '--out', h.out, '--only', 'epub'], h.dir);
    expect(epubOnly.code, epubOnly.err).toBe(0);
    expect(epubOnly.err).toContain('build/no-page-list');
    await rm(path.join(h.dir, '.hanpress-cache'), { recursive: true });
    const elsewhere = path.join(h.outside, 'cache');
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(h.dir, '.hanpress-cache'));
    const full = await run(['build', h.dir, '--out', h.out], h.dir);
    expect(full.code, full.err).toBe(0);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('never opens a cache entry that is a link (to a pipe outside the project)', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, '.hanpress-cache'), { recursive: true, force: true });
    expect((await run(['build', h.dir, '--out', h.out], h.dir)).code).toBe(0);
    const steps = path.join(h.dir, '.hanpress-cache/steps');
    const entries = (await readdir(steps, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      await rm(path.join(entry.parentPath, entry.name));
      await symlink(path.join(h.outside, 'pipe'), path.join(entry.parentPath, entry.name));
    }
    // Finishing at all proves no pipe was opened.
    const again = await run(['build', h.dir, '--out', h.out], h.dir);
    expect(again.code, again.err).toBe(0);
  });

  it('follows symbolic links that stay inside the project, and a project folder that is a link', async () => {
    const h = await hostileProject();
    await mkdir(path.join(h.dir, 'drafts'));
    await writeFile(path.join(h.dir, 'drafts/1-01.md'), await readFile(path.join(h.dir, CHAPTER)));
    await rm(path.join(h.dir, CHAPTER));
    await symlink('../drafts/1-01.md', path.join(h.dir, CHAPTER));
    const linked = path.join(path.dirname(h.dir), 'linked-book');
    await symlink(h.dir, linked);
    const { code, diagnostics } = await checkJson(linked);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('images `build` could not read', () => {
  it('refuses a corrupt image at its position in the chapter', async () => {
    const { h, line } = await withImage('broken.png');
    await writeFile(path.join(h.dir, 'images/broken.png'), 'this is not a PNG');
    await expectRefused(h, { code: 'image/corrupt', file: CHAPTER, line, column: 1 });
  });

  it('refuses a truncated JPEG', async () => {
    const { h, line } = await withImage('cut.jpg');
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#39c' } }).jpeg().toBuffer();
    await writeFile(path.join(h.dir, 'images/cut.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    await expectRefused(h, { code: 'image/corrupt', file: CHAPTER, line });
  });

  it('refuses an image over the pixel limit', async () => {
    const { h, line } = await withImage('huge.png');
    const bytes = Buffer.from(await png());
    bytes.writeUInt32BE(30000, 16);
    bytes.writeUInt32BE(30000, 20);
    bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
    await writeFile(path.join(h.dir, 'images/huge.png'), bytes);
    await expectRefused(h, { code: 'image/too-large', file: CHAPTER, line });
  });

  it('refuses an SVG saved under a .png name (librsvg would render it)', async () => {
    const { h, line } = await withImage('drawing.png');
    await writeFile(path.join(h.dir, 'images/drawing.png'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>');
    await expectRefused(h, { code: 'image/corrupt', file: CHAPTER, line, message: /svg/ });
  });

  it('refuses a malformed %-escape in an image path', async () => {
    const { h, line } = await withImage('x', '../images/b%E4.png');
    await expectRefused(h, { code: 'image/bad-escape', file: CHAPTER, line, column: 1 });
  });

  it('refuses a corrupt cover.jpg, naming it', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'cover.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expectRefused(h, { code: 'cover/corrupt', file: 'cover.jpg' });
  });

  it('warns about an image type it does not embed', async () => {
    const { h, line } = await withImage('scan.bmp');
    await writeFile(path.join(h.dir, 'images/scan.bmp'), 'BM');
    const { code, diagnostics } = await checkJson(h.dir);
    expect(code).toBe(0);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'image/unsupported-type', severity: 'warning', file: CHAPTER, line }));
  });
});

describe('fonts', () => {
  it('reports a syntax error in fonts.yaml at its position', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'body:\n  family: "Noto\n  normal: x.ttf\n');
    await expectRefused(h, { code: 'yaml/syntax', file: 'fonts.yaml', line: 2 });
  });

  it('refuses a font file that is not a font', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fake.ttf'), 'just some text');
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'body:\n  family: X\n  normal: fake.ttf\nheading:\n  family: Y\n  normal: fake.ttf\n');
    await expectRefused(h, { code: 'fonts/not-a-font', file: 'fonts.yaml', line: 3, column: 11 });
  });

  it('refuses a font file whose tables are cut short', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'cut.ttf'), Buffer.from([0, 1, 0, 0, 0, 9, 0, 0]));
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'body:\n  family: X\n  normal: cut.ttf\nheading:\n  family: Y\n  normal: cut.ttf\n');
    await expectRefused(h, { code: 'fonts/not-a-font', file: 'fonts.yaml', line: 3 });
  });

  it('refuses a font path that does not exist', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'body:\n  family: X\n  normal: ./nowhere.ttf\nheading:\n  family: Y\n  normal: ./nowhere.ttf\n');
    await expectRefused(h, { code: 'fonts/not-found', file: 'fonts.yaml', line: 3, column: 11 });
  });

  it('refuses a face a font collection does not have, at its postscriptName', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fonts.ttc'), Buffer.concat([Buffer.from('ttcf'), Buffer.alloc(12)]));
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'body:\n  family: X\n  normal: { path: fonts.ttc, postscriptName: X }\nheading:\n  family: Y\n  normal: fonts.ttc\n');
    await expectRefused(h, { code: 'fonts/no-such-face', file: 'fonts.yaml', line: 3, column: 46 });
  });

  it('refuses a misspelt fonts.yaml field at its key, with a suggestion', async () => {
    const h = await hostileProject();
    const config = await readFile(path.join(REPO_ROOT, 'fonts/fonts.yaml'), 'utf8');
    await writeFile(path.join(h.dir, 'fonts.yaml'), `${config}fallbak:\n  - { family: X, path: x.ttf }\n`);
    const d = await expectRefused(h, { code: 'fonts/unknown-field', file: 'fonts.yaml', column: 1 });
    expect(d.message).toContain('fallbak');
    expect(d.line).toBe(config.split('\n').length);
  });

  it('refuses a fonts.yaml without a body role', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'fonts.yaml'), 'heading:\n  family: Y\n  normal: x.ttf\n');
    await expectRefused(h, { code: 'fonts/missing-role', file: 'fonts.yaml' });
  });
});

describe('text encodings and line endings', () => {
  it('accepts CRLF line endings and a BOM in book.yaml and every chapter, front matter included', async () => {
    const h = await hostileProject();
    for (const file of ['book.yaml', CHAPTER, 'chapters/1-02.md', 'front/preface.md']) {
      const text = await readFile(path.join(h.dir, file), 'utf8');
      await writeFile(path.join(h.dir, file), `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    }
    const { code, diagnostics } = await checkJson(h.dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports a UTF-16 book.yaml as an encoding error', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, 'book.yaml'), 'utf8');
    await writeFile(path.join(h.dir, 'book.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expectRefused(h, { code: 'encoding/utf16', file: 'book.yaml', line: 1, column: 1 });
  });

  it('reports a UTF-16 chapter without a BOM as an encoding error', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, CHAPTER), 'utf8');
    await writeFile(path.join(h.dir, CHAPTER), Buffer.from(text, 'utf16le'));
    await expectRefused(h, { code: 'encoding/utf16', file: CHAPTER, line: 1, column: 1 });
  });

  it('reports a GBK chapter at the first byte that is not UTF-8', async () => {
    const h = await hostileProject();
    const gbk = Buffer.concat([Buffer.from('---\ntitle: ok\n---\n\nabc '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n')]);
    await writeFile(path.join(h.dir, CHAPTER), gbk);
    const d = await expectRefused(h, { code: 'encoding/invalid-utf8', file: CHAPTER, line: 5, column: 5 });
    expect(d.message).toContain('GB');
  });

  it('reports invalid UTF-8 in book.yaml at its line and column', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, 'book.yaml'), 'utf8');
    const at = text.indexOf('price: "55.') + 'price: "55.'.length;
    await writeFile(path.join(h.dir, 'book.yaml'), Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc0, 0xaf]), Buffer.from(text.slice(at + 2))]));
    await expectRefused(h, { code: 'encoding/invalid-utf8', file: 'book.yaml', line: 39, column: 12 });
  });

  it('reports a control character in a chapter at its position', async () => {
    const h = await hostileProject();
    const line = await appendLines(path.join(h.dir, CHAPTER), ['正文\u0000中的空字符']);
    await expectRefused(h, { code: 'encoding/control-character', file: CHAPTER, line, column: 3 });
  });

  it('reports a lone surrogate escape in book.yaml at the escape', async () => {
    await refusedAfterEdit('book.yaml', 'distributor: 各地书店', 'distributor: "各地\\uD800书店"', { code: 'encoding/lone-surrogate', file: 'book.yaml', line: 45, column: 17 });
  });

  it('reports a control character written as an escape in book.yaml at the escape, though the file\'s bytes are clean', async () => {
    await refusedAfterEdit('book.yaml', 'distributor: 各地书店', 'distributor: "各地\\x01书店"', { code: 'encoding/control-character', file: 'book.yaml', line: 45, column: 17 });
  });

  it('reports a control character written as a one-letter escape in front matter at the escape', async () => {
    await refusedAfterEdit(CHAPTER, 'date: 2014年12月29日新闻稿节选', 'date: "2014年\\a"', { code: 'encoding/control-character', file: CHAPTER, line: 3, column: 13 });
  });

  it('reports a lone surrogate escape in front matter at the escape', async () => {
    await refusedAfterEdit(CHAPTER, 'date: 2014年12月29日新闻稿节选', 'date: "2014年\\uDC00"', { code: 'encoding/lone-surrogate', file: CHAPTER, line: 3, column: 13 });
  });
});

describe('YAML limits', () => {
  it('refuses an alias bomb in book.yaml at its first alias', async () => {
    const h = await hostileProject();
    const bomb = ['x-a: &a [x, x, x, x, x, x, x, x, x]', 'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]'];
    await appendLines(path.join(h.dir, 'book.yaml'), bomb);
    const d = await expectRefused(h, { code: 'yaml/too-many-aliases', file: 'book.yaml' });
    expect(d.line).toBeGreaterThan(60);
  });

  it('refuses more than 100 aliases', async () => {
    const h = await hostileProject();
    await appendLines(path.join(h.dir, 'book.yaml'), ['x-a: &a 1', `x-b: [${Array.from({ length: 101 }, () => '*a').join(', ')}]`]);
    await expectRefused(h, { code: 'yaml/too-many-aliases', file: 'book.yaml' });
  });

  it('refuses a 5 MB book.yaml quickly instead of hanging', async () => {
    await refusedAfterEdit('book.yaml', 'distributor: 各地书店', `distributor: ${'书'.repeat(5_000_000 / 3)}`, { code: 'load/too-large', file: 'book.yaml' });
  });

  it('refuses a 20 000-character value at its position', async () => {
    await refusedAfterEdit('book.yaml', 'distributor: 各地书店', `distributor: ${'书'.repeat(20_000)}`, { code: 'yaml/string-too-long', file: 'book.yaml', line: 45, column: 14 });
  });

  it('refuses a long title in front matter at its position', async () => {
    await refusedAfterEdit(CHAPTER, 'date: 2014年12月29日新闻稿节选', `date: ${'日'.repeat(12_000)}`, { code: 'yaml/string-too-long', file: CHAPTER, line: 3, column: 7 });
  });

  it('refuses 100 000 nested brackets without running out of memory', async () => {
    const h = await hostileProject();
    await appendLines(path.join(h.dir, 'book.yaml'), [`x-deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}`]);
    await expectRefused(h, { code: 'yaml/too-deep', file: 'book.yaml' });
  });

  it('refuses block nesting deeper than 32 levels', async () => {
    const h = await hostileProject();
    const lines = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`);
    await appendLines(path.join(h.dir, 'book.yaml'), [...lines, `${'  '.repeat(40)}v`]);
    await expectRefused(h, { code: 'yaml/too-deep', file: 'book.yaml' });
  });
});

describe('check refuses what build would', () => {
  it('refuses a 开本 the format table does not know, at print.paper', async () => {
    await refusedAfterEdit('book.yaml', 'paper: { width: 700, height: 1000 }', 'paper: { width: 701, height: 1000 }', { code: 'pdf/unknown-format', file: 'book.yaml', line: 38, column: 17 });
  });

  it('never shows the secret in any diagnostic', async () => {
    const h = await hostileProject();
    await rm(path.join(h.dir, CHAPTER));
    await symlink(path.join(h.outside, 'secret.md'), path.join(h.dir, CHAPTER));
    const { run } = await checkJson(h.dir);
    expect(run.out + run.err).not.toContain(SECRET);
  });
});

describe('more careless input', () => {
  it('refuses an empty book.yaml with a schema error, not a crash', async () => {
    const h = await hostileProject();
    await writeFile(path.join(h.dir, 'book.yaml'), '');
    await expectRefused(h, { code: 'book/type', file: 'book.yaml', line: 1, column: 1 });
  });

  it('refuses a book.yaml with two YAML documents at the second', async () => {
    const h = await hostileProject();
    const text = await readFile(path.join(h.dir, 'book.yaml'), 'utf8');
    await writeFile(path.join(h.dir, 'book.yaml'), `${text}---\nslug: again\n`);
    await expectRefused(h, { code: 'yaml/syntax', file: 'book.yaml' });
  });

  it('refuses an image named by an absolute path', async () => {
    const { h, line } = await withImage('x', '/etc/passwd');
    await expectRefused(h, { code: 'image/outside-project', file: CHAPTER, line, column: 1 });
  });

  it('never reads file: URLs: the Markdown parser refuses them as links, and the build finishes without opening the pipe', async () => {
    const h = await hostileProject();
    await appendLines(path.join(h.dir, CHAPTER), [`![管道](file://${path.join(h.outside, 'pipe')}) [链接](file://${path.join(h.outside, 'secret.md')})`]);
    const { code, diagnostics } = await checkJson(h.dir);
    expect(code).toBe(0);
    expect(diagnostics.filter((d) => d.code.startsWith('image/'))).toEqual([]);
    const built = await run(['build', h.dir, '--out', h.out], h.dir);
    expect(built.code, built.err).toBe(0);
    const entries = unzipSync(await readFile(path.join(h.out, 'xin-de-shiming-he-dandang-2.epub')));
    for (const [name, bytes] of Object.entries(entries)) expect(Buffer.from(bytes).includes(SECRET), name).toBe(false);
  });

  it('survives 20 000 nested emphasis marks: a warning at the paragraph, and the book builds', async () => {
    const h = await hostileProject();
    const line = await appendLines(path.join(h.dir, CHAPTER), [`${'*'.repeat(20_000)}强调${'*'.repeat(20_000)}`]);
    const { code, diagnostics } = await checkJson(h.dir);
    expect(code).toBe(0);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'markdown/too-deep', severity: 'warning', file: CHAPTER, line, column: 1 }));
    const built = await run(['build', h.dir, '--out', h.out], h.dir);
    expectCleanReport(built);
    expect(built.code, built.err).toBe(0);
  });

  it('reads UTF-16 OCR text for import as an encoding error, and form feeds as page breaks', async () => {
    const h = await hostileProject();
    const ocr = path.join(h.outside, 'scan.txt');
    await writeFile(ocr, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('书名\n', 'utf16le')]));
    const refused = await run(['import', ocr, '--out', path.join(h.outside, 'imported')], h.outside);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('error encoding/utf16:');
    expect(refused.err).not.toMatch(/^\s+at /m);
  });
});
