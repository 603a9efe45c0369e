/**
 * Pagination on the line grid: sections of flow items → pages. Paragraph lines take one grid
 * slot each; boxes (titles, headings, figures) take whole slots; tables and the TOC stack rows
 * of any height and return to the grid after them. Page-foot notes (页下注) are set at the foot
 * of the page that holds their reference, numbered ①②③ afresh on every page; a note too long
 * for its page continues at the foot of the next. A page whose text runs on is full to its last
 * slot (齐底): widows and orphans are kept away by setting a paragraph on the page one line
 * looser (串行), never by leaving a line empty.
 */
import type { PageMark } from '../model/pagination.js';
import { folioOf } from './folios.js';
import { EM_BOTTOM, EM_TOP, slotBaseline, slotsFor, type Grid } from './grid.js';
import type { Box, FlowItem, Loosening, OutlineEntry, Page, PageItem, Para, RowBox, Section, TextLine } from './model.js';
import { LookBack, type Change, type Layout, type Placed } from './look-back.js';
import { adviceFor, type ShortPage } from './short-page.js';
import { loosened, LOOSEN_STEPS, TIGHTEN_STEPS, type Loosened, type Setting } from './resetting.js';
import { circledNumber } from './text.js';

export interface NoteLayout {
  size: number;
  /** Baseline-to-baseline distance of note lines. */
  pitch: number;
  /** Room above the first note line that holds the short rule. */
  ruleSpace: number;
  ruleLength: number;
  ruleWidth: number;
}


type Entry =
  | {
      kind: 'lines';
      slot: number;
      lines: TextLine[];
      para: Para;
      /** Index of the first of `lines` in the paragraph, and all the paragraph's lines. */
      from: number;
      all: TextLine[];
      /** The fills `all` was set with: a re-setting keeps the lines before `from` as printed. */
      loosen: Loosening;
      first: boolean;
      chapterId?: string;
    }
  | { kind: 'box'; slot: number; box: Box; source: Box; chapterId?: string }
  | { kind: 'free'; slot: number; y: number; items: PageItem[]; blockIndex?: number; first: boolean; chapterId?: string };

interface NoteChunk {
  key: string;
  lines: TextLine[];
  continued: boolean;
}

interface Snapshot {
  pages: number;
  marks: number;
  short: number;
  orphaned: number;
  carried: NoteChunk[];
  mainStart: number | undefined;
}

interface PageState {
  page: Page;
  entries: Entry[];
  used: number;
  notes: NoteChunk[];
  noteLines: number;
  /** The page may not take body text any more (a note was split onto the next page). */
  closed: boolean;
}

export interface Pagination {
  pages: Page[];
  marks: PageMark[];
  /** Widows and orphans that no paragraph on their page could be loosened to avoid. */
  unresolvedWidows: number;
  /** The pages left short for them, each with the paragraph an editor could change to fill it. */
  shortPages: ShortPage[];
  /** Pages filled by leaving a paragraph's first line alone at the foot, where nothing else could (looking back's last resort). */
  orphanPages: ShortPage[];
}

export function paginate(sections: Section[], grid: Grid, notes: NoteLayout): Pagination {
  return new Paginator(grid, notes).run(sections);
}

class Paginator {
  private readonly pages: Page[] = [];
  private readonly marks: PageMark[] = [];
  private readonly noteText = new Map<string, TextLine[]>();
  private state: PageState | undefined;
  private carried: NoteChunk[] = [];
  private section: Section | undefined;
  /** Pages left a line or two short: no paragraph on them could take a widow or orphan. */
  private short: ShortPage[] = [];
  private readonly orphaned: ShortPage[] = [];
  private mainStart: number | undefined;
  /** Settings chosen by looking back (see `lookBack`), used in place of a paragraph's own. */
  private readonly presets = new Map<Para, Setting>();
  private readonly lookBack: LookBack;
  /** Headings given one slot more (1) or less (−1) of space by looking back. */
  private readonly grow = new Map<Box, 1 | -1>();
  /** Paragraphs looking back lets leave their first line alone at a page's foot (last resort). */
  private readonly orphans = new Set<Para>();
  /** Pages left short by a paragraph of three lines or more that would have left an orphan. */
  private readonly stranded = new Map<number, Para>();
  /**
   * The finished pages of the current section, by page number, in order. Their items are drawn
   * only once the section's layout is final (`drawFinished`): looking back lays a section out
   * again for every change it tries, and drawing each of those layouts was wasted.
   */
  private readonly finished = new Map<number, PageState>();

