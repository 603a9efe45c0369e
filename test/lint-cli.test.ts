/**
 * `hanpress lint` as a user runs it: positioned diagnostics, exit codes, --fix rewriting files
 * (idempotent, code and math untouched), book.yaml levels, and `check` reporting lint as
 * warnings.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { createMarkdownParser } from '../src/markdown/parser.js';
import { projectWith, replaceOnce } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: REPO_ROOT, env: {} };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CHAPTER = 'chapters/1-01.md';
const FAULTY = '\n他说...好,走。`a...b,c`与$x--y$。\n\n太尉道，”似此如何得见！”\n';

async function faultyProject(bookYamlEdit?: (t: string) => string): Promise<string> {
  return projectWith({
    [CHAPTER]: (t) => t + FAULTY,
    ...(bookYamlEdit ? { 'book.yaml': bookYamlEdit } : {}),
  });
}

describe('hanpress lint', () => {
  it('passes the sample manuscript', async () => {
    const result = await run(['lint', SAMPLE_DIR]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('no lint findings');
  });

  it('prints positioned diagnostics with a code frame and fails on errors', async () => {
    const dir = await faultyProject();
    const result = await run(['lint', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/error lint\/ellipsis-form: .*\n {2}--> .*chapters\/1-01\.md:\d+:3/);
    expect(result.err).toContain('error lint/quote-direction: A closing ” where a quotation opens.');
    expect(result.err).toContain('hint: Write the opening “.');
    const json = JSON.parse((await run(['lint', dir, '--format', 'json'])).out) as { code: string }[];
    expect(json.map((d) => d.code)).toEqual(['lint/ellipsis-form', 'lint/half-width-punctuation', 'lint/quote-direction']);
    expect((await run(['lint', dir, '--format', 'github'])).err).toMatch(/^::error file=.*1-01\.md,line=\d+,col=3,title=lint\/ellipsis-form::/m);
  });

  it('--fix rewrites only the safe faults, leaves code and math alone, and is idempotent', async () => {
    const dir = await faultyProject();
    const first = await run(['lint', dir, '--fix']);
    expect(first.out).toMatch(/fixed .*1-01\.md:\d+:3 lint\/ellipsis-form: \.\.\. → ……/);
    expect(first.out).toContain('2 fix(es) in 1 file(s)');
    const fixed = await readFile(path.join(dir, CHAPTER), 'utf8');
    expect(fixed).toContain('他说……好，走。`a...b,c`与$x--y$。');
    expect(fixed).toContain('太尉道，”似此如何得见！”'); // quote direction is reported, never guessed
    expect(first.code).toBe(1);
    const second = await run(['lint', dir, '--fix']);
    expect(second.out).toContain('nothing to fix');
    expect(await readFile(path.join(dir, CHAPTER), 'utf8')).toBe(fixed);
  });

  it('takes rule levels from book.yaml', async () => {
    const dir = await faultyProject((t) => `${t}lint:\n  quote-direction: off\n  ellipsis-form: warning\n  half-width-punctuation: warning\n`);
    const result = await run(['lint', dir]);
    expect(result.code).toBe(0);
    expect(result.err).not.toContain('quote-direction');
    expect(result.err).toContain('warning lint/ellipsis-form');
  });

  it('rejects an unknown rule in book.yaml', async () => {
    const dir = await faultyProject((t) => `${t}lint:\n  quote-directions: off\n`);
    const result = await run(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('book/propertyNames');
  });
});

describe('lint in check', () => {
  it('reports lint findings as warnings unless book.yaml sets a level', async () => {
    const dir = await faultyProject();
    const result = await run(['check', dir, '--format', 'json']);
    const lint = (JSON.parse(result.out) as { code: string; severity: string }[]).filter((d) => d.code.startsWith('lint/'));
    expect(lint.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'warning lint/ellipsis-form',
      'warning lint/half-width-punctuation',
      'warning lint/quote-direction',
    ]);
    expect(result.code).toBe(0);
    const strict = await faultyProject(replaceOnce('rights:', 'lint:\n  quote-direction: error\nrights:'));
    expect((await run(['check', strict])).code).toBe(1);
  });
});

describe('lint comments in the book', () => {
  it('are dropped by the Markdown parser, whole lines only', () => {
    const md = createMarkdownParser();
    const source = '<!-- hanpress-lint-disable-next-line quote-direction -->\n太尉道，”好。\n\n甲\n<!-- hanpress-lint-disable-next-line -->\n乙\n';
    expect(md.render(source)).toBe('<p>太尉道，”好。</p>\n<p>甲\n乙</p>\n');
    expect(md.render('`<!-- hanpress-lint-x -->`\n')).toContain('&lt;!-- hanpress-lint-x --&gt;');
  });
});
