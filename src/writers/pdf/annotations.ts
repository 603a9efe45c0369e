/**
 * What a page links to and where it can be linked to: link annotations for runs with a URL or
 * an internal target, and the named destinations set on the page (note references, headings).
 * Coordinates come in the page's frame (y down) and leave in PDF space (y up).
 */
import type { PageItem } from '../../typeset/model.js';
import { SUP_SCALE } from '../../typeset/fonts.js';
import { SUP_RISE, type Frame } from './page-stream.js';
import { name, type PdfDict } from './syntax.js';

export interface Destination {
  name: string;
  x: number;
  y: number;
}

/** The link annotations of a page, as dictionaries to write. */
export function linkAnnotations(items: readonly PageItem[], frame: Frame): PdfDict[] {
  const out: PdfDict[] = [];
  for (const item of items) {
    if (item.kind !== 'text') continue;
    for (const run of item.line.runs) {
      const { link, goTo } = run.style;
      if (!link && !goTo) continue;
      const size = run.style.sup ? run.style.size * SUP_SCALE : run.style.size;
      const x = frame.x + item.x + run.x;
      const top = frame.y + item.baseline - (run.style.sup ? run.style.size * SUP_RISE : 0) - size * 0.88;
      const rect = [x, frame.sheetHeight - top - size, x + run.width, frame.sheetHeight - top];
      const action: PdfDict = link ? { S: name('URI'), URI: link } : { S: name('GoTo'), D: goTo ?? '' };
      out.push({ Type: name('Annot'), Subtype: name('Link'), Rect: rect, Border: [0, 0, 0], A: action });
    }
  }
  return out;
}

/** Named destinations on a page: a line's note reference sits a line above its baseline. */
export function destinations(items: readonly PageItem[], frame: Frame): Destination[] {
  const out: Destination[] = [];
  for (const item of items) {
    if (item.kind === 'dest') out.push({ name: item.name, x: frame.x + item.x, y: frame.sheetHeight - frame.y - item.y });
    if (item.kind !== 'text') continue;
    for (const run of item.line.runs) {
      if (!run.style.id) continue;
      out.push({ name: run.style.id, x: frame.x + item.x + run.x, y: frame.sheetHeight - (frame.y + item.baseline - item.line.size * 1.2) });
    }
  }
  return out;
}
