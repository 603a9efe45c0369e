/**
 * `hanpress import` on the real OCR seed, end to end: the project it writes is checked (only
 * the slug is missing, as the report says), filled in the way an editor would, and built. Its
 * preface must match the hand-cleaned manuscript paragraph for paragraph; chapter titles, dates
 * and parts are compared with manuscript/, and the differences the OCR makes undecidable are
 * asserted one by one rather than hidden.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBook } from '../src/pipeline/build.js';
import { checkProject } from '../src/pipeline/check.js';
import { main, type Io } from '../src/cli/main.js';
import { cleanProse } from '../src/import/prose.js';
import { splitFrontMatter } from '../src/load/front-matter.js';
import { toLines } from '../src/import/types.js';
import { tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

const SEED = path.resolve(REPO_ROOT, '../shared/seed/front-matter-ocr.txt');
const EPOCH = { SOURCE_DATE_EPOCH: '1504224000' };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: REPO_ROOT, env: EPOCH };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function markdownFile(file: string): Promise<{ fm: Record<string, unknown>; paragraphs: string[] }> {
  const split = splitFrontMatter(await readFile(file, 'utf8'));
  const paragraphs = split.body.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return { fm: parse(split.frontMatter ?? '') as Record<string, unknown>, paragraphs };
}

/** What the OCR's table cells make undecidable (see docs/import.md): imported vs hand-made. */
const KNOWN_TITLE_DIFFERENCES: Record<string, unknown> = {
  '1-01.md': '中共中央政治局召开会议研究部署党风廉政建设和反腐败工作　审议《关于加强社会主义协商民主建设的意见》《关于加强和改进党的群团工作的意见》　中共中央总书记　习近平主持会议',
  '1-03.md': ['习近平在中央党的群团工作会议上强调', '切实保持和增强　政治性先进性群众性　开创新形势下党的群团工作新局面'],
  '3-28.md': '着力构建立体经审监督体系　在保障工会系统改革中　彰显新作为',
};
const KNOWN_SECTION_DIFFERENCE = {
  file: '2-08.md',
  imported: '## （九）充分发挥党组的领导核心作用　为工会事业创新　发展提供政治保证',
  manuscript: '## （九）充分发挥党组的领导核心作用　为工会事业创新发展提供政治保证',
};

describe('hanpress import of the OCR seed', () => {
  let dir: string;
  let imported: { code: number; out: string; err: string };

  beforeAll(async () => {
    dir = path.join(await tempDir('hanpress-import-'), 'book');
    imported = await run(['import', SEED, '--out', dir]);
  });

  it('writes the project and says what is left to fill', async () => {
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('49 chapters in 3 parts');
    expect(imported.out).toContain('to fill in book.yaml: slug');
    expect((await readdir(dir)).sort()).toEqual(['book.yaml', 'chapters', 'front', 'import-report.md']);
    expect(await readdir(path.join(dir, 'chapters'))).toHaveLength(49);
  });

  it('check reports exactly what the import report names as missing', async () => {
    const report = await readFile(path.join(dir, 'import-report.md'), 'utf8');
    expect(report).toContain('- `slug` in book.yaml:');
    const { diagnostics } = await checkProject(dir);
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([['book/required', 'book.yaml', 'book.yaml is missing `slug`.']]);
  });

  it('matches manuscript/book.yaml field for field, once the editor adds the slug', async () => {
    const mine = parse(await readFile(path.join(dir, 'book.yaml'), 'utf8')) as Record<string, unknown>;
    const hand = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
    expect({ ...mine, slug: hand.slug }).toEqual(hand);
  });

  it('imports the preface paragraph for paragraph', async () => {
    const mine = await markdownFile(path.join(dir, 'front/preface.md'));
    const hand = await markdownFile(path.join(SAMPLE_DIR, 'front/preface.md'));
    expect(mine.fm).toEqual(hand.fm);
    expect(mine.paragraphs).toHaveLength(hand.paragraphs.length);
    mine.paragraphs.forEach((p, i) => expect(p, `paragraph ${i + 1}`).toBe(hand.paragraphs[i]));
  });

  it('gets every chapter title, date and part right except the known table-cell cases', async () => {
    const files = (await readdir(path.join(SAMPLE_DIR, 'chapters'))).sort();
    expect((await readdir(path.join(dir, 'chapters'))).sort()).toEqual(files);
    for (const file of files) {
      const mine = await markdownFile(path.join(dir, 'chapters', file));
      const hand = await markdownFile(path.join(SAMPLE_DIR, 'chapters', file));
      const expected = file in KNOWN_TITLE_DIFFERENCES ? { ...hand.fm, title: KNOWN_TITLE_DIFFERENCES[file] } : hand.fm;
      expect(mine.fm, file).toEqual(expected);
      const headings = (ps: string[]): string[] => ps.filter((p) => p.startsWith('#'));
      const handHeadings = headings(hand.paragraphs).map((h) => (file === KNOWN_SECTION_DIFFERENCE.file && h === KNOWN_SECTION_DIFFERENCE.manuscript ? KNOWN_SECTION_DIFFERENCE.imported : h));
      expect(headings(mine.paragraphs), file).toEqual(handHeadings);
    }
  });

  it('the known differences hold the same text, only the headline lines differ', async () => {
    for (const file of Object.keys(KNOWN_TITLE_DIFFERENCES)) {
      const hand = await markdownFile(path.join(SAMPLE_DIR, 'chapters', file));
      const flat = (t: unknown): string => [t].flat().join('').replace(/\u3000/g, '');
      expect(flat(KNOWN_TITLE_DIFFERENCES[file])).toBe(flat(hand.fm.title));
    }
  });

  it('is idempotent: the imported preface passes through the cleaning rules unchanged', async () => {
    const body = splitFrontMatter(await readFile(path.join(dir, 'front/preface.md'), 'utf8')).body;
    expect(cleanProse(toLines(body)).changes).toEqual([]);
  });

  it('builds once the slug is filled in', async () => {
    const yamlPath = path.join(dir, 'book.yaml');
    await writeFile(yamlPath, `slug: xin-de-shiming-he-dandang-2\n${await readFile(yamlPath, 'utf8')}`);
    const out = await tempDir('hanpress-import-out-');
    const report = await buildBook({ dir, outDir: out, env: EPOCH });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['xin-de-shiming-he-dandang-2.epub', 'xin-de-shiming-he-dandang-2.pdf']);
    expect(report.pdf.pages).toBeGreaterThan(10);
  });

  it('refuses to write over a folder with files unless --force', async () => {
    const again = await run(['import', SEED, '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('error import/out-not-empty');
    const forced = await run(['import', SEED, '--out', dir, '--force']);
    expect(forced.code).toBe(0);
  });

  it('reports a missing source file and usage mistakes', async () => {
    const missing = await run(['import', 'no-such.txt', '--out', path.join(await tempDir(), 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('error import/no-source');
    expect((await run(['import', SEED])).code).toBe(2);
  });

  it('writes the same files twice (deterministic)', async () => {
    const a = path.join(await tempDir(), 'a');
    const b = path.join(await tempDir(), 'b');
    await run(['import', SEED, '--out', a]);
    await run(['import', SEED, '--out', b]);
    for (const f of ['book.yaml', 'import-report.md', 'front/preface.md', 'chapters/2-08.md']) {
      expect(await readFile(path.join(a, f), 'utf8'), f).toBe(await readFile(path.join(b, f), 'utf8'));
    }
  });
});
