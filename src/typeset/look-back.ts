/**
 * Looking back (齐底): a page left a line or two short, because nothing on it could take its
 * widow or orphan, is helped from the pages before it. A paragraph there set one line longer or
 * shorter, or a heading given one grid slot more or less of space, moves every later line by
 * one; the section is paginated again with the change and the change is kept when the section
 * ends fewer pages short. This is the search; the paginator lays the section out for it.
 */
import { EM_BOTTOM, type Grid } from './grid.js';
import type { Box, Para, TextLine } from './model.js';
import { loosened, LOOSEN_STEPS, SQUEEZE_STEPS, TIGHTEN_STEPS, type Loosened } from './resetting.js';
import { lineWidth } from './text.js';

/**
 * A paragraph's setting (null: its own), a heading's extra slots (0: its own), or leave to set
 * a paragraph's first line alone at a page's foot (an orphan: the last resort).
 */
export type Change = { kind: 'para'; para: Para; setting: Loosened | null } | { kind: 'box'; box: Box; delta: -1 | 0 | 1 } | { kind: 'orphan'; para: Para };

/** What the paginator placed on a page, as far as looking back cares. */
export type Placed = { kind: 'para'; para: Para } | { kind: 'box'; box: Box; keepWithNext: boolean };

export interface Layout {
  /** Paginates the section again with exactly these changes; the pages left short, in order. */
  attempt(changes: Change[]): number[];
  /** What is on a page of the section as last paginated. */
  placed(page: number): Placed[];
  /** The paragraph of three lines or more whose orphan left a page short, as last paginated. */
  stranded(page: number): Para | undefined;
}

/** The tightest fill looking back may ask for. */
const MOST = SQUEEZE_STEPS.reduce((a, b) => (a.em * a.last < b.em * b.last ? a : b));

/** How many changes are tried from one layout. */
const TRIES = 14;
/** Of those, how many are also tried two at a time. */
const PAIRS = 6;
/** How many rounds the last resort takes (each may strand a paragraph further on). */
const ROUNDS = 8;
/**
 * How many times at most a section is paginated again while looking back: 水浒传 needs 60 for
 * its hardest chapter; most sections are filled in a handful.
 */
const BUDGET = 80;
/** How many pages before a short page its paragraphs and headings are looked for. */
const PAGES = 8;
/** A heading's extra slot counts as a paragraph set this many steps from its natural setting. */
const GROW_STEP = 2;

interface Outcome {
  changes: Change[];
  shorts: number[];
}

/** A layout looking back may go on from, and how far through its changes it has got. */
interface Node {
  outcome: Outcome;
  tries?: Change[][];
  next: number;
}

/** Fewer short pages; as many, the first of them later. */
function better(a: Outcome, b: Outcome): boolean {
  if (a.shorts.length !== b.shorts.length) return a.shorts.length < b.shorts.length;
  return (a.shorts[0] ?? Infinity) > (b.shorts[0] ?? Infinity);
}

/** Leave for a paragraph's orphan is a thing of its own, apart from the paragraph's setting. */
const orphanKeys = new WeakMap<Para, object>();

function target(change: Change): object {
  if (change.kind === 'box') return change.box;
  if (change.kind === 'para') return change.para;
  let key = orphanKeys.get(change.para);
  if (!key) orphanKeys.set(change.para, (key = {}));
  return key;
}

/** `changes` with `moves` replacing any change of the same paragraph or heading. */
function merged(changes: Change[], moves: Change[]): Change[] {
  const moved = new Set(moves.map(target));
  return [...changes.filter((c) => !moved.has(target(c))), ...moves];
}

function pairs<T extends { change: Change }>(moves: T[]): Change[][] {
  return moves.flatMap((a, i) => moves.slice(i + 1).filter((b) => target(b.change) !== target(a.change)).map((b) => [a.change, b.change]));
}

export class LookBack {
  private readonly resettings = new Map<Para, Map<1 | -1, Loosened | null>>();

  constructor(private readonly grid: Grid) {}

