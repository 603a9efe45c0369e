/**
 * The EPUB 3 writer: Book + generated front pages → the bytes of a valid .epub. Pure apart
 * from reading the font files, images and the CSS template; the caller writes the file.
 */
import type { BuildContext } from '../../build/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import { collectGlyphs } from '../../fonts/glyphs.js';
import type { Book, Chapter } from '../../model/book.js';
import { chapterHref, renderChapter } from './chapter.js';
import { APPLE_OPTIONS_PATH, CONTAINER_PATH, renderAppleDisplayOptions, renderContainer } from './container.js';
import { renderCss } from './css.js';
import { embedFonts, FONT_MEDIA_TYPE } from './fonts.js';
import { renderBoardPage, renderCopyrightPage, renderPartPage, renderTitlePage } from './generated-pages.js';
import { collectImages, type ImageCatalogue } from './images.js';
import { BODY_EXTRA_TEXT, HEADING_EXTRA_TEXT, LABELS } from './labels.js';
import { markdownLinkResolver } from './links.js';
import { renderNav, type Landmark } from './nav.js';
import { renderNcx } from './ncx.js';
import { packageIdentifier, renderOpf, type ManifestItem } from './opf.js';
import {
  BOARD_HREF,
  COPYRIGHT_HREF,
  CSS_HREF,
  inPackage,
  NAV_HREF,
  NCX_HREF,
  OPF_PATH,
  TITLEPAGE_HREF,
  textHref,
} from './paths.js';
import type { RenderContext } from './render-context.js';
import { buildToc } from './toc.js';
import { zipEpub, type ZipEntry } from './zip.js';

const XHTML = 'application/xhtml+xml';
const NCX_ID = 'ncx';

/** A file of the package: manifest entry and its content. */
interface PackageFile extends ManifestItem {
  data: Uint8Array | string;
  inSpine: boolean;
}

function xhtmlFile(id: string, href: string, data: string, inSpine = true, properties?: string): PackageFile {
  return { id, href, mediaType: XHTML, data, inSpine, properties };
}

function renderContext(book: Book, chapter: Chapter, images: ImageCatalogue): RenderContext {
  const resolveLink = markdownLinkResolver(book);
  return {
    href: chapterHref(chapter),
    linkHref: (href) => resolveLink(chapter, href),
    imageHref: (src) => images.hrefOf(chapter, src),
  };
}

/** Content documents in reading order; the nav sits after the preface like the printed 目录. */
function contentDocuments(book: Book, front: FrontPages, images: ImageCatalogue): PackageFile[] {
  const lang = book.meta.language;
  const toc = buildToc(book);
  const firstPart = book.parts[0];
  const landmarks: Landmark[] = [
    { type: 'titlepage', label: LABELS.titlePage, href: TITLEPAGE_HREF },
    { type: 'copyright-page', label: LABELS.copyrightPage, href: COPYRIGHT_HREF },
    { type: 'toc', label: LABELS.toc, href: `${NAV_HREF}#toc` },
    ...(firstPart ? [{ type: 'bodymatter', label: LABELS.bodyMatter, href: textHref(firstPart.id) }] : []),
  ];
  const chapterFile = (chapter: Chapter): PackageFile =>
    xhtmlFile(chapter.id, chapterHref(chapter), renderChapter(chapter, lang, renderContext(book, chapter, images)));

  return [
    xhtmlFile('titlepage', TITLEPAGE_HREF, renderTitlePage(front.titlePage, front.displayTitle, lang)),
    xhtmlFile('copyright', COPYRIGHT_HREF, renderCopyrightPage(front.copyright, lang)),
    ...(front.board.length > 0 ? [xhtmlFile('board', BOARD_HREF, renderBoardPage(front.board, lang))] : []),
    ...book.front.map(chapterFile),
    xhtmlFile('nav', NAV_HREF, renderNav(toc, landmarks, lang), true, 'nav'),
    ...book.parts.flatMap((part) => [
      xhtmlFile(part.id, textHref(part.id), renderPartPage(part, textHref(part.id), lang)),
      ...part.chapters.map(chapterFile),
    ]),
  ];
}

export async function writeEpub(book: Book, front: FrontPages, ctx: BuildContext): Promise<Uint8Array> {
  const glyphs = collectGlyphs(book, front, { body: BODY_EXTRA_TEXT, heading: HEADING_EXTRA_TEXT });
  const [fonts, images] = await Promise.all([embedFonts(ctx.fonts, glyphs), collectImages(book)]);
  const identifier = packageIdentifier(book.meta);

  const documents = contentDocuments(book, front, images);
  const files: PackageFile[] = [
    ...documents,
    {
      id: NCX_ID,
      href: NCX_HREF,
      mediaType: 'application/x-dtbncx+xml',
      inSpine: false,
      data: renderNcx({ identifier, title: front.displayTitle, language: book.meta.language, toc: buildToc(book) }),
    },
    { id: 'css', href: CSS_HREF, mediaType: 'text/css', inSpine: false, data: await renderCss(fonts, ctx.fonts) },
    ...fonts.map((font) => ({
      id: `font-${font.role}-${font.weight}`,
      href: font.href,
      mediaType: FONT_MEDIA_TYPE,
      inSpine: false,
      data: font.bytes,
    })),
    ...images.images.map((image, i) => ({
      id: `img${String(i + 1).padStart(3, '0')}`,
      href: image.href,
      mediaType: image.mediaType,
      inSpine: false,
      data: image.bytes,
    })),
  ];

  const opf = renderOpf({
    meta: book.meta,
    front,
    buildDate: ctx.buildDate,
    manifest: files,
    spine: documents.filter((d) => d.inSpine).map((d) => d.id),
    ncxId: NCX_ID,
    hasImages: images.images.length > 0,
  });

  const encoder = new TextEncoder();
  const bytes = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);
  const entries: ZipEntry[] = [
    { path: CONTAINER_PATH, data: bytes(renderContainer()) },
    { path: APPLE_OPTIONS_PATH, data: bytes(renderAppleDisplayOptions()) },
    { path: OPF_PATH, data: bytes(opf) },
    ...files.map((file) => ({ path: inPackage(file.href), data: bytes(file.data) })),
  ];
  return zipEpub(entries, ctx.buildDate);
}
