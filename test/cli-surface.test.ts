/**
 * The command line a new user meets: help for every command, suggestions for slips, our own
 * message for unknown options, how warnings are summarised, --quiet, --max-warnings, colour,
 * code frames of very long lines, and finding the project from a subfolder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { runCli } from './helpers/cli.js';
import { projectWith, replaceOnce } from './helpers/project.js';

describe('help', () => {
  it('has per-command help listing every option with its short form, two ways', async () => {
    for (const entry of COMMANDS) {
      const command = { ...entry, ...(await entry.load()) };
      const viaFlag = await runCli([command.name, '--help']);
      const viaHelp = await runCli(['help', command.name]);
      expect(viaFlag.code, command.name).toBe(0);
      expect(viaHelp.out, command.name).toBe(viaFlag.out);
      expect(viaFlag.out).toMatch(new RegExp(`^Usage: hanpress ${command.name} `));
      for (const [name, spec] of Object.entries(command.options)) {
        const label = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
        expect(viaFlag.out, `${command.name} --${name}`).toContain(label);
        expect(spec.description.length, `${command.name} --${name}`).toBeGreaterThan(10);
      }
      expect(viaFlag.out).toContain('-h, --help');
    }
  });

  it('lists every command in the global help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.out).toContain(`  ${command.name} `);
    expect(result.out).toContain('-v, --version');
  });
});

describe('mistakes on the command line', () => {
  it('suggests the command meant', async () => {
    const result = await runCli(['buld']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('Unknown command buld. Did you mean build?\nRun hanpress --help for the usage.');
    expect((await runCli(['help', 'chek'])).err).toContain('Did you mean check?');
    expect((await runCli(['publish'])).err).not.toContain('Did you mean');
  });

  it('says which option is unknown, in our words, with a suggestion and no usage dump', async () => {
    const result = await runCli(['build', 'manuscript', '--ouy', 'x']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('Unknown option --ouy for hanpress build. Did you mean --out?\nRun hanpress build --help for the usage.');
    const short = await runCli(['check', '-x']);
    expect(short.err).toContain('Unknown option -x for hanpress check.');
    expect(short.err).not.toMatch(/ERR_PARSE_ARGS|parseArgs|TypeError/);
  });

  it('says when an option lacks its value or takes none', async () => {
    expect((await runCli(['build', '--out'])).err).toContain('The option --out needs a value: --out <dir>.');
    expect((await runCli(['build', '--print=yes'])).err).toContain('The option --print takes no value');
    expect((await runCli(['build', '--only', 'mobi'])).err).toContain('Unknown --only mobi: use epub or pdf.');
    expect((await runCli(['check', '--max-warnings', 'some'])).err).toContain('--max-warnings needs a whole number');
    expect((await runCli(['check', '--format', 'jsno'])).err).toContain('Unknown --format jsno: use text, json or github. Did you mean json?');
    expect((await runCli(['build', '--only', 'epbu'])).err).toContain('Did you mean epub?');
  });
});

describe('misspelt fields', () => {
  it('suggests the book.yaml field meant', async () => {
    const dir = await projectWith({ 'book.yaml': replaceOnce('publisher:\n  name:', 'pubisher:\n  name:') });
    const result = await runCli(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('error book/additionalProperties: Unknown field `pubisher` in book.yaml.');
    expect(result.err).toContain('hint: Did you mean `publisher`?');
    // One slip, one error: not also "book.yaml is missing `publisher`".
    expect(result.err).not.toContain('missing `publisher`');
    expect(result.err.match(/^error/gm)).toHaveLength(1);
  });

  it('suggests the lint rule meant', async () => {
    const dir = await projectWith({ 'book.yaml': (t) => `${t}lint:\n  quote-directions: off\n` });
    const result = await runCli(['check', dir]);
    expect(result.err).toContain('error book/propertyNames: Unknown name `quote-directions` in `lint`.');
    expect(result.err).toContain('hint: Did you mean `quote-direction`? Use one of: pair-balance,');
    expect(result.err.match(/^error/gm)).toHaveLength(1);
  });

  it('suggests the front-matter field meant', async () => {
    const dir = await projectWith({ 'chapters/1-02.md': replaceOnce('part: 1', 'prat: 1') });
    const result = await runCli(['check', dir]);
    expect(result.err).toContain('Unknown field `prat` in the front matter.');
    expect(result.err).toContain('hint: Did you mean `part`?');
  });
});

const ELLIPSES = Array.from({ length: 40 }, (_, i) => `第${i + 1}段，他说...好。`).join('\n\n');

async function noisyProject(): Promise<string> {
  return projectWith({ 'chapters/1-01.md': (t) => `${t}\n${ELLIPSES}\n` });
}

describe('warnings', () => {
  it('are summarised by rule with a count and the first positions', async () => {
    const dir = await noisyProject();
    const result = await runCli(['check', dir], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.err).toContain('warning lint/ellipsis-form: An ellipsis `...` is written as …… in Chinese text. (×40)');
    expect(result.err).toMatch(/ {2}at chapters\/1-01\.md:\d+:\d+, chapters\/1-01\.md:\d+:\d+, chapters\/1-01\.md:\d+:\d+ and 37 more\n/);
    expect(result.err.match(/hint:/g)).toHaveLength(1);
    expect(result.out).toBe('.: no errors; 40 warnings (summarised by rule; --verbose prints each in full)');
  });

  it('are printed one by one with --verbose, and not at all with --quiet', async () => {
    const dir = await noisyProject();
    const verbose = await runCli(['check', dir, '--verbose'], { cwd: dir });
    expect(verbose.err.match(/^warning lint\/ellipsis-form/gm)).toHaveLength(40);
    expect(verbose.err.match(/^ {2}> +\d+ \|/gm)).toHaveLength(40);
    const quiet = await runCli(['check', dir, '-q'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.err).not.toContain('ellipsis');
  });

  it('fail the command above --max-warnings', async () => {
    const dir = await noisyProject();
    const over = await runCli(['check', dir, '--max-warnings', '39', '--quiet']);
    expect(over.code).toBe(1);
    expect(over.err).toContain('40 warnings: more than --max-warnings 39 allows.');
    expect((await runCli(['check', dir, '--max-warnings', '40'])).code).toBe(0);
  });

  it('show a window of a very long line around the caret, never the whole line', async () => {
    const long = `${'好'.repeat(6000)}他说...好${'好'.repeat(6000)}`;
    const dir = await projectWith({ 'chapters/1-01.md': (t) => `${t}\n${long}\n` });
    const result = await runCli(['check', dir]);
    expect(result.err).toContain('warning lint/ellipsis-form');
    const widest = Math.max(...result.err.split('\n').map((l) => l.length));
    expect(widest).toBeLessThan(120);
    const frame = result.err.split('\n').filter((l) => /^ {2}(>| ) *\d+ \||^ {2} +\|/.test(l));
    const [line, caret] = frame.slice(frame.findIndex((l) => l.startsWith('  >')));
    expect(line).toMatch(/…好+他说\.\.\.好+…$/);
    // The caret sits under the first dot: the ellipsis starts right after 他说.
    const text = (line ?? '').slice((line ?? '').indexOf('| ') + 2);
    const width = [...text.slice(0, text.indexOf('...'))].reduce((w, ch) => w + (ch === '…' ? 1 : 2), 0);
    expect((caret ?? '').indexOf('^') - (caret ?? '').indexOf('| ') - 2).toBe(width);
  });
});

describe('colour', () => {
  it('is used on a terminal, with --color, and never with NO_COLOR or --no-color', async () => {
    const dir = await projectWith({ 'book.yaml': replaceOnce('price: "55.00"', 'price: 55') });
    const ESC = '\u001b[';
    expect((await runCli(['check', dir])).err).not.toContain(ESC);
    expect((await runCli(['check', dir], { tty: true })).err).toContain(`${ESC}31merror`);
    expect((await runCli(['check', dir], { tty: true, env: { NO_COLOR: '1' } })).err).not.toContain(ESC);
    expect((await runCli(['check', dir, '--no-color'], { tty: true })).err).not.toContain(ESC);
    expect((await runCli(['check', dir, '--color'], { env: { NO_COLOR: '1' } })).err).toContain(ESC);
  });
});

describe('a Markdown file the reading order does not list', () => {
  it('is a warning with its path', async () => {
    const dir = await projectWith({
      'chapters/3-33.md': () => '---\ntitle: 新的一篇\n---\n\n正文。\n',
      'README.md': () => '# repository readme\n',
    });
    await mkdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'notes/draft.md'), '草稿\n');
    const result = await runCli(['check'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.err).toContain("warning contents/unlisted: `chapters/3-33.md` is in the project folder but not in book.yaml's contents, so it is not in the book.\n  --> chapters/3-33.md");
    expect(result.err).toContain('`notes/draft.md` is in the project folder');
    expect(result.err).not.toContain('README.md');
    expect(result.out).toBe('.: no errors; 2 warnings');
  });
});

describe('the project folder', () => {
  it('is found upwards from the current folder when no dir is given', async () => {
    const dir = await projectWith();
    const result = await runCli(['check'], { cwd: path.join(dir, 'chapters') });
    expect(result.code).toBe(0);
    expect(result.out).toBe('..: no errors');
  });

  it('is missing with a message that says how to start one', async () => {
    const result = await runCli(['check'], { cwd: '/' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('error load/no-book-yaml');
    expect(result.err).toContain('hanpress init');
  });
});
