/**
 * A composed chapter through the cache across runs (src/pipeline/memo.ts). The section is
 * plain data except each paragraph's `recompose`, the closure widow control calls to set it
 * looser: a paragraph carries its recipe (styled runs and measure) as data, and the closure is
 * made again from it and the fonts. A paragraph that had a closure but no recipe composes its
 * chapter afresh the first time widow control asks (the same inputs give the same paragraphs in
 * the same order), so a cache hit is exactly the chapter it replaces.
 *
 * Widow control asks the same questions of an unchanged chapter in every build (chapters
 * start on a new page, so an edit elsewhere moves none of its page breaks), so the answers
 * are cached too, keyed by the chapter, the paragraph and the fills asked for.
 */
import { nameContent } from '../pipeline/content-identity.js';
import { NO_MEMO, type Codec, type StepMemo } from '../pipeline/memo.js';
import type { Chapter } from '../model/book.js';
import type { FlowContext } from './blocks.js';
import { chapterSection, type ChapterOptions } from './chapter.js';
import { digestOf, hashOf } from '../pipeline/cache-key.js';
import type { FontBook } from './fonts.js';
import type { FontConfig } from '../fonts/config.js';
import type { Design } from './design.js';
import type { ImageSizes } from './figures.js';
import type { PageGeometry } from './geometry.js';
import type { FlowItem, Loosening, PageItem, Para, Section, TextLine } from './model.js';
import { recomposer } from './text.js';

type Recompose = NonNullable<Para['recompose']>;
type StoredItem = Exclude<FlowItem, Para> | (Omit<Para, 'recompose'> & { recomposable: boolean });

/** A composed section as plain data: what the cache stores and a worker thread sends back. */
export function encodeSection(section: Section): unknown {
  const items: StoredItem[] = section.items.map((item) => {
    if (item.kind !== 'para') return item;
    const { recompose, ...rest } = item;
    return { ...rest, recomposable: recompose !== undefined };
  });
  return { ...section, items };
}

function decode(data: unknown, compute: () => Section, fonts: FontBook): Section {
  const stored = data as Omit<Section, 'items'> & { items: StoredItem[] };
  let fresh: Section | undefined;
  const freshPara = (i: number): Para => {
    fresh ??= compute();
    const item = fresh.items[i];
    if (item?.kind !== 'para' || !item.recompose) throw new Error('internal: a cached chapter differs from its fresh composition');
    return item;
  };
  const items = stored.items.map((item, i): FlowItem => {
    if (item.kind !== 'para') return item;
    const { recomposable, ...para } = item;
    if (!recomposable) return para;
    if (para.recipe) return { ...para, recompose: recomposer(para.recipe, fonts) };
    return { ...para, recompose: (...args: Parameters<Recompose>) => (freshPara(i).recompose as Recompose)(...args) };
  });
  return { ...stored, items };
}

/**
 * Names every composed line of a section by the cache entry it is kept under and its place
 * (src/pipeline/content-identity.ts), alike whether it was just composed or read back: a PDF
 * page's key then names its lines instead of spelling them out.
 */
function nameLines(section: Section, key: string): void {
  const lines = (items: readonly PageItem[] | undefined, at: string): void =>
    items?.forEach((item, j) => item.kind === 'text' && nameContent(item.line, `${key}/${at}/${j}`));
  section.items.forEach((item, i) => {
    if (item.kind === 'para') item.lines.forEach((line, j) => nameContent(line, `${key}/${i}/${j}`));
    else if (item.kind === 'box') lines(item.items, String(i));
    else if (item.kind === 'rows') {
      lines(item.header.items, `${i}h`);
      item.rows.forEach((row, r) => lines(row.items, `${i}r${r}`));
      lines(item.continued?.items, `${i}c`);
    }
  });
  for (const [note, noteLines] of section.notes) noteLines.forEach((line, j) => nameContent(line, `${key}/n${JSON.stringify(note)}/${j}`));
  lines(section.fixed, 'f');
}

/** Line indexes a fill function is sampled at: well past any line a re-setting of the paragraph reaches. */
const SPAN_MARGIN = 8;

/** A chapter's re-settings asked so far: by paragraph and fills (their JSON). */
type Answers = Map<string, TextLine[]>;

/**
 * Widow control's re-settings of one paragraph through the chapter's answers. A fill may be a
 * function of the line: the key holds its values at every line up to the paragraph's length
 * plus a margin, and an answer that asked beyond them is not kept.
 */
