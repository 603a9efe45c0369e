/**
 * fonts.yaml through the schema path, as book.yaml and design.yaml: every wrong key or form is
 * reported at its file:line:col with a hint (several at once), a book's own fonts.yaml replaces
 * the house file, package names resolve from hanpress's install (never from the book folder),
 * a role the design uses but fonts.yaml leaves out borrows its documented stand-in, and `check`
 * opens every face fonts.yaml names.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildFailure, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { checkProject } from '../src/pipeline/check.js';
import { projectWith } from './helpers/project.js';
import { REPO_ROOT } from './helpers/sample.js';

const HOUSE = path.join(REPO_ROOT, 'fonts/fonts.yaml');

async function refusal(dir: string): Promise<Diagnostic[]> {
  try {
    await loadFontConfig(dir);
  } catch (error) {
    if (error instanceof BuildFailure) return error.diagnostics;
    throw error;
  }
  throw new Error('fonts.yaml was accepted');
}

async function bookWithFonts(yaml: string): Promise<string> {
  const dir = await projectWith();
  await writeFile(path.join(dir, 'fonts.yaml'), yaml);
  return dir;
}

describe('fonts.yaml schema', () => {
  it('reports an unknown role (quote:) and a misspelt face field at their keys, together', async () => {
    const house = await readFile(HOUSE, 'utf8');
    const yaml = `${house.replace('  normal: "@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff"', '  normal: { path: "@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff", postscriptname: X }')}quote:\n  family: LXGW WenKai\n  normal: x.ttf\n`;
    const diagnostics = await refusal(await bookWithFonts(yaml));
    const lines = yaml.split('\n');
    const quote = diagnostics.find((d) => d.message.includes('`quote`'));
    expect(quote).toMatchObject({ code: 'fonts/unknown-field', file: 'fonts.yaml', line: lines.indexOf('quote:') + 1, column: 1 });
    expect(quote?.hint).toContain('kai');
    const field = diagnostics.find((d) => d.message.includes('`postscriptname`'));
    expect(field).toMatchObject({ code: 'fonts/unknown-field', line: lines.findIndex((l) => l.includes('postscriptname')) + 1 });
    expect(field?.hint).toContain('Did you mean `postscriptName`?');
  });

  it('reports a role without normal, a face of the wrong form and a fallback without a path', async () => {
    const yaml = [
      'body:',
      '  family: A',
      '  normal: 12',
      'heading:',
      '  family: B',
      'fallback:',
      '  - { family: C }',
      '',
    ].join('\n');
    const diagnostics = await refusal(await bookWithFonts(yaml));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual(
      expect.arrayContaining([
        ['fonts/bad-entry', 3],
        ['fonts/missing-role', 5],
        ['fonts/bad-fallback', 7],
      ]),
    );
    expect(diagnostics.find((d) => d.line === 3)?.message).toContain('must be a font path, or `{ path: …, postscriptName: … }`');
  });

  it('is checked on the house file too: the shipped fonts.yaml passes', async () => {
    const config = await loadFontConfig(REPO_ROOT);
    expect(config.body.family).toBe('Noto Serif SC');
  });
});

describe('where fonts come from', () => {
  it('resolves a package name from hanpress\'s install, not from a node_modules in the book folder', async () => {
    const dir = await bookWithFonts(await readFile(HOUSE, 'utf8'));
    const house = await loadFontConfig(dir);
    // A decoy of the same package path inside the book: a different font.
    const decoy = path.join(dir, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular');
    await mkdir(decoy, { recursive: true });
    await copyFile(house.mono.normal.path, path.join(decoy, 'NotoSerifSC_400Regular.ttf'));
    const config = await loadFontConfig(dir);
    expect(config.body.normal.path).toBe(house.body.normal.path);
    expect(config.body.normal.path.startsWith(await import('node:fs/promises').then((fs) => fs.realpath(dir)))).toBe(false);
  });

  it('lets a book leave out kai, fangsong and mono: they borrow body (a design may still use them)', async () => {
    const house = await readFile(HOUSE, 'utf8');
    const twoRoles = house.slice(0, house.indexOf('kai:'));
    const dir = await bookWithFonts(twoRoles);
    await writeFile(path.join(dir, 'design.yaml'), 'styles:\n  blockquote: { font: kai }\n');
    const config = await loadFontConfig(dir);
    expect(config.kai).toMatchObject({ family: 'Noto Serif SC', borrowedFrom: 'body' });
    expect(config.fangsong).toMatchObject({ family: 'Noto Serif SC', borrowedFrom: 'body' });
    expect(config.mono.borrowedFrom).toBe('body');
    const { diagnostics } = await checkProject(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has check open every face, a role this book never uses included, and report a broken one at its entry', async () => {
    const house = await readFile(HOUSE, 'utf8');
    const dir = await bookWithFonts(house.replace('"@expo-google-fonts/noto-sans-mono/700Bold/NotoSansMono_700Bold.ttf"', 'broken.ttf'));
    // An sfnt header whose table directory points past the end of the file.
    const broken = Buffer.alloc(28);
    broken.writeUInt32BE(0x00010000, 0);
    broken.writeUInt16BE(1, 4);
    broken.write('cmap', 12, 'latin1');
    broken.writeUInt32BE(4096, 20);
    broken.writeUInt32BE(64, 24);
    await writeFile(path.join(dir, 'broken.ttf'), broken);
    const { diagnostics } = await checkProject(dir);
    const lines = house.split('\n');
    expect(diagnostics.find((d) => d.code === 'fonts/not-a-font')).toMatchObject({ file: 'fonts.yaml', line: lines.findIndex((l) => l.includes('NotoSansMono_700Bold')) + 1 });
  });
});