  /**
   * Searches changes for a section that was paginated with none and left `shorts` short.
   * From the best layout found so far it tries the gentlest changes near its first short page,
   * one and then two at a time, and goes on from the first that does better; where that leads
   * nowhere it comes back to the next best layout and its untried changes (a greedy path alone
   * ends in dead ends on pages of dialogue). The section is left as the best layout found.
   */
  search(layout: Layout, shorts: number[]): void {
    const start: Outcome = { changes: [], shorts };
    let best = start;
    let last = start;
    // Every layout tried, by its changes: one reached again from another is not paginated again.
    const known = new Map<string, Outcome>([[signature([]), start]]);
    const opened = new Set<string>([signature([])]);
    const open: Node[] = [{ outcome: start, next: 0 }];
    let budget = BUDGET;
    while (open.length > 0 && budget > 0 && best.shorts.length > 0) {
      // The best layout found that still has changes to try; on a tie the one found last.
      let at = 0;
      for (let i = 1; i < open.length; i++) if (!better((open[at] as Node).outcome, (open[i] as Node).outcome)) at = i;
      const node = open[at] as Node;
      const from = node.outcome;
      if (!node.tries) {
        // Moves are read off the layout as paginated: lay this one out again if it is not.
        if (last !== from) {
          layout.attempt(from.changes);
          last = from;
        }
        node.tries = this.tries(layout, from);
      }
      let child: Outcome | undefined;
      while (node.next < node.tries.length && budget > 0 && !child) {
        const changes = merged(from.changes, node.tries[node.next++] as Change[]);
        const key = signature(changes);
        let outcome = known.get(key);
        if (!outcome) {
          budget--;
          last = outcome = { changes, shorts: layout.attempt(changes) };
          known.set(key, outcome);
          if (better(outcome, best)) best = outcome;
        }
        if (better(outcome, from) && !opened.has(key)) {
          opened.add(key);
          child = outcome;
        }
      }
      if (node.next >= node.tries.length) open.splice(at, 1);
      if (child) open.push({ outcome: child, next: 0 });
    }
    if (last !== best) layout.attempt(best.changes);
    this.lastResort(layout, best);
  }

  /** The changes to try from a layout: near its first short page, one and then two at a time. */
  private tries(layout: Layout, from: Outcome): Change[][] {
    const moves = this.moves(layout, from.shorts[0] as number, from.changes).slice(0, TRIES);
    return [...moves.map((m) => [m.change]), ...pairs(moves.slice(0, PAIRS))];
  }

  /**
   * Where no setting fills a page, a paragraph of three lines or more may leave its first line
   * at the foot: an indented opening line there reads as a paragraph begun, and mainland houses
   * hold the page's foot (齐底) stricter than that; a last line alone at a page's head (孤行)
   * stays forbidden. Only pages still short after the search are given the leave.
   */
  private lastResort(layout: Layout, found: Outcome): void {
    let best = found;
    for (let round = 0; round < ROUNDS && best.shorts.length > 0; round++) {
      const leave = best.shorts.flatMap((page): Change[] => {
        const para = layout.stranded(page);
        return para ? [{ kind: 'orphan', para }] : [];
      });
      if (leave.length === 0) return;
      const changes = merged(best.changes, leave);
      const tried: Outcome = { changes, shorts: layout.attempt(changes) };
      if (!better(tried, best)) {
        layout.attempt(best.changes);
        return;
      }
      best = tried;
    }
  }

  /** Changes near a short page, the gentlest and nearest first. */
  private moves(layout: Layout, short: number, changes: Change[]): Array<{ change: Change; step: number }> {
    const now = new Map(changes.map((c) => [target(c), c]));
    const out: Array<{ change: Change; step: number }> = [];
    const done = new Set<Para | Box>();
    for (let back = -1; back <= PAGES; back++) {
      // The page after: its first paragraph is the one whose widow or orphan left the page short.
      const items = back < 0 ? layout.placed(short + 1).slice(0, 1) : layout.placed(short - back);
      for (const item of items) {
        const thing = item.kind === 'para' ? item.para : item.box;
        if (done.has(thing)) continue;
        done.add(thing);
        const current = now.get(thing);
        // Nearer pages first: a shift from further back has more page breaks to upset.
        const near = Math.max(0, back) / 2;
        if (item.kind === 'box') {
          if (!item.keepWithNext) continue;
          const delta = current?.kind === 'box' ? current.delta : 0;
          for (const d of [1, -1, 0] as const) {
            if (d === delta || (d === -1 && !this.canShrink(item.box))) continue;
            out.push({ change: { kind: 'box', box: item.box, delta: d }, step: (d === 0 ? 0 : GROW_STEP) + near });
          }
          continue;
        }
        const setting = current?.kind === 'para' ? current.setting : null;
        if (setting) out.push({ change: { kind: 'para', para: item.para, setting: null }, step: near });
        for (const delta of [1, -1] as const) {
          const other = this.resetting(item.para, delta);
          if (other && other !== setting) out.push({ change: { kind: 'para', para: item.para, setting: other }, step: other.step + near });
        }
      }
    }
    return out.sort((a, b) => a.step - b.step);
  }

