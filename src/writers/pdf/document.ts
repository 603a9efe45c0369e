/**
 * The whole pdfmake document definition, in the seed's order: title page, copyright page on
 * its verso, editorial board, 前言, 目录, then each part page and its articles.
 */
import type { BuildContext } from '../../build/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import type { Book } from '../../model/book.js';
import type { Typography } from './design.js';
import { header, footer } from './furniture.js';
import type { PageGeometry } from './geometry.js';
import { infoDictionary, pdfMetadata, type Producer } from './metadata.js';
import { PageMap } from './page-map.js';
import type { Content, DocDefinition } from './pdfmake.js';
import { boardPage } from './sections/board.js';
import { chapterNode } from './sections/chapter.js';
import type { SectionContext } from './sections/context.js';
import { copyrightPage } from './sections/copyright-page.js';
import { partPage } from './sections/part-page.js';
import { titlePage } from './sections/title-page.js';
import { tocNode } from './sections/toc.js';

export type { Producer } from './metadata.js';

export function buildDocument(
  book: Book,
  front: FrontPages,
  ctx: BuildContext,
  typo: Typography,
  geometry: PageGeometry,
  producer: Producer,
): DocDefinition {
  const pages = new PageMap();
  const cx: SectionContext = { typo, geometry, pages, blocks: { typo, textWidth: geometry.textWidth } };
  const content: Content[] = [
    titlePage(front.titlePage, cx),
    copyrightPage(front.copyright, cx),
    boardPage(front.board, cx),
  ];
  for (const chapter of book.front) {
    content.push(chapterNode(chapter, cx, { pageBreak: 'beforeEven', head: chapter.label ?? chapter.title }));
  }
  content.push(tocNode(book, cx, new Set(typo.design.toc.sectionLevels)));
  for (const part of book.parts) {
    content.push(partPage(part, cx));
    part.chapters.forEach((chapter, i) => {
      content.push(
        chapterNode(chapter, cx, {
          // The first article faces the part page's blank verso, so it starts on a recto too.
          pageBreak: i === 0 ? 'beforeEven' : 'before',
          outlineParentId: part.id,
          head: `${part.label}\u3000${part.title}`,
        }),
      );
    });
  }
  const { meta } = book;
  const bookTitle = `${meta.title.main}${meta.title.partNumber ?? ''}`;
  return {
    content,
    pageSize: { width: geometry.width, height: geometry.height },
    // Recto geometry for every page; render.ts shifts versos so the margins mirror.
    pageMargins: [geometry.inner, geometry.top, geometry.outer, geometry.bottom],
    defaultStyle: typo.defaultStyle(),
    header: header(pages, geometry, typo, bookTitle),
    footer: footer(pages, geometry, typo),
    info: infoDictionary(pdfMetadata(meta, front, ctx.buildDate, producer)),
    language: meta.language,
    version: '1.7',
    compress: true,
  };
}
