/**
 * Pagination through the cache across runs (src/typeset/cached-pages.ts): the book paginated
 * run by run, cold or from the cache, gives exactly the pages of paginating it whole — here on
 * a book whose page-foot note runs on past the end of its chapter onto the next one's first
 * page — and a warm pass reads no chapter's composition. A cache whose pages key misses the
 * chapter's text is caught by the same comparison (the last test proves it can fail).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../src/model/book.js';
import { DiskCache } from '../src/pipeline/disk-cache.js';
import type { StepMemo } from '../src/pipeline/memo.js';
import { chapterKey } from '../src/typeset/cached-chapter.js';
import { loadDesign, mergeDesign, Typography } from '../src/typeset/design.js';
import { FontBook } from '../src/typeset/fonts.js';
import { loadFormats, pageGeometry, trimmedSize } from '../src/typeset/geometry.js';
import { chapterJobs, flowContext, typesetBook, type TypesetBook, type TypesetInput } from '../src/typeset/index.js';
import { notesArticle } from './helpers/notes-book.js';
import { projectWith } from './helpers/project.js';
import { loadBook } from './helpers/sample.js';

const SENTENCE = '全国总工会坚持以改革创新精神推进工会工作，着力增强政治性、先进性、群众性，团结动员广大职工建功立业。';
const NOTED = 'chapters/1-02.md';

/** The sample with page-foot notes in its second article, the last of them longer than a page. */
async function runOnBook(): Promise<string> {
  const dir = await projectWith();
  const file = path.join(dir, NOTED);
  const source = await readFile(file, 'utf8');
  const head = source.slice(0, source.indexOf('---', 3) + 3);
  const last = `${SENTENCE}[^last]${SENTENCE}\n\n[^last]: 最后一条注文：${SENTENCE.repeat(40)}\n`;
  await writeFile(file, `${head}\n\n${notesArticle(12, 8)}\n${last}`);
  return dir;
}

async function inputFor(dir: string): Promise<TypesetInput> {
  const loaded = await loadBook(dir);
  const [formats, house] = await Promise.all([loadFormats(), loadDesign()]);
  const design = mergeDesign(house, loaded.book.design);
  const geometry = pageGeometry(trimmedSize(loaded.book.meta.print, formats), design, new Typography(design).bodyLeading);
  return { book: loaded.book, front: loaded.front, fonts: new FontBook(loaded.ctx.fonts), design, geometry, images: new Map() };
}

/** One build's memo of a fresh DiskCache on `dir`; `flush` ends the build as buildBook does. */
function cacheOn(dir: string): { cache: DiskCache; memo: StepMemo } {
  const cache = new DiskCache(dir);
  return { cache, memo: cache.memo('settings') };
}

function comparable(result: TypesetBook): unknown {
  return { pages: result.pages, marks: result.marks, shortPages: result.shortPages, orphanPages: result.orphanPages, unresolvedWidows: result.unresolvedWidows };
}

/** The page a chapter opens on. */
function openingPage(result: TypesetBook, chapterId: string): number {
  return result.marks.find((m) => m.chapterId === chapterId && m.blockIndex === -1)?.page ?? -1;
}

describe('pagination through the cache', () => {
  let dir: string;
  let input: TypesetInput;
  let whole: TypesetBook;

  beforeAll(async () => {
    dir = await runOnBook();
    input = await inputFor(dir);
    whole = typesetBook(input);
  }, 120_000);

  it('gives the pages of the whole book paginated at once, cold and warm, where a note runs on into the next chapter', async () => {
    // The long note continues at the foot of the next article's first page (a rule there), though that article has none.
    const jobs = chapterJobs(input.book, input.design);
    const noted = jobs.findIndex((j) => j.chapter.file.endsWith(NOTED));
    const next = jobs[noted + 1]?.chapter;
    expect(next?.footnotes).toEqual([]);
    const opening = whole.pages[openingPage(whole, next?.id ?? '') - 1];
    expect(opening?.items.some((item) => item.kind === 'rule')).toBe(true);

    const cold = cacheOn(dir);
    expect(comparable(typesetBook({ ...input, memo: cold.memo }))).toEqual(comparable(whole));
    expect(cold.cache.stats.misses['typeset-pages']).toBe(jobs.length);
    await cold.cache.flush({ prune: true });

    const warm = cacheOn(dir);
    expect(comparable(typesetBook({ ...input, memo: warm.memo }))).toEqual(comparable(whole));
    // Every run of chapters from the cache: no chapter was composed or even read.
    expect(warm.cache.stats.misses).toEqual({});
    expect(warm.cache.stats.hits['typeset-pages']).toBe(jobs.length);
    expect(warm.cache.stats.hits['typeset-chapter']).toBeUndefined();
    await warm.cache.flush({ prune: true });

    // The compositions the warm pass did not read were kept: pages asked under other inputs
    // (here another step name) are paginated again from them, not composed afresh.
    const again = cacheOn(dir);
    const renamed: StepMemo = { ...again.memo, get: (step, inputs, compute, codec) => again.memo.get(step === 'typeset-pages' ? 'typeset-pages-again' : step, inputs, compute, codec) };
    expect(comparable(typesetBook({ ...input, memo: renamed }))).toEqual(comparable(whole));
    expect(again.cache.stats.misses['typeset-chapter']).toBeUndefined();
    expect(again.cache.stats.hits['typeset-chapter']).toBe(jobs.length);
  }, 120_000);

  it('catches a pages key that misses the chapter text (the comparison above can fail)', async () => {
    // The key names each chapter by its id instead of its composition's inputs.
    const idOf = new Map<string, string>();
    const name = (book: Book): void => {
      const cx = flowContext(input.fonts, input.design, input.geometry, input.images);
      for (const job of chapterJobs(book, input.design)) idOf.set(chapterKey(job.chapter, cx, job.options), job.chapter.id);
    };
    const blind = (memo: StepMemo): StepMemo => ({
      ...memo,
      get: (step, inputs, compute, codec) => {
        if (step !== 'typeset-pages') return memo.get(step, inputs, compute, codec);
        const i = inputs as { sections: string[] };
        return memo.get(step, { ...i, sections: i.sections.map((k) => idOf.get(k) ?? k) }, compute, codec);
      },
    });
    const blindDir = await runOnBook();
    const before = await inputFor(blindDir);
    name(before.book);
    const cold = cacheOn(blindDir);
    typesetBook({ ...before, memo: blind(cold.memo) });
    await cold.cache.flush({ prune: true });

    const file = path.join(blindDir, NOTED);
    await writeFile(file, (await readFile(file, 'utf8')).replace('最后一条注文：', '最后一条注文（改）：'));
    const edited = await inputFor(blindDir);
    name(edited.book);
    const fresh = typesetBook(edited);
    const warm = cacheOn(blindDir);
    const stale = typesetBook({ ...edited, memo: blind(warm.memo) });
    expect(comparable(stale)).not.toEqual(comparable(fresh));
  }, 120_000);
});
