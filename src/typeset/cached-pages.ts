/**
 * Pagination through the cache across runs, section by section. Every chapter opens on a new
 * page, so where its lines fall depends only on its composed content, the design, the parity
 * of the page it starts on and the page-foot notes carried onto its first page; an edit
 * elsewhere moves its pages as a whole. So each run of sections is paginated on its own
 * (paginate.ts, unchanged, as if the book began there) and its pages are kept under those
 * inputs: a warm rebuild neither paginates nor even reads an unchanged chapter's composition.
 *
 * A run is one section unless notes run on out of it (a long note continued at the foot of the
 * next section's first page): then it takes in the next section too. Whether notes run on is
 * seen, not guessed: each run is paginated with one empty fixed page after it, which is left
 * empty unless notes were carried onto it. Numbers, marks and folios are set for the whole
 * book afterwards, as paginate.ts sets them. The pages are the same as paginating the whole
 * book at once; test/cached-pages.test.ts compares the two.
 */
import { nameContent } from '../pipeline/content-identity.js';
import { NO_MEMO, type Codec, type StepMemo } from '../pipeline/memo.js';
import { addEmphasisDots } from './emphasis.js';
import { folioOf } from './folios.js';
import type { FontBook } from './fonts.js';
import type { Grid } from './grid.js';
import type { Page, PageItem, Section } from './model.js';
import { bodyTraits, isMarked, setBody, unreadPage, type PageBody } from './page-body.js';
import { paginate, type NoteLayout, type Pagination } from './paginate.js';

/** A section for pagination: made here, or a chapter whose composition is cached. */
export interface SectionSource {
  /** The section (for a chapter: composed, or read from the cache, when first asked). */
  section(): Section;
  /** A chapter's cache inputs (its composition's): sections without one are paginated every build. */
  key?: string;
  /** The section sets folio 1 (the main matter's first page). */
  mainStart?: boolean;
  /** Keeps the chapter's cache entries when its pages came from the cache without them. */
  retain?(): void;
}

/** A run of sections paginated alone, its pages numbered from 1. */
interface RunPages {
  pages: Page[];
  marks: Pagination['marks'];
  shortPages: Pagination['shortPages'];
  orphanPages: Pagination['orphanPages'];
  /** Notes ran on past the run's last section. */
  carries: boolean;
}

/** One page set and left empty: before a run that starts on an even page, and after every run. */
function emptyPage(): Section {
  return { kind: 'front', start: 'page', head: '', items: [], notes: new Map(), fixed: [] };
}

/**
 * The run's sections paginated alone, starting on a page of the given parity (1 odd, 0 even),
 * with their emphasis dots (which depend on nothing but the page's items): a page's body is
 * then all the cache holds of it (page-body.ts).
 */
function paginateRun(sections: Section[], parity: 0 | 1, grid: Grid, notes: NoteLayout, fonts: FontBook): RunPages {
  const before = parity === 1 ? 0 : 1;
  const result = paginate([...(before ? [emptyPage()] : []), ...sections, emptyPage()], grid, notes);
  const after = result.pages.pop() as Page;
  const pages = result.pages.slice(before);
  addEmphasisDots(pages, fonts);
  for (const page of pages) {
    page.number -= before;
    page.folio = '';
  }
  for (const mark of result.marks) {
    mark.page -= before;
    mark.folio = '';
  }
  for (const short of [...result.shortPages, ...result.orphanPages]) {
    short.page -= before;
    short.folio = '';
  }
  return { pages, marks: result.marks, shortPages: result.shortPages, orphanPages: result.orphanPages, carries: after.items.length > 0 };
}

/** What the cache keeps of a page besides its body (stored apart, read when first drawn). */
type PageHead = Omit<Page, 'items'> & Omit<PageBody, 'name'> & { marked: PageItem[] };

/** A run's pages as the 'typeset-pages' entry holds them: plain data, every page without its body. */
interface RunHead extends Omit<RunPages, 'pages'> {
  pages: PageHead[];
}

/**
 * Names every item placed on the run's pages by the entry's key and its place
 * (content-identity.ts), alike when the pages were just set and when they are read back: the
 * entry's key names all an item depends on, so a PDF page's key holds its body by name
 * (page-body.ts) instead of spelling out its lines.
 */
function nameItems(items: PageItem[][], key: string): void {
  items.forEach((page, p) => page.forEach((item, i) => nameContent(item, `${key}/${p}/${i}`)));
}

/**
 * The run through the cache as two entries: 'typeset-pages', the pages without their items
 * (small, read by every warm build), and 'typeset-page-items', the items, read only for a page
 * that is drawn again (its stream not in the cache) or looked into. A TOC folio (a folioRef,
 * resolved against the whole book) in a body would make it depend on other pages: such a run is
 * not stored (none is: only the generated TOC has them, and it is not a chapter). The items'
 * entry is keyed by the pages' entry's key, which names all they depend on.
 */