  constructor(
    private readonly grid: Grid,
    private readonly notes: NoteLayout,
  ) {
    this.lookBack = new LookBack(grid);
  }

  run(sections: Section[]): Pagination {
    for (const section of sections) this.place(section);
    this.finish();
    this.drawFinished();
    for (const page of this.pages) page.folio = page.kind === 'text' ? folioOf(page.number, this.mainStart) : '';
    for (const mark of this.marks) mark.folio = folioOf(mark.page, this.mainStart);
    for (const short of [...this.short, ...this.orphaned]) short.folio = folioOf(short.page, this.mainStart);
    return { pages: this.pages, marks: this.marks, unresolvedWidows: this.short.length, shortPages: this.short, orphanPages: this.orphaned };
  }

  private place(section: Section): void {
    this.finish();
    this.drawFinished();
    this.stranded.clear();
    const start = this.snapshot();
    this.placeOnce(section);
    const shorts = this.short.slice(start.short).map((s) => s.page);
    if (!section.fixed && shorts.length > 0) this.lookBack.search(this.layoutFor(section, start), shorts);
    this.drawFinished();
  }

  private placeOnce(section: Section): void {
    this.section = section;
    for (const [key, lines] of section.notes) this.noteText.set(key, lines);
    const next = this.pages.length + 1;
    if (section.start === 'recto' && next % 2 === 0) this.pages.push(blankPage(next));
    if (section.mainStart) this.mainStart ??= this.pages.length + 1;
    if (section.fixed) {
      const page = this.newPage();
      page.page.items.push(...section.fixed);
      page.page.outline.push(...(section.fixedOutline ?? []));
      this.finish();
      return;
    }
    section.items.forEach((item, i) => this.placeItem(item, section.items[i + 1]));
    this.finish();
  }

  // ---- looking back ----

  private snapshot(): Snapshot {
    return { pages: this.pages.length, marks: this.marks.length, short: this.short.length, orphaned: this.orphaned.length, carried: this.carried.map((c) => ({ ...c, lines: [...c.lines] })), mainStart: this.mainStart };
  }

  private restore(to: Snapshot): void {
    this.pages.length = to.pages;
    this.marks.length = to.marks;
    this.short.length = to.short;
    this.orphaned.length = to.orphaned;
    this.carried = to.carried.map((c) => ({ ...c, lines: [...c.lines] }));
    this.mainStart = to.mainStart;
    this.state = undefined;
    this.finished.clear();
    this.stranded.clear();
  }

  /** Pagination of the section again with the changes looking back asks for (see look-back.ts). */
  private layoutFor(section: Section, start: Snapshot): Layout {
    let applied: Change[] = [];
    return {
      attempt: (changes) => {
        this.restore(start);
        for (const change of applied) this.apply(change, false);
        for (const change of changes) this.apply(change, true);
        applied = changes;
        this.placeOnce(section);
        return this.short.slice(start.short).map((s) => s.page);
      },
      stranded: (page) => this.stranded.get(page),
      placed: (page) =>
        (this.finished.get(page)?.entries ?? []).flatMap((entry): Placed[] =>
          entry.kind === 'lines' ? [{ kind: 'para', para: entry.para }] : entry.kind === 'box' ? [{ kind: 'box', box: entry.source, keepWithNext: entry.box.keepWithNext === true }] : [],
        ),
    };
  }

  private apply(change: Change, on: boolean): void {
    if (change.kind === 'orphan') {
      if (on) this.orphans.add(change.para);
      else this.orphans.delete(change.para);
    } else if (change.kind === 'box') {
      if (on && change.delta !== 0) this.grow.set(change.box, change.delta);
      else this.grow.delete(change.box);
    } else if (on && change.setting) this.presets.set(change.para, change.setting);
    else this.presets.delete(change.para);
  }

  /**
   * A heading with one slot more space when looking back chose so, its text kept centred in its
   * space, or one slot less, taken from the white space under its text.
   */
  private grown(box: Box): Box {
    const delta = this.grow.get(box);
    if (delta === undefined) return box;
    return { ...box, slots: box.slots + delta, items: delta === 1 ? translate(box.items, this.grid.pitch / 2) : box.items };
  }

