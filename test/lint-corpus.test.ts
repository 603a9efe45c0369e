/**
 * The linter on real text: 水浒传 (hundreds of real punctuation faults, positions checked by
 * reading the text), d2l-zh (Latin, code and math mixed into Chinese: the false-positive test)
 * and the sample manuscript (clean).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintLevels, lintMarkdown } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/project.js';
import { parsedRanges, plainParagraphs } from '../src/lint/prose.js';
import { loadProject } from '../src/load/project.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';
import { shuihuzhuanProject } from './helpers/shuihuzhuan.js';

const D2L = path.join(REPO_ROOT, '../shared/corpus/d2l-zh');

function key(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code.replace('lint/', '')}`;
}

async function projectLint(dir: string): Promise<{ diagnostics: Diagnostic[]; ms: number }> {
  const { project } = await loadProject(dir);
  if (!project) throw new Error(`${dir} did not load`);
  const start = performance.now();
  const files = lintFiles(project, 'lint');
  const ms = performance.now() - start;
  return { diagnostics: files.flatMap((f) => f.findings.map((x) => x.diagnostic)), ms };
}

describe('lint on 水浒传', () => {
  let dir: string;
  let diagnostics: Diagnostic[];
  let ms: number;

  beforeAll(async () => {
    dir = await shuihuzhuanProject();
    ({ diagnostics, ms } = await projectLint(dir));
  });

  it('finds the two paragraphs that start with a pause mark, at their line and column', async () => {
    const found = diagnostics.filter((d) => d.code === 'lint/line-start-mark').map(key);
    expect(found).toEqual(['chapters/008.md:87:1 line-start-mark', 'chapters/012.md:201:1 line-start-mark']);
    const lines = async (file: string, line: number): Promise<string> => (await readFile(path.join(dir, file), 'utf8')).split('\n')[line - 1] ?? '';
    expect(await lines('chapters/008.md', 87)).toBe('，薛二人半日方才得自在。');
    expect(await lines('chapters/012.md', 201)).toMatch(/^；知县随即叫唤尉司捕盗官员/);
  });

  it('finds quote and mark faults throughout, with a pinned count per rule', () => {
    const counts: Record<string, number> = {};
    for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
    expect(counts).toEqual({
      'lint/straight-quote': 2851,
      'lint/quote-nesting': 375,
      'lint/lookalike-mark': 163,
      'lint/pair-balance': 135,
      'lint/half-width-punctuation': 81,
      'lint/dash-form': 79,
      'lint/quote-direction': 75,
      'lint/ellipsis-form': 44,
      'lint/doubled-mark': 19,
      'lint/line-start-mark': 2,
      'lint/full-width-alphanumeric': 1,
      'lint/literal-emphasis': 1,
    });
    const chapters = new Set(diagnostics.filter((d) => d.code.startsWith('lint/quote')).map((d) => d.file));
    expect(chapters.size).toBeGreaterThan(60);
  });

  // Each position read by hand in the converted chapter; the comment is the text at the caret.
  it.each([
    ['chapters/068.md:33:127 quote-direction'], // 宋江教你来怎地？“ — the paragraph ends on an opening mark
    ['chapters/068.md:5:130 quote-direction'], // 如何？“吴用道 — “ after ？ where ” belongs
    ['chapters/068.md:45:209 quote-direction'], // 强如造七层宝塔！“那公人道
    ['chapters/000.md:21:97 quote-direction'], // 太尉道，”似此如何得见 — ” where “ opens
    ['chapters/090.md:51:147 quote-nesting'], // 燕青道：““送君千里，终须一别” — inner quotation with “
    ['chapters/006.md:217:12 quote-nesting'], // 衙内是思想那“双木”的 — inside 富安's quotation
    ['chapters/081.md:17:41 quote-nesting'], // 正是“呼保义”宋江 — inside 燕青's quotation
    ['chapters/009.md:183:64 pair-balance'], // 安身，——”我且去…理会。” — the last ” has nothing open
    ['chapters/044.md:7:787 pair-balance'], // 淫妇便道：“我酒是罢了贼秃道：“ — the first never closes
    ['chapters/004.md:185:33 pair-balance'], // 叫道：“娘子，…压寨夫人。 — never closed
    ['chapters/114.md:13:108 straight-quote'], // 宋江道："杭州西路
    ['chapters/099.md:47:200 straight-quote'], // 忽报："卢先锋留下宣赞
    ['chapters/001.md:701:20 lookalike-mark'], // 小人道∶“三位头领
    ['chapters/003.md:305:20 lookalike-mark'], // 唱道∶九里山前作战场
    ['chapters/073.md:51:166 half-width-punctuation'], // 女儿在?上呜呜的啼哭 — a lost character
    ['chapters/001.md:437:16 dash-form'], // 史进父亲－－太公－－染病 — the second －－
    ['chapters/005.md:81:4 ellipsis-form'], // －－“．．．说．．在先
    ['chapters/005.md:283:7 doubled-mark'], // 知客忍不住笑，，与他插在炉内
    ['chapters/038.md:33:327 full-width-alphanumeric'], // 感谢贤弟指教１万望维持
    ['chapters/008.md:87:1 line-start-mark'], // ，薛二人半日方才得自在。
    ['chapters/040.md:9:791 doubled-mark'], // 都唤他做“神算子，”。第三个好汉 — ， and 。 with ” between
    ['chapters/016.md:327:106 literal-emphasis'], // 刺了脸上“迭配**州”字 — a lost character written as **
  ])('reports %s', (expected) => {
    expect(diagnostics.map(key)).toContain(expected);
  });

  it("takes every chapter's blocks without the parser, and they are the ones the parser finds", async () => {
    const { project } = await loadProject(dir);
    for (const source of project?.markdown.values() ?? []) {
      const ranges = plainParagraphs(source.body);
      expect(ranges, source.file).toBeDefined();
      expect(ranges, source.file).toEqual(parsedRanges(source.body));
    }
    expect(project?.markdown.size).toBe(121);
  });

  it('lints the whole book in linear time', () => {
    // 885k characters; measured about 0.8 s on an idle machine. The bound only catches a
    // quadratic slip (which would take minutes), not normal load.
    console.log(`lint 水浒传: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('lint on d2l-zh (Latin, code and math in Chinese text)', () => {
  let found: string[];

  beforeAll(async () => {
    const files = (await readdir(D2L, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
    found = [];
    for (const file of files) {
      const text = await readFile(path.join(D2L, file), 'utf8');
      const { findings } = lintMarkdown({ file, text, bodyLineOffset: 0 }, lintLevels());
      found.push(...findings.map((f) => key(f.diagnostic)));
    }
  });

  it('reports nothing in code, math, URLs or Latin text: every finding is a real fault of the Chinese prose', () => {
    // Each read by hand. (** … **) is d2lbook's slide markup: hanpress prints it as half-width
    // parentheses around Chinese text, so it is reported like any other ( ).
    expect(found).toEqual([
      'chapter_computational-performance/hardware.md:80:79 half-width-punctuation',
      'chapter_computational-performance/hardware.md:134:90 pair-balance',
      'chapter_computational-performance/hardware.md:179:21 half-width-punctuation',
      'chapter_introduction/index.md:40:35 ellipsis-form',
      'chapter_introduction/index.md:45:88 half-width-punctuation',
      'chapter_introduction/index.md:91:31 ellipsis-form',
      'chapter_introduction/index.md:188:26 dash-form',
      'chapter_introduction/index.md:240:41 ellipsis-form',
      'chapter_introduction/index.md:452:47 ellipsis-form',
      'chapter_introduction/index.md:470:191 half-width-punctuation',
      'chapter_introduction/index.md:551:23 half-width-punctuation',
      'chapter_linear-networks/linear-regression.md:219:11 half-width-punctuation',
      'chapter_linear-networks/linear-regression.md:262:20 half-width-punctuation',
      'chapter_linear-networks/linear-regression.md:337:1 half-width-punctuation',
      'chapter_linear-networks/linear-regression.md:371:5 half-width-punctuation',
      'chapter_linear-networks/linear-regression.md:499:25 half-width-punctuation',
      'chapter_natural-language-processing-pretraining/bert.md:228:12 pair-balance',
      'chapter_natural-language-processing-pretraining/bert.md:228:25 pair-balance',
      'chapter_natural-language-processing-pretraining/bert.md:228:28 pair-balance',
      'chapter_preface/index.md:17:133 pair-balance',
      'chapter_preface/index.md:19:104 half-width-punctuation',
      'chapter_preface/index.md:159:56 half-width-punctuation',
      'chapter_preliminaries/ndarray.md:158:19 half-width-punctuation',
      'chapter_preliminaries/ndarray.md:305:1 half-width-punctuation',
      'chapter_preliminaries/ndarray.md:513:6 half-width-punctuation',
      'chapter_preliminaries/ndarray.md:635:2 half-width-punctuation',
    ]);
  });
});

describe('lint on the sample manuscript', () => {
  it('is clean', async () => {
    const { diagnostics } = await projectLint(SAMPLE_DIR);
    expect(diagnostics).toEqual([]);
  });
});
