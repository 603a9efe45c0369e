/**
 * Re-setting a paragraph one line longer or shorter, for widow control: the gentlest fill that
 * gives the line count asked for, without a lone last character where one can be avoided.
 */
import { hasLoneChar } from './lone.js';
import type { Loosening, Para, TextLine } from './model.js';
import { lineWidth, loosenAt } from './text.js';

/** How loose a paragraph may be set to keep a widow or orphan off a page, in ems of its size. */
export const LOOSEN_STEPS = [0.5, 1, 1.5, 2, 3, 4];
/**
 * How tight, in ems over a whole line: a line may take up to one em more than the measure,
 * its ideographs set a hair closer (under 3 % of an em each on a 36-character line, 紧排).
 */
export const TIGHTEN_STEPS = [-0.5, -1];
/** A fill for the last `last` lines before the paragraph's last one; the lines above keep theirs. */
export interface TailFill {
  em: number;
  last: number;
}

/**
 * Tighter still, only where a page would otherwise end short (looking back): past one em a
 * line takes only what its marks give when set half-width (标点挤压, src/cjk/breaker.ts), and
 * only the few lines that take up the paragraph's last line are set so, the fewest first.
 */
export const SQUEEZE_STEPS: TailFill[] = [
  { em: -2, last: 2 },
  { em: -3, last: 2 },
  { em: -2, last: 4 },
  { em: -3, last: 4 },
  { em: -3, last: 8 },
];

export interface Setting {
  lines: TextLine[];
  loosen: Loosening;
}

export interface Loosened extends Setting {
  /** Index into the steps: how far from the natural setting. */
  step: number;
}

/**
 * The paragraph set one line longer (`delta` 1) or shorter (−1) from line `from` on, as close
 * to its natural setting as possible (and closer than `below`); undefined when it cannot be.
 * The lines before `from` keep their fills, so they come out as printed. A shorter setting may
 * not leave its last line wider than `measure`.
 */
export function loosened(para: Para, current: Setting, below = LOOSEN_STEPS.length, from = 0, delta: 1 | -1 = 1, measure = Infinity, squeeze = false): Loosened | undefined {
  if (!para.recompose) return undefined;
  // Pagination asks the same questions again when it looks back and sets a section anew.
  let asked = memo.get(para);
  if (!asked) memo.set(para, (asked = []));
  const same = asked.find((q) => q.current === current.loosen && q.lines === current.lines.length && q.below === below && q.from === from && q.delta === delta && q.measure === measure && q.squeeze === squeeze);
  if (same) return same.answer;
  const steps: Array<number | TailFill> = delta === 1 ? LOOSEN_STEPS : squeeze ? [...TIGHTEN_STEPS, ...SQUEEZE_STEPS] : TIGHTEN_STEPS;
  const answer = resetOnce(para.recompose, current, below, from, delta, measure, steps);
  asked.push({ current: current.loosen, lines: current.lines.length, below, from, delta, measure, squeeze, answer });
  return answer;
}

interface Question {
  current: Loosening;
  lines: number;
  below: number;
  from: number;
  delta: 1 | -1;
  measure: number;
  squeeze: boolean;
  answer: Loosened | undefined;
}

const memo = new WeakMap<Para, Question[]>();

/** The fill of a step at every line: the same throughout, or only near the paragraph's end. */
function fillOf(step: number | TailFill, current: Setting, from: number, size: number): Loosening {
  if (typeof step === 'number') return from === 0 ? step * size : (line) => (line < from ? loosenAt(current.loosen, line) : step * size);
  const first = Math.max(from, current.lines.length - 1 - step.last);
  return (line) => (line < first ? loosenAt(current.loosen, line) : step.em * size);
}

function resetOnce(recompose: NonNullable<Para['recompose']>, current: Setting, below: number, from: number, delta: 1 | -1, measure: number, steps: Array<number | TailFill>): Loosened | undefined {
  const size = current.lines[0]?.size ?? 10;
  for (let step = 0; step < Math.min(below, steps.length); step++) {
    const loosen = fillOf(steps[step] ?? 0, current, from, size);
    // Most fills tried give another line count, which breaking alone tells: those are not justified.
    const count = recompose.count?.(loosen);
    if (count !== undefined && count !== current.lines.length + delta) {
      if ((count - current.lines.length) * delta > 1) break;
      continue;
    }
    const lines = recompose(loosen);
    const last = lines.at(-1);
    const usable = lines.length === current.lines.length + delta && (!last || lineWidth(last) <= measure + 0.01) && samePrinted(lines, current.lines, from);
    // The gentlest step that works is the answer: the steps after it are never set.
    // Never a lone last character (孤字): looking back finds another way, or the page ends short.
    if (usable && lines.length > 0 && !hasLoneChar(lines)) return { lines, loosen, step };
    if ((lines.length - current.lines.length) * delta > 1) break;
  }
  return undefined;
}

/** The lines before `from` are on an earlier page already: a re-setting must leave them as they are. */
function samePrinted(lines: TextLine[], printed: TextLine[], from: number): boolean {
  if (from === 0) return true;
  const text = (line: TextLine | undefined): string => line?.runs.map((r) => r.text).join('') ?? '';
  return text(lines[from - 1]) === text(printed[from - 1]);
}