  private placeItem(item: FlowItem, next: FlowItem | undefined): void {
    switch (item.kind) {
      case 'gap': {
        const state = this.current();
        if (state.used === 0) return;
        if (!this.fits(state, item.slots, 0)) this.finish();
        else state.used += item.slots;
        return;
      }
      case 'box':
        this.placeBox(item, next);
        return;
      case 'para':
        this.placePara(item);
        return;
      case 'rows':
        this.placeRows(item.header, item.rows, item.blockIndex, item.continued);
        return;
    }
  }

  // ---- pages ----

  private newPage(): PageState {
    const section = this.section;
    const page: Page = {
      number: this.pages.length + 1,
      kind: section?.kind ?? 'front',
      items: [],
      outline: [],
      head: section?.head ?? '',
      opening: false,
      folio: '',
    };
    this.pages.push(page);
    this.state = { page, entries: [], used: 0, notes: [], noteLines: 0, closed: false };
    // Continued notes open the note area of the next page of the same flow.
    for (const chunk of this.carried) this.addNote(this.state, chunk);
    this.carried = [];
    this.fitCarried(this.state);
    return this.state;
  }

  private current(): PageState {
    return this.state && !this.state.closed ? this.state : this.startOver();
  }

  private startOver(): PageState {
    this.finish();
    return this.newPage();
  }

  private noteSlots(lines: number): number {
    return lines === 0 ? 0 : slotsFor(this.notes.ruleSpace + lines * this.notes.pitch, this.grid.pitch);
  }

  private fits(state: PageState, slots: number, noteLines: number): boolean {
    return state.used + slots + this.noteSlots(state.noteLines + noteLines) <= this.grid.lines;
  }

  private addNote(state: PageState, chunk: NoteChunk): void {
    state.notes.push(chunk);
    state.noteLines += chunk.lines.length;
  }

  /** Carried note lines that do not fit even an empty page go on to the page after. */
  private fitCarried(state: PageState): void {
    while (state.noteLines > 0 && !this.fits(state, 1, 0)) {
      const last = state.notes.at(-1);
      if (!last || last.lines.length <= 1) break;
      const moved = last.lines.pop() as TextLine;
      state.noteLines--;
      const rest = this.carried[0]?.key === last.key ? this.carried[0] : undefined;
      if (rest) rest.lines.unshift(moved);
      else this.carried.unshift({ key: last.key, lines: [moved], continued: true });
    }
  }

  // ---- flow items ----

  private minNext(next: FlowItem | undefined): number {
    if (!next) return 0;
    switch (next.kind) {
      case 'para':
        return Math.min(2, next.lines.length);
      case 'box':
        return next.slots;
      case 'rows':
        return slotsFor(next.header.height + (next.rows[0]?.height ?? 0), this.grid.pitch);
      case 'gap':
        return 0;
    }
  }

  private placeBox(source: Box, next: FlowItem | undefined): void {
    const box = this.grown(source);
    let state = this.current();
    const need = box.slots + (box.keepWithNext ? this.minNext(next) : 0);
    if (state.used > 0 && !this.fits(state, Math.min(need, this.grid.lines), 0)) state = this.startOver();
    state.entries.push({ kind: 'box', slot: state.used, box, source, chapterId: this.section?.chapterId });
    state.used = Math.min(this.grid.lines, state.used + box.slots);
  }

  private placeRows(header: RowBox, rows: RowBox[], blockIndex: number | undefined, continued?: RowBox): void {
    let state = this.current();
    const pitch = this.grid.pitch;
    const room = (s: PageState): number => (this.grid.lines - this.noteSlots(s.noteLines)) * pitch;
    let y = state.used * pitch;
    let first = true;
    const push = (items: PageItem[], height: number): void => {
      state.entries.push({ kind: 'free', slot: 0, y, items, blockIndex, first, chapterId: this.section?.chapterId });
      first = false;
      y += height;
    };
    if (header.height > 0) push(header.items, header.height);
    for (const row of rows) {
      if (y + row.height > room(state) && y > state.used * pitch + header.height + 0.5) {
        state.used = this.grid.lines;
        state = this.startOver();
        y = 0;
        if (continued) push(continued.items, continued.height);
        if (header.height > 0) push(header.items, header.height);
      }
      push(row.items, row.height);
    }
    state.used = Math.min(this.grid.lines, slotsFor(y, pitch));
  }

