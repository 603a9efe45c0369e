/**
 * The EPUB 3 writer: Book + generated front pages → the bytes of a valid .epub. Pure apart
 * from reading the font files, images and the CSS template; the caller writes the file.
 */
import type { BuildContext } from '../../pipeline/context.js';
import type { FrontPages } from '../../derive/front-pages.js';
import { collectGlyphs } from '../../fonts/glyphs.js';
import { bookTextRoles } from '../../fonts/text-roles.js';
import { coverImage } from '../../images/cover.js';
import { allChapters, type Book, type Chapter } from '../../model/book.js';
import type { PrintPagination } from '../../model/pagination.js';
import { chapterHasMaths } from '../../model/walk.js';
import { digestOf } from '../../pipeline/cache-key.js';
import { NO_MEMO, type StepMemo } from '../../pipeline/memo.js';
import { renderCoverPage } from './cover-page.js';
import { markersByBlock, pageTargets, type PageTarget } from './page-breaks.js';
import { chapterHref, renderChapter } from './chapter.js';
import { resolveStructure } from '../../kinds/presets.js';
import { articleNumbers } from '../../kinds/article-inlines.js';
import { APPLE_OPTIONS_PATH, CONTAINER_PATH, renderAppleDisplayOptions, renderContainer } from './container.js';
import { renderCss } from './css.js';
import { embedFonts, FONT_MEDIA_TYPE, type EmbeddedFonts } from './fonts.js';
import { renderBoardPage, renderCopyrightPage, renderPartPage, renderTitlePage } from './generated-pages.js';
import { collectImages, type EmbeddedImage, type ImageCatalogue } from './images.js';
import { BODY_EXTRA_TEXT, HEADING_EXTRA_TEXT, LABELS } from './labels.js';
import { markdownLinkResolver } from './links.js';
import { renderNav, type Landmark } from './nav.js';
import { renderNcx } from './ncx.js';
import { packageIdentifier, renderOpf, type ManifestItem } from './opf.js';
import {
  BOARD_HREF,
  COPYRIGHT_HREF,
  COVER_HREF,
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
const COVER_IMAGE_ID = 'cover-image';

/** A file of the package: manifest entry and its content. */
interface PackageFile extends ManifestItem {
  data: Uint8Array | string;
  inSpine: boolean;
}

function xhtmlFile(id: string, href: string, data: string, inSpine = true, properties?: string): PackageFile {
  return { id, href, mediaType: XHTML, data, inSpine, properties };
}

/** What one build's documents share: images, the print pages, the cover. */
interface Assets {
  images: ImageCatalogue;
  pages: PageTarget[];
  cover: EmbeddedImage;
}

function renderContext(book: Book, chapter: Chapter, assets: Assets): RenderContext {
  const resolveLink = markdownLinkResolver(book);
  const { images, pages } = assets;
  return {
    pageBreaks: markersByBlock(pages, chapter.id),
    href: chapterHref(chapter),
    linkHref: (href) => resolveLink(chapter, href),
    image: (src) => images.imageOf(chapter, src),
    structure: resolveStructure(book.design),
  };
}

/** Content documents in reading order; the nav sits after the preface like the printed 目录. */
function contentDocuments(book: Book, front: FrontPages, assets: Assets, memo: StepMemo): PackageFile[] {
  const lang = book.meta.language;
  const toc = buildToc(book);
  const firstPart = book.parts[0];
  const landmarks: Landmark[] = [
    { type: 'cover', label: LABELS.cover, href: COVER_HREF },
    { type: 'titlepage', label: LABELS.titlePage, href: TITLEPAGE_HREF },
    { type: 'copyright-page', label: LABELS.copyrightPage, href: COPYRIGHT_HREF },
    { type: 'toc', label: LABELS.toc, href: `${NAV_HREF}#toc` },
    ...(firstPart ? [{ type: 'bodymatter', label: LABELS.bodyMatter, href: textHref(firstPart.id) }] : []),
  ];
  // A chapter's document depends on the chapter, its print page breaks, the other chapters'
  // files (links) and the images' hrefs and sizes: the cache key names them all.
  const files = allChapters(book).map((c) => [c.id, c.file]);
  const imageRefs = assets.images.images.map(({ href, width, height }) => [href, width, height]);
  const chapterFile = (chapter: Chapter): PackageFile => {
    const cx = renderContext(book, chapter, assets);
    // Written out (toJSON) only by a memo that keys its steps: without a cache (--no-cache) the
    // chapter's digest, a whole chapter as JSON, is not made (4 % of the EPUB's CPU on 水浒传).
    const inputs = { toJSON: () => ({ chapter: digestOf(chapter), id: chapter.id, lang, breaks: cx.pageBreaks, files, imageRefs }) };
    return xhtmlFile(chapter.id, chapterHref(chapter), memo.get('epub-chapter', inputs, () => renderChapter(chapter, lang, cx)), true, chapterHasMaths(chapter) ? 'mathml' : undefined);
  };

  return [
    xhtmlFile('cover', COVER_HREF, renderCoverPage(assets.cover.href, front.displayTitle, lang)),
    xhtmlFile('titlepage', TITLEPAGE_HREF, renderTitlePage(front.titlePage, front.displayTitle, lang)),
    xhtmlFile('copyright', COPYRIGHT_HREF, renderCopyrightPage(front.copyright, lang)),
    ...(front.board.length > 0 ? [xhtmlFile('board', BOARD_HREF, renderBoardPage(front.board, lang))] : []),
    ...book.front.map(chapterFile),
    // The nav is a pure function of these: with 1 000 print pages in its page-list, making it
    // anew cost a rebuild a tenth of a second.
    xhtmlFile('nav', NAV_HREF, memo.get('epub-nav', { toc, landmarks, lang, pages: assets.pages }, () => renderNav(toc, landmarks, lang, assets.pages)), true, 'nav'),
    ...book.parts.flatMap((part) => [
      xhtmlFile(part.id, textHref(part.id), renderPartPage(part, textHref(part.id), lang)),
      ...part.chapters.map(chapterFile),
    ]),
  ];
}

/** Marks that point at a chapter and block this book has; anything else would dangle. */
function validTargets(book: Book, pagination: PrintPagination | undefined): PageTarget[] {
  const blocks = new Map(allChapters(book).map((c) => [c.id, c.blocks.length]));
  return pageTargets(pagination).filter((t) => t.blockIndex >= -1 && t.blockIndex < (blocks.get(t.chapterId) ?? -1));
}

/**
 * The EPUB's font subsets and the book's text roles, through the cache across runs: the build
 * session may make them beside the PDF (in another thread), under the same key. `thread`:
 * subset in a thread of their own that ends when they are made (src/fonts/subset-thread.ts).
 */
export async function epubFonts(book: Book, front: FrontPages, ctx: BuildContext, options: { thread?: boolean; started?: () => void } = {}): Promise<{ fonts: EmbeddedFonts; roles: Awaited<ReturnType<typeof bookTextRoles>> }> {
  const memo = ctx.memo ?? NO_MEMO;
  // A law book's article numbers are set in the heading face (.article-number).
  const articles = resolveStructure(book.design).articleNumbers ? articleNumbers(allChapters(book).flatMap((c) => c.blocks)) : [];
  const roles = await bookTextRoles(book);
  const glyphs = collectGlyphs(book, front, { body: BODY_EXTRA_TEXT, heading: [...HEADING_EXTRA_TEXT, ...articles] }, undefined, roles);
  // Subsetting is most of the EPUB's time, and the glyph sets rarely change with an edit.
  return { fonts: await memo.getAsync('epub-fonts', { fonts: ctx.fonts, glyphs }, () => embedFonts(ctx.fonts, glyphs, options)), roles };
}

/** What the worker beside the PDF began before the EPUB was asked for. */
export interface EpubBegun {
  /** Awaited before the zip is made: the deflating of the font subsets begun ahead, so the zip takes those bytes instead of deflating the fonts again. */
  ready?: Promise<void>;
  /** epubFonts of the same book and front pages, asked for before (collecting the glyphs again cost a tenth of a second). */
  fonts?: ReturnType<typeof epubFonts>;
}

/**
 * `pagination`, when the PDF was laid out in the same run, adds the print edition's page-list
 * and page-break markers and names the print ISBN as the source of the pagination; `begun`,
 * what the worker beside the PDF has under way.
 */
export async function writeEpub(book: Book, front: FrontPages, ctx: BuildContext, pagination?: PrintPagination, begun: EpubBegun = {}): Promise<Uint8Array> {
  const memo = ctx.memo ?? NO_MEMO;
  // The chapters' documents need no font: they are made while the subsets may still be in the
  // making (beside the PDF, the EPUB is the last thing a build waits for).
  const subsets = begun.fonts ?? epubFonts(book, front, ctx);
  subsets.catch(() => undefined);
  const [images, coverImg] = await Promise.all([collectImages(book), coverImage(book.root, front.titlePage, ctx.fonts, memo)]);
  const identifier = packageIdentifier(book.meta);
  const cover: EmbeddedImage = { ...coverImg, href: `images/cover${coverImg.extension}` };
  const pages = validTargets(book, pagination);

  const documents = contentDocuments(book, front, { images, pages, cover }, memo);
  const { fonts: embedded, roles } = await subsets;
  const files: PackageFile[] = [
    ...documents,
    {
      id: NCX_ID,
      href: NCX_HREF,
      mediaType: 'application/x-dtbncx+xml',
      inSpine: false,
      data: renderNcx({ identifier, title: front.displayTitle, language: book.meta.language, toc: buildToc(book) }),
    },
    { id: 'css', href: CSS_HREF, mediaType: 'text/css', inSpine: false, data: await renderCss(embedded, ctx.fonts, roles) },
    ...embedded.fonts.map((font) => ({
      id: `font-${font.href.replace(/^fonts\/|\.ttf$/g, "")}`,
      href: font.href,
      mediaType: FONT_MEDIA_TYPE,
      inSpine: false,
      data: font.bytes,
    })),
    { id: COVER_IMAGE_ID, href: cover.href, mediaType: cover.mediaType, inSpine: false, data: cover.bytes, properties: 'cover-image' },
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
    coverImageId: COVER_IMAGE_ID,
    pagination: pages.length > 0 && pagination ? { isbn: pagination.isbn } : undefined,
  });

  const encoder = new TextEncoder();
  const bytes = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);
  const entries: ZipEntry[] = [
    { path: CONTAINER_PATH, data: bytes(renderContainer()) },
    { path: APPLE_OPTIONS_PATH, data: bytes(renderAppleDisplayOptions()) },
    { path: OPF_PATH, data: bytes(opf) },
    ...files.map((file) => ({ path: inPackage(file.href), data: bytes(file.data) })),
  ];
  await begun.ready;
  return zipEpub(entries, ctx.buildDate, ctx.zipCache);
}
