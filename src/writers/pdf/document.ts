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
import type { PdfFonts } from './fonts.js';
import type { PdfImages } from './images.js';
import { fontMeasure } from './paragraph.js';
import { boardPage } from './sections/board.js';
import { chapterNode } from './sections/chapter.js';
import type { SectionContext } from './sections/context.js';
import { copyrightPage } from './sections/copyright-page.js';
import { partPage } from './sections/part-page.js';
import { titlePage } from './sections/title-page.js';
import { tocNode } from './sections/toc.js';

export type { Producer } from './metadata.js';

export interface DocumentPlan {
  /** Everything but the content, which needs pdfmake's fonts to be composed. */
  doc: Omit<DocDefinition, 'content'>;
  /** Composes the content with the font objects pdfmake will render with. */
  content(fonts: PdfFonts): Content[];
  pages: PageMap;
}

export function buildDocument(
  book: Book,
  front: FrontPages,
  ctx: BuildContext,
  typo: Typography,
  geometry: PageGeometry,
  producer: Producer,
  plain = false,
  images: PdfImages = new Map(),
): DocumentPlan {
  const pages = new PageMap();
  const { meta } = book;
  const bookTitle = `${meta.title.main}${meta.title.partNumber ?? ''}`;
  const doc: Omit<DocDefinition, 'content'> = {
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
  const content = (fonts: PdfFonts): Content[] => {
    const blocks = { typo, textWidth: geometry.textWidth, textHeight: geometry.textHeight, measure: fontMeasure(fonts), plain, images };
    return sections(book, front, { typo, geometry, pages, blocks });
  };
  return { doc, content, pages };
}

function sections(book: Book, front: FrontPages, cx: SectionContext): Content[] {
  const { typo } = cx;
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
    content.push(cx.pages.main(partPage(part, cx)));
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
  return content;
}