  /** The note lines a body line brings onto the page: notes not yet on it. */
  private newNotes(state: PageState, line: TextLine, pending: string[]): string[] {
    return line.noteRefs.filter((k) => !pending.includes(k) && !state.notes.some((n) => n.key === k && !n.continued));
  }

  private noteLength(key: string): number {
    return this.noteText.get(key)?.length ?? 0;
  }

  /** How many of `lines` from `from` fit this page with their notes; `split` when the last takes its notes only in part. */
  private measureFit(state: PageState, lines: TextLine[], from: number): { count: number; split: boolean } {
    let count = 0;
    let noteLines = 0;
    const pending: string[] = [];
    for (let j = from; j < lines.length; j++) {
      const fresh = this.newNotes(state, lines[j] as TextLine, pending);
      const need = fresh.reduce((n, k) => n + this.noteLength(k), 0);
      if (this.fits(state, count + 1, noteLines + need)) {
        count++;
        noteLines += need;
        pending.push(...fresh);
        continue;
      }
      // The reference and its note's first line always share a page; the rest may continue.
      if (fresh.length > 0 && this.fits(state, count + 1, noteLines + fresh.length)) return { count: count + 1, split: true };
      break;
    }
    return { count, split: false };
  }

  private placePara(para: Para): void {
    const preset = this.presets.get(para);
    let lines = preset?.lines ?? para.lines;
    let loosen: Loosening = preset?.loosen ?? para.loosen ?? 0;
    let from = 0;
    let attempts = 0;
    while (from < lines.length) {
      const state = this.current();
      const { count, split } = this.measureFit(state, lines, from);
      const rest = lines.length - from;
      if (count >= rest && !split) {
        this.putLines(state, para, lines, loosen, from, rest);
        return;
      }
      if (count === 0) {
        if (state.used === 0 && state.noteLines === 0) {
          // Nothing fits an empty page (a line with enormous notes): set it, notes continue.
          this.putLines(state, para, lines, loosen, from, 1);
          from++;
        }
        this.finish();
        continue;
      }
      const widow = !split && rest - count === 1;
      // Looking back may, as a last resort, let a paragraph of three lines or more leave its
      // (indented) first line at the foot rather than the page end short; never its last line.
      const allowed = !split && count === 1 && from === 0 && rest >= 3 && this.orphans.has(para);
      const orphan = !split && count === 1 && from === 0 && rest > 1 && !allowed;
      if (allowed) this.orphaned.push(this.shortPage(state));
      if (widow || orphan) {
        // Only where the page is full of body text: a page that ends early for its notes
        // is not helped by moving a line.
        const full = state.used + count + this.noteSlots(state.noteLines + this.notesOf(lines, from, count)) === this.grid.lines;
        if (attempts < 3 && full) {
          attempts++;
          if (this.keepTogether(state, para, { lines, loosen }, from, count, widow)) {
            ({ lines, loosen } = this.adjusted ?? { lines, loosen });
            this.adjusted = undefined;
            continue;
          }
        }
        if (state.used > 0) {
          // No paragraph could take the line: move it rather than leave it alone (the page
          // ends a line or two short).
          this.short.push(this.shortPage(state));
          if (orphan && rest >= 3) this.stranded.set(state.page.number, para);
          const keep = orphan || count < 3 ? 0 : count - 1;
          if (keep > 0) this.putLines(state, para, lines, loosen, from, keep);
          from += keep;
          attempts = 0;
          this.finish();
          continue;
        }
      }
      this.putLines(state, para, lines, loosen, from, count);
      from += count;
      attempts = 0;
      this.finish();
    }
  }

  /** A page for the editor, with the paragraph on it a few characters would change by a line. */
  private shortPage(state: PageState): ShortPage {
    const placed = state.entries.flatMap((e) => (e.kind === 'lines' ? [e] : []));
    const advice = adviceFor(placed, this.grid.width);
    return { page: state.page.number, folio: '', ...(advice ? { advice } : {}) };
  }

  /** Note lines the given body lines bring onto the page. */
  private notesOf(lines: TextLine[], from: number, count: number): number {
    const state = this.state;
    if (!state) return 0;
    const pending: string[] = [];
    let n = 0;
    for (const line of lines.slice(from, from + count)) {
      const fresh = this.newNotes(state, line, pending);
      pending.push(...fresh);
      n += fresh.reduce((sum, k) => sum + this.noteLength(k), 0);
    }
    return n;
  }

