/**
 * Chapter composition in worker threads (src/pipeline/compose-pool.ts): a section composed in
 * another thread and sent back as data is the section this thread composes, down to the
 * re-settings widow control asks of its paragraphs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ComposePool } from '../src/pipeline/compose-pool.js';
import { NO_MEMO } from '../src/pipeline/memo.js';
import { BuildSession } from '../src/pipeline/session.js';
import { composeChapters, encodeSection, type ComposeJob, type ComposeSettings } from '../src/typeset/cached-chapter.js';
import { chapterSection } from '../src/typeset/chapter.js';
import type { FlowContext } from '../src/typeset/blocks.js';
import { loadDesign, mergeDesign, Typography } from '../src/typeset/design.js';
import { FontBook } from '../src/typeset/fonts.js';
import { loadFormats, pageGeometry, trimmedSize } from '../src/typeset/geometry.js';
import { chapterJobs, flowContext } from '../src/typeset/index.js';
import type { Section } from '../src/typeset/model.js';
import { shuihuzhuanProject } from './helpers/shuihuzhuan.js';

let jobs: ComposeJob[];
let cx: FlowContext;
let settings: ComposeSettings;

beforeAll(async () => {
  const session = new BuildSession({ dir: await shuihuzhuanProject(4), env: { SOURCE_DATE_EPOCH: '1714521600' } });
  const { book } = await session.book();
  if (!book) throw new Error('the test book does not parse');
  const ctx = await session.context(book);
  const [formats, house] = await Promise.all([loadFormats(), loadDesign()]);
  const design = mergeDesign(house, book.design);
  const geometry = pageGeometry(trimmedSize(book.meta.print, formats), design, new Typography(design).bodyLeading);
  settings = { fonts: ctx.fonts, design, geometry, images: new Map() };
  cx = flowContext(new FontBook(ctx.fonts), design, geometry, settings.images);
  jobs = chapterJobs(book, design);
}, 120_000);

function paragraphs(section: Section) {
  return section.items.flatMap((item) => (item.kind === 'para' ? [item] : []));
}

describe('the composition pool', () => {
  it('sends back from a worker thread exactly the sections composed here', async () => {
    const pool = new ComposePool({ threads: 2, characters: () => Promise.resolve(1e9), from: 0, takeHere: false });
    const composed = await composeChapters(jobs, cx, NO_MEMO, pool, settings);
    expect(pool.elsewhere).toBe(jobs.length);
    jobs.forEach((job, i) => {
      const fresh = chapterSection(job.chapter, cx, job.options);
      const pooled = composed.get(i);
      expect(pooled).toBeDefined();
      if (!pooled) return;
      expect(encodeSection(pooled)).toEqual(encodeSection(fresh));
      // Widow control re-sets a paragraph from its recipe: the same lines as the fresh one's.
      const [a, b] = [paragraphs(pooled), paragraphs(fresh)];
      expect(a.length).toBeGreaterThan(0);
      const k = a.findIndex((p) => p.lines.length > 2);
      expect(a[k]?.recompose?.(12)).toEqual(b[k]?.recompose?.(12));
    });
  }, 120_000);

  it('composes everything here when the work is too small for a worker, or with one thread', async () => {
    for (const pool of [new ComposePool({ threads: 2, characters: () => Promise.resolve(10) }), new ComposePool({ threads: 1, characters: () => Promise.resolve(1e9), from: 0 })]) {
      const composed = await composeChapters(jobs, cx, NO_MEMO, pool, settings);
      expect(pool.elsewhere).toBe(0);
      expect([...composed.keys()].sort((a, b) => a - b)).toEqual(jobs.map((_, i) => i));
    }
  }, 120_000);
});
