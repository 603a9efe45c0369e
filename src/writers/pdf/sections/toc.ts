/**
 * 目录: part lines, article entries (title lines, ——subtitle, （date）) with the page number on
 * the entry's last line, and the h2 sections of articles indented under them. Numbers come
 * from pdfmake's pageReference, so they are the pages the titles really landed on.
 */
import type { Book, Chapter } from '../../../model/book.js';
import type { StyleName } from '../design.js';
import { balanceHeadline } from '../headline.js';
import type { Content, Node } from '../pdfmake.js';
import { spacedLabel, type SectionContext } from './context.js';

export const TOC_ID = 'toc';

/** Room for a three-digit folio and a gap before it. */
const NUMBER_EMS = 3;

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
  const last: Node = {
    columns: [
      { ...text, text: lines[lines.length - 1] ?? '', width: '*', margin: [indent, 0, 0, 0] },
      { ...typo.textStyle('tocNumber'), text: '', pageReference: target, width: numberWidth, noWrap: true },
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