function cachedRecompose(answers: Answers, changed: () => void, index: number, lineCount: number, real: Recompose, name: () => string | undefined): Recompose {
  const span = lineCount + SPAN_MARGIN;
  return (loosen: Loosening): TextLine[] => {
    const fills = typeof loosen === 'number' ? loosen : Array.from({ length: span }, (_, line) => loosen(line));
    const key = JSON.stringify([index, fills]);
    // An answer is a pure function of the chapter's entry and the question: named alike
    // whether it was kept or is set now.
    const named = (lines: TextLine[]): TextLine[] => {
      const section = name();
      if (section !== undefined) lines.forEach((line, j) => nameContent(line, `${section}/r${key}/${j}`));
      return lines;
    };
    const known = answers.get(key);
    if (known) return named(known);
    let beyond = false;
    const watched: Loosening =
      typeof loosen === 'number'
        ? loosen
        : (line) => {
            if (line >= span) beyond = true;
            return loosen(line);
          };
    const lines = real(watched);
    if (!beyond) {
      answers.set(key, lines);
      changed();
      return named(lines);
    }
    return lines;
  };
}

/** What a chapter's composition is cached by (beyond the book's settings, in every key). */
export function chapterKey(chapter: Chapter, cx: FlowContext, options: ChapterOptions): string {
  // The fonts and the design are in every key (the book's settings); whatever else the flow
  // context holds, now or later, is part of this one.
  const rest: Partial<FlowContext> = { ...cx };
  delete rest.fonts;
  delete rest.typo;
  return hashOf({ chapter: digestOf(chapter), options, cx: rest });
}

/**
 * One chapter's section, through the cache across runs. `stored`: the section as composed
 * elsewhere (a worker thread, encodeSection), taken as the cache would give it back.
 */
export function composeChapter(chapter: Chapter, cx: FlowContext, options: ChapterOptions, memo: StepMemo, stored?: unknown): Section {
  const fresh = (): Section => chapterSection(chapter, cx, options);
  const compose = stored === undefined ? fresh : (): Section => decode(stored, fresh, cx.fonts);
  if (memo === NO_MEMO) return compose();
  const key = chapterKey(chapter, cx, options);
  let entry: string | undefined;
  const codec: Codec<Section> = {
    encode: (value, entryKey) => {
      nameLines(value, (entry = entryKey));
      return encodeSection(value);
    },
    decode: (data, compute, entryKey) => {
      const section = decode(data, compute, cx.fonts);
      nameLines(section, (entry = entryKey));
      return section;
    },
  };
  const section = memo.get('typeset-chapter', key, compose, codec);
  const answers = memo.get<Answers>('typeset-resettings', key, () => new Map());
  // New answers are kept when the build ends, with those of earlier builds.
  const changed = (): void => memo.later('typeset-resettings', key, () => answers);
  const items = section.items.map((item, i): FlowItem => {
    if (item.kind !== 'para' || !item.recompose) return item;
    return { ...item, recompose: cachedRecompose(answers, changed, i, item.lines.length, item.recompose, () => entry) };
  });
  return { ...section, items };
}

/**
 * Keeps a chapter's composition and re-settings in the cache when the build did not need them
 * (its pages came from the cache): they are what its pages are made from again the next time
 * they move to a page of the other parity.
 */
export function retainChapter(chapter: Chapter, cx: FlowContext, options: ChapterOptions, memo: StepMemo): void {
  const key = chapterKey(chapter, cx, options);
  memo.retain?.('typeset-chapter', key);
  memo.retain?.('typeset-resettings', key);
}

/** A chapter and how its section starts. */
export interface ComposeJob {
  chapter: Chapter;
  options: ChapterOptions;
}

/**
 * Composes chapters in other threads (src/pipeline/compose-pool.ts): `pending` are indexes of
 * `jobs`; the pool and this thread (`here`) take them one at a time, and the pool resolves
 * with the sections the other threads made, as encodeSection data, by index.
 */
export interface ChapterPool {
  compose(jobs: readonly ComposeJob[], pending: readonly number[], settings: ComposeSettings, here: (index: number) => void): Promise<ReadonlyMap<number, unknown>>;
}

/** What another thread needs to compose as this one does (flowContext's inputs), as data. */
export interface ComposeSettings {
  fonts: FontConfig;
  design: Design;
  geometry: PageGeometry;
  images: ImageSizes;
}

/**
 * Every chapter the cache cannot answer, composed between this thread and the pool's; the
 * result holds them by job index, exactly the sections composeChapter makes here (a section
 * from another thread goes through the cache's codec, as a cache hit does).
 */
export async function composeChapters(jobs: readonly ComposeJob[], cx: FlowContext, memo: StepMemo, pool: ChapterPool, settings: ComposeSettings): Promise<Map<number, Section>> {
  const out = new Map<number, Section>();
  const pending = jobs.flatMap((job, i) => (memo === NO_MEMO || !memo.has?.('typeset-chapter', chapterKey(job.chapter, cx, job.options)) ? [i] : []));
  const at = (i: number): ComposeJob => jobs[i] as ComposeJob;
  const others = await pool.compose(jobs, pending, settings, (i) => out.set(i, composeChapter(at(i).chapter, cx, at(i).options, memo)));
  for (const [i, stored] of others) out.set(i, composeChapter(at(i).chapter, cx, at(i).options, memo, stored));
  return out;
}