  /** A re-set paragraph for placePara to take (set by keepTogether). */
  private adjusted: Setting | undefined;

  /**
   * One step against a widow or an orphan, the gentlest first: a line freed on the page by
   * setting a paragraph above one line tighter (the rest of this one then fits, or two of its
   * lines do); this paragraph's rest one line tighter; a paragraph above one line looser (one
   * more line goes over); this paragraph's rest one line looser. True when something changed.
   */
  private keepTogether(state: PageState, para: Para, current: Setting, from: number, count: number, widow: boolean): boolean {
    const measure = this.grid.width - para.inset;
    const noNotes = (current.lines[from]?.noteRefs.length ?? 0) === 0;
    if (noNotes && this.adjustEarlier(state, -1)) return true;
    if (widow) {
      const tighter = loosened(para, current, TIGHTEN_STEPS.length, from, -1, measure);
      if (tighter) {
        this.adjusted = tighter;
        return true;
      }
    }
    // One more line over from above: fine unless it leaves this paragraph a lone line here.
    if ((!widow || count >= 3 || count === 1 || from > 0) && noNotes && this.adjustEarlier(state, 1)) return true;
    if (widow) {
      const looser = loosened(para, current, LOOSEN_STEPS.length, from, 1, measure);
      if (looser) {
        this.adjusted = looser;
        return true;
      }
    }
    return false;
  }

  /**
   * Sets one paragraph that ends on this page one line longer (`delta` 1) or shorter (−1):
   * only its part on this page is re-broken, a part on an earlier page stays as printed; later
   * entries move by a slot.
   */
  private adjustEarlier(state: PageState, delta: 1 | -1): boolean {
    if (delta === 1 && state.used >= this.grid.lines) return false;
    let best: { entry: Extract<Entry, { kind: 'lines' }>; looser: Loosened } | undefined;
    for (const entry of state.entries) {
      if (entry.kind !== 'lines' || !entry.para.recompose || entry.from + entry.lines.length !== entry.all.length) continue;
      // A shorter setting must not leave a paragraph's continued part a lone line.
      if (delta === -1 && entry.lines.length < (entry.from > 0 ? 3 : 2)) continue;
      const looser = loosened(entry.para, { lines: entry.all, loosen: entry.loosen }, best?.looser.step, entry.from, delta, this.grid.width - entry.para.inset);
      if (looser && (!best || looser.step < best.looser.step)) best = { entry, looser };
    }
    if (!best) return false;
    const { entry } = best;
    entry.all = best.looser.lines;
    entry.loosen = best.looser.loosen;
    entry.lines = entry.all.slice(entry.from);
    for (const other of state.entries) if (other.slot > entry.slot) other.slot += delta;
    state.used += delta;
    return true;
  }

  private putLines(state: PageState, para: Para, lines: TextLine[], loosen: Loosening, from: number, count: number): void {
    const taken = lines.slice(from, from + count);
    const pending: string[] = [];
    for (const line of taken) {
      for (const key of this.newNotes(state, line, pending)) {
        pending.push(key);
        const text = this.noteText.get(key) ?? [];
        const room = this.roomForNoteLines(state, count);
        if (text.length <= room) this.addNote(state, { key, lines: [...text], continued: false });
        else {
          const keep = Math.max(1, room);
          this.addNote(state, { key, lines: text.slice(0, keep), continued: false });
          this.carried.push({ key, lines: text.slice(keep), continued: true });
          state.closed = true;
        }
      }
    }
    state.entries.push({
      kind: 'lines',
      slot: state.used,
      lines: taken,
      para,
      from,
      all: lines,
      loosen,
      first: from === 0,
      chapterId: this.section?.chapterId,
    });
    state.used += count;
  }

  /** Note lines that still fit once `bodySlots` more body lines are set. */
  private roomForNoteLines(state: PageState, bodySlots: number): number {
    let n = 0;
    while (this.fits(state, bodySlots, n + 1)) n++;
    // `fits` counts the lines already placed; the ones this call adds come on top.
    return n;
  }

  // ---- finishing a page ----

  private finish(): void {
    const state = this.state;
    this.state = undefined;
    if (!state) return;
    this.finished.set(state.page.number, state);
  }

