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
import { hashOf } from '../pipeline/cache-key.js';
import type { FontBook } from './fonts.js';
import type { FlowItem, Loosening, PageItem, Para, Section, TextLine } from './model.js';
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

export function composeChapter(chapter: Chapter, cx: FlowContext, options: ChapterOptions, memo: StepMemo): Section {
  if (memo === NO_MEMO) return chapterSection(chapter, cx, options);
  // The fonts and the design are in every key (the book's settings); whatever else the flow
  // context holds, now or later, is part of this one.
  const rest: Partial<FlowContext> = { ...cx };
  delete rest.fonts;
  delete rest.typo;
  const chapterKey = hashOf({ chapter, options, cx: rest });
  let entry: string | undefined;
  const codec: Codec<Section> = {
    encode: (value, key) => {
      nameLines(value, (entry = key));
      return encode(value);
    },
    decode: (data, compute, key) => {
      const section = decode(data, compute, cx.fonts);
      nameLines(section, (entry = key));
      return section;
    },
  };
  const section = memo.get('typeset-chapter', chapterKey, () => chapterSection(chapter, cx, options), codec);
  const answers = memo.get<Answers>('typeset-resettings', chapterKey, () => new Map());
  // New answers are kept when the build ends, with those of earlier builds.
  const changed = (): void => memo.later('typeset-resettings', chapterKey, () => answers);
  const items = section.items.map((item, i): FlowItem => {
    if (item.kind !== 'para' || !item.recompose) return item;
    return { ...item, recompose: cachedRecompose(answers, changed, i, item.lines.length, item.recompose, () => entry) };
  });
  return { ...section, items };
}
