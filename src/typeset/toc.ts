/**
 * 目录: part lines, article entries (title lines, ——subtitle, （date）) with the folio on the
 * entry's last line after dot leaders, and the sections of articles indented under them. The
 * folio is a reference the paginator resolves once every page is known, printed in the seed's
 * form (003).
 */
import type { Book, Chapter } from '../model/book.js';
import type { FlowContext } from './blocks.js';
import { spacedLabel } from './chapter.js';
import type { StyleName } from './design.js';
import { headlineBox } from './blocks.js';
import { balanceHeadline } from './headline.js';
import type { FlowItem, RowBox, Section } from './model.js';
import { Stack, styleOf } from './stack.js';
import { lineWidth, naturalLine } from './text.js';

export const TOC_ID = 'toc';

/** Room for a folio in the TOC's form, (003). */
const NUMBER_EMS = 3;

function entry(source: string[], target: string, style: StyleName, cx: FlowContext): RowBox {
  const { typo, fonts, grid } = cx;
  const size = typo.size(style);
  const spec = typo.spec(style);
  const indent = (spec.indent ?? 0) * size;
  const numberWidth = NUMBER_EMS * size;
  const measure = ((grid.width - indent - numberWidth) / size) * 0.98;
  const lines = source.flatMap((line) => balanceHeadline(line, measure));
  const leading = typo.leading(style);
  const stack = new Stack(grid.width).space(spec.spaceBefore ?? 0);
  const runStyle = styleOf(typo, style);
  lines.forEach((text, i) => {
    const line = naturalLine(text, runStyle, fonts);
    const baselineTop = stack.y;
    stack.line(line, leading, 'left', indent);
    if (i < lines.length - 1) return;
    const textItem = stack.items.at(-1);
    const baseline = textItem?.kind === 'text' ? textItem.baseline : baselineTop + leading;
    const gap = size / 2;
    const from = indent + lineWidth(line) + gap;
    const to = grid.width - numberWidth - gap;
    // Dot leaders as a dotted rule, not text: they must not become part of the entry's text.
    if (to - from > size) stack.items.push({ kind: 'rule', x1: from, y1: baseline, x2: to, y2: baseline, width: size * 0.12, dotted: true });
    stack.items.push({ kind: 'folioRef', right: grid.width, baseline, target, style: { ...styleOf(typo, 'tocNumber'), goTo: target } });
  });
  stack.space(spec.spaceAfter ?? 0);
  return { height: stack.y, items: stack.items };
}

function articleLines(chapter: Chapter): string[] {
  return [...chapter.titleLines, ...(chapter.subtitle ? [`——${chapter.subtitle}`] : []), ...(chapter.date ? [`（${chapter.date}）`] : [])];
}

export function tocSection(book: Book, cx: FlowContext, sectionLevels: ReadonlySet<number>): Section {
  const { typo, fonts, grid } = cx;
  const rows: RowBox[] = [];
  for (const chapter of book.front) rows.push(entry([chapter.label ?? chapter.title], chapter.id, 'tocEntry', cx));
  for (const part of book.parts) {
    const stack = new Stack(grid.width).space(typo.spec('tocPart').spaceBefore ?? 0);
    stack.text(`${part.label}\u3000${part.title}`, 'tocPart', typo, fonts).space(typo.spec('tocPart').spaceAfter ?? 0);
    rows.push({ height: stack.y, items: stack.items });
    for (const chapter of part.chapters) {
      rows.push(entry(articleLines(chapter), chapter.id, 'tocEntry', cx));
      for (const heading of chapter.headings) if (sectionLevels.has(heading.level)) rows.push(entry([heading.text], heading.id, 'tocSection', cx));
    }
  }
  const title = headlineBox([spacedLabel('目录')], 'sectionLabel', cx, { opening: true, outline: [{ id: TOC_ID, title: '目录' }] });
  const items: FlowItem[] = [title, { kind: 'rows', header: { height: 0, items: [] }, rows }];
  return { kind: 'text', start: 'recto', head: '目录', items, notes: new Map() };
}
