/**
 * A table that runs on to another page repeats its header row there under a 续表 label; the
 * page it starts on has neither twice. Synthetic rows on a grid of four 20-point slots.
 */
import { describe, expect, it } from 'vitest';
import type { PageItem, RowBox, Section } from '../src/typeset/model.js';
import { paginate } from '../src/typeset/paginate.js';

const grid = { lines: 4, pitch: 20, width: 200, bodySize: 10 };
const notes = { size: 8, pitch: 12, ruleSpace: 10, ruleLength: 50, ruleWidth: 0.5 };

function textRow(text: string, height = 20): RowBox {
  const item: PageItem = { kind: 'text', x: 0, baseline: 14, line: { runs: [{ x: 0, text, style: { font: 'body', bold: false, size: 10 }, spacing: 0, half: false, width: 20 }], size: 10, noteRefs: [] } };
  return { height, items: [item] };
}

describe('a table continued on the next page', () => {
  it('repeats the header under 续表 on every page after the first, and only there', () => {
    const rows = Array.from({ length: 8 }, (_, i) => textRow(`行${i}`));
    const section: Section = { kind: 'text', start: 'page', head: '', items: [{ kind: 'rows', header: textRow('表头'), rows, continued: textRow('续表2-1', 12) }], notes: new Map() };
    const pages = paginate([section], grid, notes).pages.map((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.line.runs[0]?.text] : [])));
    expect(pages[0]).toEqual(['表头', '行0', '行1', '行2']);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1)) expect(page.slice(0, 2)).toEqual(['续表2-1', '表头']);
    expect(pages.flat().filter((t) => t?.startsWith('行'))).toEqual(rows.map((_, i) => `行${i}`));
  });
});
