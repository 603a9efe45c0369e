/**
 * A composed chapter through the cache across runs (src/pipeline/memo.ts). The section is
 * plain data except each paragraph's `recompose`, the closure widow control calls to set it
 * looser: a paragraph carries its recipe (styled runs and measure) as data, and the closure is
 * made again from it and the fonts. A paragraph that had a closure but no recipe composes its
 * chapter afresh the first time widow control asks (the same inputs give the same paragraphs in
 * the same order), so a cache hit is exactly the chapter it replaces.
 */
import type { StepMemo, Codec } from '../pipeline/memo.js';
import type { Chapter } from '../model/book.js';
import type { FlowContext } from './blocks.js';
import { chapterSection, type ChapterOptions } from './chapter.js';
import type { FontBook } from './fonts.js';
import type { FlowItem, Para, Section } from './model.js';
import { recomposer } from './text.js';

type Recompose = NonNullable<Para['recompose']>;
type StoredItem = Exclude<FlowItem, Para> | (Omit<Para, 'recompose'> & { recomposable: boolean });

function encode(section: Section): unknown {
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


export function composeChapter(chapter: Chapter, cx: FlowContext, options: ChapterOptions, memo: StepMemo): Section {
  // The fonts and the design are in every key (the book's settings); whatever else the flow
  // context holds, now or later, is part of this one.
  const rest: Partial<FlowContext> = { ...cx };
  delete rest.fonts;
  delete rest.typo;
  const inputs = { chapter, options, cx: rest };
  const codec: Codec<Section> = { encode, decode: (data, compute) => decode(data, compute, cx.fonts) };
  return memo.get('typeset-chapter', inputs, () => chapterSection(chapter, cx, options), codec);
}
