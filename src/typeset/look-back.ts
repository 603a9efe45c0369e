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

/** A paragraph's setting (null: its own) or a heading's extra slots (0: its own). */
export type Change = { kind: 'para'; para: Para; setting: Loosened | null } | { kind: 'box'; box: Box; delta: -1 | 0 | 1 };

/** What the paginator placed on a page, as far as looking back cares. */
export type Placed = { kind: 'para'; para: Para } | { kind: 'box'; box: Box; keepWithNext: boolean };

export interface Layout {
  /** Paginates the section again with exactly these changes; the pages left short, in order. */
  attempt(changes: Change[]): number[];
  /** What is on a page of the section as last paginated. */
  placed(page: number): Placed[];
}

/** The tightest fill looking back may ask for. */
const MOST = SQUEEZE_STEPS.reduce((a, b) => (a.em * a.last < b.em * b.last ? a : b));

/** How many times a section is paginated again to fill its short pages, and how many changes each time. */
const ROUNDS = 8;
const TRIES = 14;
/** Of those, how many are also tried two at a time. */
const PAIRS = 6;
/** How many pages before a short page its paragraphs and headings are looked for. */
const PAGES = 8;
/** A heading's extra slot counts as a paragraph set this many steps from its natural setting. */
const GROW_STEP = 2;

interface Outcome {
  changes: Change[];
  shorts: number[];
}

/** Fewer short pages; as many, the first of them later. */
function better(a: Outcome, b: Outcome): boolean {
  if (a.shorts.length !== b.shorts.length) return a.shorts.length < b.shorts.length;
  return (a.shorts[0] ?? Infinity) > (b.shorts[0] ?? Infinity);
}

function target(change: Change): Para | Box {
  return change.kind === 'box' ? change.box : change.para;
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
   * Each round tries the gentlest changes near the first short page, one and then two at a
   * time, and keeps the first that does better; the section is left as the best layout found.
   */
  search(layout: Layout, shorts: number[]): void {
    let current: Outcome = { changes: [], shorts };
    let last = current;
    const seen = new Set<string>();
    for (let round = 0; round < ROUNDS && current.shorts.length > 0; round++) {
      const first = current.shorts[0] as number;
      const moves = this.moves(layout, first, current.changes).slice(0, TRIES);
      const tries = [...moves.map((m) => [m.change]), ...pairs(moves.slice(0, PAIRS))];
      let found: Outcome | undefined;
      for (const t of tries) {
        const changes = merged(current.changes, t);
        const key = signature(changes);
        if (seen.has(key)) continue;
        seen.add(key);
        last = { changes, shorts: layout.attempt(changes) };
        if (better(last, current)) {
          found = last;
          break;
        }
      }
      if (!found) break;
      current = found;
    }
    if (last !== current) layout.attempt(current.changes);
  }

  /** Changes near a short page, the gentlest and nearest first. */
  private moves(layout: Layout, short: number, changes: Change[]): Array<{ change: Change; step: number }> {
    const now = new Map(changes.map((c) => [target(c), c]));
    const out: Array<{ change: Change; step: number }> = [];
    const done = new Set<Para | Box>();
    for (let back = 0; back <= PAGES; back++) {
      for (const item of layout.placed(short - back)) {
        const thing = item.kind === 'para' ? item.para : item.box;
        if (done.has(thing)) continue;
        done.add(thing);
        const current = now.get(thing);
        // Nearer pages first: a shift from further back has more page breaks to upset.
        const near = back / 2;
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
    const possible = delta === 1 ? room < lines * (LOOSEN_STEPS.at(-1) ?? 0) * size : lines > 1 && measure - room < tighteningRoom(para.lines, size);
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
 * At most how many points a paragraph's lines before the last can take up when set tighter:
 * an em each, and in the tail the half of each full-width mark, up to the tightest step.
 */
function tighteningRoom(lines: TextLine[], size: number): number {
  const before = lines.slice(0, -1);
  const closeUp = before.length * -(TIGHTEN_STEPS.at(-1) ?? 0) * size;
  const marks = (line: TextLine): number => line.runs.reduce((n, run) => n + (run.half ? 0 : (run.text.match(SQUEEZABLE)?.length ?? 0)), 0);
  const tail = before.slice(-MOST.last).reduce((sum, line) => sum + Math.min(-MOST.em, 1 + marks(line) / 2) * size, 0);
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
    .map((c) => (c.kind === 'box' ? `b${idOf(c.box)}:${c.delta}` : `p${idOf(c.para)}:${c.setting ? idOf(c.setting) : 0}`))
    .sort()
    .join(' ');
}
