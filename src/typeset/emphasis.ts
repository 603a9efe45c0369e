/**
 * 着重号 in the PDF: a small round dot centred under each emphasised ideograph, as GB/T 15834
 * prints emphasis in horizontal text and as the EPUB's `text-emphasis: filled dot` shows it.
 * Punctuation, spaces and Latin letters get no dot. Dots are drawn as zero-length dotted rules
 * (a round cap makes the dot), so any renderer that draws rules draws them.
 */
import type { FontBook } from './fonts.js';
import { EM_BOTTOM } from './grid.js';
import type { Page, PageItem, PlacedRun } from './model.js';

/** Dot diameter and the gap between the em box's foot and the dot, in ems. */
const DOT = 0.16;
const GAP = 0.12;

const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3fffd}]/u;

function dots(run: PlacedRun, x: number, baseline: number, fonts: FontBook): PageItem[] {
  const out: PageItem[] = [];
  const size = run.style.size;
  const y = baseline + (EM_BOTTOM + GAP + DOT / 2) * size;
  let at = x + run.x;
  for (const ch of run.text) {
    const advance = fonts.measure(ch, run.style, run.half);
    if (IDEOGRAPH.test(ch)) {
      const centre = at + advance / 2;
      out.push({ kind: 'rule', x1: centre, y1: y, x2: centre + 0.01, y2: y, width: DOT * size, dotted: true });
    }
    at += advance + run.spacing;
  }
  return out;
}

/** Adds the dots under every emphasised run of the pages' text. */
export function addEmphasisDots(pages: Page[], fonts: FontBook): void {
  for (const page of pages) {
    const added: PageItem[] = [];
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      for (const run of item.line.runs) if (run.style.emphasis) added.push(...dots(run, item.x, item.baseline, fonts));
    }
    page.items.push(...added);
  }
}
