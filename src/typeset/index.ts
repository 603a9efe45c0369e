/**
 * The typesetting stage: Book + generated pages → positioned pages on the line grid. Pure: it
 * reads fonts through the FontBook and images as sizes, and hands the PDF writer pages it
 * only has to draw.
 */
import type { FrontPages } from '../derive/front-pages.js';
import type { Book } from '../model/book.js';
import type { PageMark } from '../model/pagination.js';
import type { FlowContext } from './blocks.js';
import { chapterKey, composeChapter, retainChapter, type ComposeJob } from './cached-chapter.js';
import { paginateBook, type SectionSource } from './cached-pages.js';
import { NO_MEMO, type StepMemo } from '../pipeline/memo.js';
import type { Design } from './design.js';
import { Typography } from './design.js';
import type { ImageSizes } from './figures.js';
import type { FontBook } from './fonts.js';
import { boardSection, copyrightSection, partSection, titleSection } from './front.js';
import { addFurniture, resolveFolios } from './furniture.js';
import type { PageGeometry } from './geometry.js';
import type { Grid } from './grid.js';
import type { Page, Section } from './model.js';
import type { NoteLayout } from './paginate.js';
import type { ShortPage } from './short-page.js';
import { tocSection } from './toc.js';
import { normaliseTitleSpaces } from '../kinds/couplet.js';

export interface TypesetInput {
  book: Book;
  front: FrontPages;
  fonts: FontBook;
  design: Design;
  geometry: PageGeometry;
  images: ImageSizes;
  /** Composed chapters from the cache across runs (absent: composed here). */
  memo?: StepMemo;
  /** Chapters composed beforehand (composeChapters, in worker threads), by their index in chapterJobs(). */
  composed?: ReadonlyMap<number, Section>;
}

export interface TypesetBook {
  pages: Page[];
  marks: PageMark[];
  grid: Grid;
  /** Widows and orphans no paragraph on their page could be loosened to avoid. */
  unresolvedWidows: number;
  /** The pages they left short, with advice for the editor (src/typeset/short-page.ts). */
  shortPages: ShortPage[];
  /** Pages filled by leaving an orphan where nothing else could (`pdf/orphan-line`). */
  orphanPages: ShortPage[];
}

/** Every chapter of the book in reading order, as the book's sections hold them. */
export function chapterJobs(book: Book, design: Design): ComposeJob[] {
  const jobs: ComposeJob[] = book.front.map((chapter) => ({ chapter, options: { start: 'recto', head: chapter.label ?? chapter.title } }));
  const byChapter = design.structure.rectoHead === 'chapter';
  for (const part of book.parts) {
    part.chapters.forEach((chapter, i) => {
      // A novel's recto head is the 回目 the reader is in; other books name the part.
      const head = byChapter ? normaliseTitleSpaces(chapter.title) : `${part.label}\u3000${part.title}`;
      // The first article faces the part page's blank verso, so it starts on a recto too.
      jobs.push({ chapter, options: { start: i === 0 ? 'recto' : 'page', head, outlineParent: part.id } });
    });
  }
  return jobs;
}

/** What composing reads besides the chapter; the same in every thread for the same inputs. */
export function flowContext(fonts: FontBook, design: Design, geometry: PageGeometry, images: ImageSizes): FlowContext {
  const typo = new Typography(design);
  const grid: Grid = { lines: geometry.linesPerPage, pitch: typo.bodyLeading, width: geometry.textWidth, bodySize: typo.bodySize };
  return { fonts, typo, grid, textHeight: geometry.textHeight, images, footNotes: design.notes.placement === 'foot' };
}

/**
 * The book's sections in reading order: generated pages made here, chapters composed (or read
 * from the cache) only when their pages are not in the cache (src/typeset/cached-pages.ts).
 */
function sections(book: Book, front: FrontPages, cx: FlowContext, memo: StepMemo, composed: ReadonlyMap<number, Section>): SectionSource[] {
  const jobs = chapterJobs(book, cx.typo.design);
  const made = (section: Section): SectionSource => ({ section: () => section, ...(section.mainStart ? { mainStart: true } : {}) });
  const chapter = (i: number): SectionSource => {
    const job = jobs[i] as ComposeJob;
    let section: Section | undefined;
    return {
      section: () => (section ??= composed.get(i) ?? composeChapter(job.chapter, cx, job.options, memo)),
      ...(memo === NO_MEMO ? {} : { key: chapterKey(job.chapter, cx, job.options), retain: () => retainChapter(job.chapter, cx, job.options, memo) }),
    };
  };
  const out: SectionSource[] = [made(titleSection(front.titlePage, cx)), made(copyrightSection(front.copyright, cx))];
  const board = boardSection(front.board, cx);
  if (board) out.push(made(board));
  let next = 0;
  for (; next < book.front.length; next++) out.push(chapter(next));
  out.push(made(tocSection(book, cx, new Set(cx.typo.design.toc.sectionLevels))));
  book.parts.forEach((part, p) => {
    out.push(made(partSection(part, cx, p === 0)));
    for (let i = 0; i < part.chapters.length; i++) out.push(chapter(next++));
  });
  return out;
}

export function typesetBook(input: TypesetInput): TypesetBook {
  const { book, front, fonts, design, geometry, images } = input;
  const cx = flowContext(fonts, design, geometry, images);
  const { typo, grid } = cx;
  const rule = typo.spec('footnoteRule');
  const notes: NoteLayout = {
    size: typo.size('footnote'),
    pitch: typo.leading('footnote'),
    ruleSpace: (rule.spaceBefore ?? 0) + (rule.spaceAfter ?? 0),
    ruleLength: grid.width / 4,
    ruleWidth: 0.5,
  };
  const memo = input.memo ?? NO_MEMO;
  const result = paginateBook(sections(book, front, cx, memo, input.composed ?? new Map()), grid, notes, fonts, memo);
  // Emphasis dots are set with the pages (cached-pages.ts); no TOC folio carries emphasis.
  resolveFolios(result.pages, fonts, memo);
  addFurniture(result.pages, typo, fonts, grid.width, geometry.textHeight, `${book.meta.title.main}${book.meta.title.partNumber ?? ''}`, memo);
  return { pages: result.pages, marks: result.marks, grid, unresolvedWidows: result.unresolvedWidows, shortPages: result.shortPages, orphanPages: result.orphanPages };
}
