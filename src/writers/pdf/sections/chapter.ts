/**
 * One chapter: the preface (section label, title, byline) or an article (title lines in 黑体,
 * ——subtitle, （date）), then its body and its notes.
 */
import type { Chapter } from '../../../model/book.js';
import { renderBody, renderNotes } from '../blocks.js';
import { balanceHeadline } from '../headline.js';
import type { Content, Node, PageBreak } from '../pdfmake.js';
import { spacedLabel, type SectionContext } from './context.js';

export interface ChapterOptions {
  pageBreak?: PageBreak;
  /** Outline parent (the part) for articles. */
  outlineParentId?: string;
  /** Recto running head for the chapter's pages. */
  head: string;
}

export function chapterNode(chapter: Chapter, cx: SectionContext, options: ChapterOptions): Node {
  const { typo } = cx;
  const head: Content[] = [];
  const anchor = { id: chapter.id, outline: true, outlineParentId: options.outlineParentId };
  if (chapter.label) {
    head.push(
      cx.pages.opening({ ...typo.styled('sectionLabel'), text: spacedLabel(chapter.label), ...anchor, outlineText: chapter.label }),
    );
  }
  const titleSize = typo.spec('articleTitle').size ?? typo.bodySize;
  // A hair under the full measure: the width estimate in balanceHeadline is not pdfmake's.
  const titleEms = (cx.geometry.textWidth / titleSize) * 0.98;
  const titleLines = chapter.titleLines.flatMap((line) => balanceHeadline(line, titleEms));
  titleLines.forEach((line, i) => {
    const node: Node = { ...(i === 0 ? typo.styled('articleTitle') : typo.textStyle('articleTitle')), text: line };
    // The first title line carries the chapter's id: TOC page numbers and the outline point here.
    head.push(i === 0 && !chapter.label ? cx.pages.opening({ ...node, ...anchor, outlineText: chapter.title }) : node);
  });
  const opening = head[0];
  if (chapter.subtitle) head.push({ ...typo.styled('articleSubtitle'), text: `——${chapter.subtitle}` });
  if (chapter.date) head.push({ ...typo.styled('articleDate'), text: `（${chapter.date}）` });
  if (chapter.author) head.push({ ...typo.styled('byline'), text: chapter.author });
  const body = renderBody(chapter.blocks, cx.blocks, chapter.id);
  if (opening && typeof opening !== 'string') {
    cx.pages.chapter(chapter.id, cx.pages.tocTarget(opening), body.anchors);
  }
  for (const { node, blockIndex } of body.anchors) if (chapter.blocks[blockIndex]?.type === 'heading') cx.pages.tocTarget(node);
  return cx.pages.add(
    {
      ...(options.pageBreak ? { pageBreak: options.pageBreak } : {}),
      stack: [
        { stack: head, margin: typo.space('articleHeadEnd') },
        ...body.content,
        ...renderNotes(chapter.footnotes, cx.blocks, chapter.id, body.sharedAnchors),
      ],
    },
    'text',
    options.head,
  );
}