  /**
   * A paragraph set one line longer or shorter from its own setting, without a lone last
   * character; remembered, as sections are paginated again and again.
   */
  private resetting(para: Para, delta: 1 | -1): Loosened | undefined {
    let known = this.resettings.get(para);
    if (!known) this.resettings.set(para, (known = new Map()));
    if (known.has(delta)) return known.get(delta) ?? undefined;
    const measure = this.grid.width - para.inset;
    const last = para.lines.at(-1);
    const size = last?.size ?? 10;
    const room = last ? measure - lineWidth(last) : measure;
    // Cheap bounds first: a line more needs the last line nearly full, a line fewer a short one.
    const lines = para.lines.length;
    const possible = delta === 1 ? room < lines * (LOOSEN_STEPS.at(-1) ?? 0) * size : lines > 1 && measure - room <= tighteningRoom(para.lines, size) + 0.01;
    // `loosened` gives only settings without a lone last character.
    const setting = possible ? loosened(para, { lines: para.lines, loosen: para.loosen ?? 0 }, Infinity, 0, delta, measure, true) : undefined;
    known.set(delta, setting ?? null);
    return setting;
  }

  /** Whether a heading has a whole slot of white space under its text. */
  private canShrink(box: Box): boolean {
    const bottoms = box.items.flatMap((i) => (i.kind === 'text' ? [i.baseline + i.line.size * EM_BOTTOM] : i.kind === 'rule' ? [Math.max(i.y1, i.y2)] : i.kind === 'image' ? [i.y + i.height] : []));
    return box.slots > 1 && bottoms.length > 0 && Math.max(...bottoms) <= (box.slots - 1) * this.grid.pitch;
  }
}

/** Full-width marks a line may set half-width when squeezed (its closing and opening marks). */
const SQUEEZABLE = /[，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕]/gu;

/**
 * At most how many points a paragraph set one line shorter can take up: each of its remaining
 * lines an em, and in the tail (the last line too, closed up to the measure once it overruns)
 * the half of each full-width mark, up to the tightest step a line.
 */
function tighteningRoom(lines: TextLine[], size: number): number {
  const kept = lines.length - 1;
  const closeUp = kept * -(TIGHTEN_STEPS.at(-1) ?? 0) * size;
  const marks = (line: TextLine): number => line.runs.reduce((n, run) => n + (run.half ? 0 : (run.text.match(SQUEEZABLE)?.length ?? 0)), 0);
  const tailLines = Math.min(MOST.last, kept);
  const tailMarks = lines.slice(-(tailLines + 1)).reduce((n, line) => n + marks(line), 0);
  const tail = Math.min(-MOST.em * tailLines, tailLines + tailMarks / 2) * size;
  return Math.max(closeUp, tail);
}

/** Identity of a set of changes, so a layout is not tried twice. */
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(thing: object): number {
  let id = ids.get(thing);
  if (id === undefined) ids.set(thing, (id = nextId++));
  return id;
}

function signature(changes: Change[]): string {
  return changes
    .map((c) => (c.kind === 'box' ? `b${idOf(c.box)}:${c.delta}` : c.kind === 'orphan' ? `o${idOf(c.para)}` : `p${idOf(c.para)}:${c.setting ? idOf(c.setting) : 0}`))
    .sort()
    .join(' ');
}