  /** Draws the items of the finished pages, whose layout is final, and forgets them. */
  private drawFinished(): void {
    for (const state of this.finished.values()) {
      const numbers = new Map<string, number>();
      for (const note of state.notes) if (!note.continued) numbers.set(note.key, numbers.size + 1);
      for (const entry of state.entries) this.draw(entry, state.page, numbers);
      this.drawNotes(state, numbers);
    }
    this.finished.clear();
  }

  private draw(entry: Entry, page: Page, numbers: Map<string, number>): void {
    const { pitch } = this.grid;
    const mark = (blockIndex: number | undefined, first: boolean, x = 0, y = entry.slot * pitch): void => {
      if (blockIndex === undefined || !first || !entry.chapterId) return;
      this.marks.push({ chapterId: entry.chapterId, blockIndex, page: page.number, folio: '' });
      // Every top-level block is a named destination (proof sheets and the EPUB point at them).
      if (blockIndex >= 0) page.items.push({ kind: 'dest', name: `${entry.chapterId}-b${blockIndex}`, x, y });
    };
    switch (entry.kind) {
      case 'lines':
        mark(entry.para.blockIndex, entry.first, entry.para.inset);
        entry.lines.forEach((line, i) => {
          page.items.push({ kind: 'text', x: entry.para.inset, baseline: slotBaseline(entry.slot + i, this.grid, line.size), line: numbered(line, numbers) });
        });
        return;
      case 'box': {
        const { box } = entry;
        // A box's block destination is the top of its first line of text, not its white space.
        const firstText = box.items.find((i) => i.kind === 'text');
        const top = firstText?.kind === 'text' ? firstText.baseline - firstText.line.size * 1.2 : 0;
        mark(box.blockIndex, true, 0, entry.slot * pitch + Math.max(0, top));
        if (box.opening) page.opening = true;
        page.outline.push(...(box.outline ?? []));
        page.items.push(...translate(box.items, entry.slot * pitch));
        return;
      }
      case 'free':
        mark(entry.blockIndex, entry.first, 0, entry.slot * pitch + entry.y);
        page.items.push(...translate(entry.items, entry.slot * pitch + entry.y));
        return;
    }
  }

  private drawNotes(state: PageState, numbers: Map<string, number>): void {
    if (state.noteLines === 0) return;
    const { size, pitch, ruleLength, ruleWidth } = this.notes;
    const lines = state.notes.flatMap((n) => n.lines.map((line) => numbered(line, numbers)));
    // The last note line's em box ends where the last grid line's does.
    const { lines: slots, pitch: slot, bodySize } = this.grid;
    const lastBaseline = (slots - 1) * slot + (slot + bodySize) / 2 - EM_BOTTOM * size;
    const firstBaseline = lastBaseline - (lines.length - 1) * pitch;
    const ruleY = firstBaseline - EM_TOP * size - this.notes.ruleSpace / 2;
    state.page.items.push({ kind: 'rule', x1: 0, y1: ruleY, x2: ruleLength, y2: ruleY, width: ruleWidth });
    lines.forEach((line, i) => state.page.items.push({ kind: 'text', x: 0, baseline: firstBaseline + i * pitch, line }));
  }
}

function blankPage(number: number): Page {
  return { number, kind: 'blank', items: [], outline: [], head: '', opening: false, folio: '' };
}

function translate(items: PageItem[], dy: number): PageItem[] {
  return items.map((item): PageItem => {
    switch (item.kind) {
      case 'text':
        return { ...item, baseline: item.baseline + dy };
      case 'rule':
        return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
      case 'image':
      case 'vector':
        return { ...item, y: item.y + dy };
      case 'dest':
        return { ...item, y: item.y + dy };
      case 'folioRef':
        return { ...item, baseline: item.baseline + dy };
    }
  });
}

/** A line with its note references and note numbers set to the page's numbers. */
function numbered(line: TextLine, numbers: Map<string, number>): TextLine {
  if (!line.runs.some((r) => r.style.noteKey)) return line;
  return {
    ...line,
    runs: line.runs.map((run) => {
      const key = run.style.noteKey;
      if (!key) return run;
      const n = numbers.get(key);
      return n === undefined ? run : { ...run, text: run.text.replace(/^[①-⑳㉑-㉟㊱-㊿]|^\[\d+\]/u, circledNumber(n)) };
    }),
  };
}

export type { OutlineEntry };