function runCodec(memo: StepMemo, recompute: () => RunPages): Codec<RunPages> {
  const BODY = 'typeset-page-items';
  return {
    encode: (value, key) => {
      const items = value.pages.map((page) => page.items);
      if (items.some((list) => list.some((item) => item.kind === 'folioRef'))) return undefined;
      nameItems(items, key);
      const traits = items.map(bodyTraits);
      value.pages.forEach((page, p) => setBody(page, { name: `${key}/${p}`, count: page.items.length, ...(traits[p] as ReturnType<typeof bodyTraits>) }));
      memo.get(BODY, key, () => items);
      const pages = value.pages.map(({ items: list, ...fields }, p): PageHead => ({ ...fields, count: list.length, marked: list.filter(isMarked), ...(traits[p] as ReturnType<typeof bodyTraits>) }));
      return { ...value, pages } satisfies RunHead;
    },
    decode: (data, _compute, key) => {
      const head = data as RunHead;
      let items: PageItem[][] | undefined;
      const read = (): PageItem[][] => {
        if (items) return items;
        items = memo.get(BODY, key, () => recompute().pages.map((page) => page.items));
        nameItems(items, key);
        return items;
      };
      // Kept by the prune though this build may never read it.
      memo.retain?.(BODY, key);
      const pages = head.pages.map(({ count, marked, images, bold, ...fields }, p) => unreadPage(fields, { name: `${key}/${p}`, count, images, bold }, marked, () => read()[p] ?? []));
      return { ...head, pages };
    },
  };
}

function runPages(sources: SectionSource[], parity: 0 | 1, grid: Grid, notes: NoteLayout, fonts: FontBook, memo: StepMemo): RunPages {
  const compute = (): RunPages =>
    paginateRun(
      sources.map((s) => s.section()),
      parity,
      grid,
      notes,
      fonts,
    );
  const keys = sources.map((s) => s.key);
  if (keys.some((k) => k === undefined)) return compute();
  let computed = false;
  // format: 2 since a page's emphasis dots are set with its run (and its items stored apart).
  const inputs = { format: 2, sections: keys, parity, grid, notes };
  const run = memo.get(
    'typeset-pages',
    inputs,
    () => {
      computed = true;
      return compute();
    },
    runCodec(memo, compute),
  );
  if (!computed) for (const source of sources) source.retain?.();
  return run;
}

/**
 * The book's pagination, each run of sections from the cache when its inputs are unchanged.
 * Without a cache it is paginate.ts's own, over the whole book at once.
 */
export function paginateBook(sources: SectionSource[], grid: Grid, notes: NoteLayout, fonts: FontBook, memo: StepMemo): Pagination {
  const whole = (): Pagination => {
    const result = paginate(sources.map((s) => s.section()), grid, notes);
    addEmphasisDots(result.pages, fonts);
    return result;
  };
  if (memo === NO_MEMO) return whole();
  const out: Pagination = { pages: [], marks: [], unresolvedWidows: 0, shortPages: [], orphanPages: [] };
  let mainStart: number | undefined;
  for (let first = 0; first < sources.length; ) {
    const offset = out.pages.length;
    const parity = ((offset + 1) % 2) as 0 | 1;
    let last = first;
    let run = runPages(sources.slice(first, last + 1), parity, grid, notes, fonts, memo);
    while (run.carries && last + 1 < sources.length) run = runPages(sources.slice(first, ++last + 1), parity, grid, notes, fonts, memo);
    const starts = sources.slice(first, last + 1).findIndex((s) => s.mainStart);
    // Folio 1 is the first page of the section that starts the main matter: a run that opens
    // with it knows where that is (after a blank verso, if one was needed).
    if (starts > 0) return whole();
    if (starts === 0) mainStart ??= offset + (run.pages[0]?.kind === 'blank' ? 2 : 1);
    for (const page of run.pages) page.number += offset;
    for (const mark of run.marks) mark.page += offset;
    for (const short of [...run.shortPages, ...run.orphanPages]) short.page += offset;
    out.pages.push(...run.pages);
    out.marks.push(...run.marks);
    out.shortPages.push(...run.shortPages);
    out.orphanPages.push(...run.orphanPages);
    first = last + 1;
  }
  for (const page of out.pages) page.folio = page.kind === 'text' ? folioOf(page.number, mainStart) : '';
  for (const mark of out.marks) mark.folio = folioOf(mark.page, mainStart);
  for (const short of [...out.shortPages, ...out.orphanPages]) short.folio = folioOf(short.page, mainStart);
  out.unresolvedWidows = out.shortPages.length;
  return out;
}
