/**
 * 目录: part lines, article entries (title lines, ——subtitle, （date）) with the page number on
 * the entry's last line after dot leaders, and the h2 sections of articles indented under them.
 * Numbers are pdfmake page references (also links) printed as the folio of the page the title
 * really landed on, in the seed's form (003): see PageMap.printFoliosInToc.
 */
import type { Book, Chapter } from '../../../model/book.js';
import { FONT_KEYS, type StyleName } from '../design.js';
import { balanceHeadline } from '../headline.js';
import type { CanvasLine, Content, Node } from '../pdfmake.js';
import { spacedLabel, type SectionContext } from './context.js';

export const TOC_ID = 'toc';

/** Room for a folio in the TOC's form, (003). */
const NUMBER_EMS = 3;

/** A dotted rule on the baseline of the entry's last line. */
function dots(width: number, size: number): CanvasLine {
  const y = size * 1.05;
  return { type: 'line', x1: 0, y1: y, x2: width, y2: y, lineWidth: size * 0.12, dash: { length: 0.01, space: size / 3 }, lineCap: 'round' };
}

function entry(source: string[], target: string, style: StyleName, cx: SectionContext): Node {
  const { typo } = cx;
  const size = typo.spec(style).size ?? typo.bodySize;
  const indent = (typo.spec(style).indent ?? 0) * size;
  const numberWidth = NUMBER_EMS * size;
  const text = typo.textStyle(style);
  delete text.leadingIndent;
  // Pre-broken so every printed line fits beside the number and breaks at an ideographic space
  // where there is one; the number then sits on the entry's last line.
  const measure = ((cx.geometry.textWidth - indent - numberWidth) / size) * 0.98;
  const lines = source.flatMap((line) => balanceHeadline(line, measure));
  const leading = lines.slice(0, -1).map((line): Node => ({ ...text, text: line, margin: [indent, 0, numberWidth, 0] }));
  const lastLine = lines[lines.length - 1] ?? '';
  const base = { font: text.font ?? FONT_KEYS.body, bold: false, size };
  const lastWidth = cx.blocks.measure(lastLine, base, false);
  const gap = size / 2;
  const leader = cx.geometry.textWidth - indent - numberWidth - lastWidth - 2 * gap;
  const last: Node = {
    columns: [
      { ...text, text: lastLine, width: indent + lastWidth + gap + 0.5, margin: [indent, 0, 0, 0] },
      // Dot leaders as a dotted rule, not text: they must not become part of the entry's text.
      { canvas: leader > size ? [dots(leader, size)] : [], width: '*' },
      {
        ...typo.textStyle('tocNumber'),
        text: '',
        pageReference: target,
        width: numberWidth,
        noWrap: true,
      },
    ],
    columnGap: 0,
  };
  return { stack: [...leading, last], unbreakable: true, margin: typo.space(style) };
}

function articleLines(chapter: Chapter): string[] {
  return [
    ...chapter.titleLines,
    ...(chapter.subtitle ? [`——${chapter.subtitle}`] : []),
    ...(chapter.date ? [`（${chapter.date}）`] : []),
  ];
}

export function tocNode(book: Book, cx: SectionContext, sectionLevels: ReadonlySet<number>): Node {
  const { typo } = cx;
  const items: Content[] = [];
  for (const chapter of book.front) {
    items.push(entry([chapter.label ?? chapter.title], chapter.id, 'tocEntry', cx));
  }
  for (const part of book.parts) {
    items.push({ ...typo.styled('tocPart'), text: `${part.label}\u3000${part.title}` });
    for (const chapter of part.chapters) {
      items.push(entry(articleLines(chapter), chapter.id, 'tocEntry', cx));
      for (const heading of chapter.headings) {
        if (sectionLevels.has(heading.level)) items.push(entry([heading.text], heading.id, 'tocSection', cx));
      }
    }
  }
  const title = { ...typo.styled('sectionLabel'), text: spacedLabel('目录'), id: TOC_ID, outline: true, outlineText: '目录' };
  return cx.pages.add(
    { pageBreak: 'beforeEven', stack: [cx.pages.opening(title), ...items] },
    'text',
    '目录',
  );
}
