/**
 * Positioned pages → PDF bytes, with hanpress's own writer. Nothing is laid out here: every
 * line, rule, image and destination arrives at its place (src/typeset); this module adds the
 * page's margins (mirrored on versos) and the bleed, and writes the file front to back: each
 * page's content stream (page-stream.ts, cached by content), resources and annotations go out
 * as the page is rendered; fonts, outline, destinations and catalog follow the last page.
 */
import type { FontBook } from '../../typeset/fonts.js';
import type { PageGeometry } from '../../typeset/geometry.js';
import type { Page, PageItem } from '../../typeset/model.js';
import { markedItems } from '../../typeset/page-body.js';
import { destinations, linkAnnotations, type Destination } from './annotations.js';
import { PdfFile, memorySink } from './file.js';
import { EmbeddedFont, type PreparedFont } from './font-embed.js';
import { writeImage } from './image-objects.js';
import type { PdfImages } from './images.js';
import { Outline } from './outline.js';
import { pageStreamAsync, type PageCache } from './page-cache.js';
import { deflateThread, HERE_DEFLATER, POOL_DEFLATER, type Deflater } from './deflate-thread.js';
import { fontResource, imageResource, opacityOf, REGISTRATION_RESOURCE, type Frame, type Ink, type PageStream } from './page-stream.js';
import { cropMarkLines, pageBoxes, type Box, type PrintBoxOptions } from './print-boxes.js';
import { name, pdfDate, serialize, textString, type PdfDict, type PdfValue, type Ref } from './syntax.js';

export interface RenderOptions {
  info: Record<string, string | Date>;
  language: string;
  boxes: PrintBoxOptions;
  /** K-only ink (the print book block) instead of RGB black. */
  ink?: boolean;
  /** The XMP packet for the catalog's /Metadata. */
  xmp?: string;
  /** Page content streams by content hash (page-cache.ts). */
  pageCache?: PageCache;
  /**
   * Deflate the streams in a thread of the writer's own (deflate-thread.ts): true from the
   * first page, false never; by default once DEFLATE_THREAD_AFTER pages have been drawn.
   */
  deflateThread?: boolean;
  /**
   * Deflate every stream on this thread: another thread has the other core's work (the EPUB
   * made beside, which then ends the build), and this one has time to spare before it does.
   */
  deflateHere?: boolean;
}

/**
 * Pages drawn (not taken from the cache) before the deflate thread starts, their streams
 * deflated in libuv's pool: a short book, or a rebuild that draws a chapter again, does not
 * pay for the thread's start (some tens of milliseconds of the other core).
 */
export const DEFLATE_THREAD_AFTER = 32;

/** Pages drawn ahead of the page being written (their streams deflating meanwhile). */
const DRAWN_AHEAD = 16;
/** Pages drawn one after another, their streams sent to the deflate thread in one message. */
const SENT_TOGETHER = 8;

/** The registration colour: a separation every plate carries, so crop marks show on each. */
const REGISTRATION: PdfValue = [name('Separation'), name('All'), name('DeviceCMYK'), { FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }];

class Resources {
  readonly fonts = new Map<string, EmbeddedFont>();
  readonly images = new Map<string, Ref>();
  readonly states = new Map<string, Ref>();
  registration?: Ref;

  constructor(
    private readonly file: PdfFile,
    private readonly book: FontBook,
    private readonly pictures: PdfImages,
  ) {}

  /** The page's resource dictionary; images are written the first time a page draws them. */
  async of(stream: PageStream): Promise<PdfDict> {
    const fonts: PdfDict = {};
    for (const [faceId, glyphs] of Object.entries(stream.fonts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      let font = this.fonts.get(faceId);
      if (!font) {
        const face = this.book.all().find((f) => f.id === faceId);
        if (!face) throw new Error(`internal: page draws with unknown face ${faceId}`);
        this.fonts.set(faceId, (font = new EmbeddedFont(face, this.file.reserve())));
      }
      font.use(glyphs);
      fonts[fontResource(faceId)] = font.ref;
    }
    const xobjects: PdfDict = {};
    for (const key of stream.images) {
      let ref = this.images.get(key);
      const image = this.pictures.get(key);
      if (!ref && image) this.images.set(key, (ref = await writeImage(this.file, image)));
      if (ref) xobjects[imageResource(key)] = ref;
    }
    if (stream.registration) this.registration ??= this.file.object(serialize(REGISTRATION));
    const states: PdfDict = {};
    for (const state of stream.states ?? []) {
      let ref = this.states.get(state);
      if (!ref) {
        const { key, value } = opacityOf(state);
        this.states.set(state, (ref = this.file.object({ Type: name('ExtGState'), [key]: value })));
      }
      states[state] = ref;
    }
    return {
      Font: Object.keys(fonts).length ? fonts : undefined,
      XObject: stream.images.length ? xobjects : undefined,
      ColorSpace: stream.registration ? { [REGISTRATION_RESOURCE]: this.registration } : undefined,
      ExtGState: Object.keys(states).length ? states : undefined,
    };
  }
}

function infoDictionary(info: Record<string, string | Date>): PdfDict {
  const out: PdfDict = {};
  for (const [key, value] of Object.entries(info)) out[key] = value instanceof Date ? pdfDate(value) : textString(value);
  return out;
}

/** The /Dests name tree as one node: names sorted by their bytes, as the tree requires. */
function destsTree(dests: Array<Destination & { page: Ref }>): PdfDict {
  const byName = new Map<string, PdfValue>();
  for (const d of dests) if (!byName.has(d.name)) byName.set(d.name, [d.page, name('XYZ'), d.x, d.y, null]);
  const keyed = [...byName].map(([n, dest]) => ({ key: textString(n), dest }));
  // A text string is ASCII (a literal or hex, syntax.ts): its code units are its bytes, so
  // comparing the strings compares the bytes, without two Buffers a comparison.
  keyed.sort((a, b) => (a.key.text < b.key.text ? -1 : a.key.text > b.key.text ? 1 : 0));
  return { Names: keyed.flatMap(({ key, dest }) => [key, dest]) };
}

export async function renderPages(pages: Page[], fonts: FontBook, geometry: PageGeometry, images: PdfImages, options: RenderOptions): Promise<Uint8Array> {
  const deflater = options.deflateHere ? HERE_DEFLATER : options.deflateThread === false ? POOL_DEFLATER : deflateThread(options.deflateThread ? 0 : DEFLATE_THREAD_AFTER);
  try {
    return await writePages(pages, fonts, geometry, images, options, deflater);
  } finally {
    deflater.close();
  }
}

async function writePages(pages: Page[], fonts: FontBook, geometry: PageGeometry, images: PdfImages, options: RenderOptions, deflater: Deflater): Promise<Uint8Array> {
  const { sink, bytes } = memorySink();
  const file = new PdfFile(sink, '1.7');
  const pagesRef = file.reserve();
  const resources = new Resources(file, fonts, images);
  const outline = new Outline();
  const dests: Array<Destination & { page: Ref }> = [];
  const kids: Ref[] = [];

  const boxes = pageBoxes(geometry.width, geometry.height, options.boxes);
  const origin = -boxes.mediaBox[0];
  const sheetWidth = boxes.mediaBox[2] - boxes.mediaBox[0];
  const sheetHeight = boxes.mediaBox[3] - boxes.mediaBox[1];
  const shift = (box: Box): number[] => box.map((n) => Math.round((n + origin) * 1000) / 1000);
  const marks = options.boxes.cropMarks
    ? cropMarkLines(geometry.width, geometry.height, options.boxes.bleedMm).map((l) => ({ x1: origin + l.x1, y1: origin + l.y1, x2: origin + l.x2, y2: origin + l.y2 }))
    : undefined;
  const ink: Ink = { cmyk: options.ink ?? false, ...(marks ? { marks } : {}) };
  // A figure whose file was left out (see images.ts) is not drawn.
  const shown = (key: string): boolean => images.has(key);
  const drawable = (item: PageItem): boolean => item.kind !== 'image' || shown(item.image.key);

  const frameOf = (page: Page): Frame => ({ x: origin + (page.number % 2 === 1 ? geometry.inner : geometry.outer), y: origin + geometry.top, sheetHeight });
  // Pages are drawn ahead of the one written, so their streams deflate in another thread
  // while this thread draws (deflate-thread.ts); they are written in order. They are drawn
  // SENT_TOGETHER at a time (their streams go to the thread in one message), and at most
  // DRAWN_AHEAD + SENT_TOGETHER are held.
  const streams = new Map<number, Promise<PageStream>>();
  // A page's deflate ticket: when its turn comes and the thread has not sent its stream back,
  // this thread deflates it rather than wait (Deflater.hurry).
  const tickets = new Map<number, number>();
  const drawAhead = (from: number, count: number): void => {
    for (let i = from; i < from + count && i < pages.length; i++) {
      const page = pages[i] as Page;
      if (streams.has(i)) continue;
      const ticket = deflater.requested;
      const stream = pageStreamAsync(page, frameOf(page), ink, fonts, drawable, shown, options.pageCache, deflater);
      if (deflater.requested > ticket) tickets.set(i, ticket);
      // A page that fails is reported when its turn comes, not as an unhandled rejection before.
      stream.catch(() => {});
      streams.set(i, stream);
    }
  };
  drawAhead(0, DRAWN_AHEAD);

  for (const [i, page] of pages.entries()) {
    const frame = frameOf(page);
    // Links and destinations only: a page drawn from the cache is not looked into (page-body.ts).
    const items = markedItems(page);
    if (i % SENT_TOGETHER === 0) drawAhead(i + DRAWN_AHEAD, SENT_TOGETHER);
    drawAhead(i, 1);
    const ticket = tickets.get(i);
    if (ticket !== undefined) {
      tickets.delete(i);
      await deflater.hurry(ticket);
    }
    const stream = await (streams.get(i) as Promise<PageStream>);
    streams.delete(i);
    const contents = file.stream({ Filter: name('FlateDecode') }, stream.data);
    const pageResources = await resources.of(stream);
    const annots = linkAnnotations(items, frame).map((annot) => file.object(annot));
    const ref = file.reserve();
    for (const dest of destinations(items, frame)) dests.push({ ...dest, page: ref });
    for (const entry of page.outline) outline.add(entry, ref, origin, sheetHeight - origin);
    file.object(
      {
        Type: name('Page'),
        Parent: pagesRef,
        MediaBox: [0, 0, sheetWidth, sheetHeight].map((n) => Math.round(n * 1000) / 1000),
        TrimBox: shift(boxes.trimBox),
        BleedBox: shift(boxes.bleedBox),
        CropBox: boxes.cropBox ? shift(boxes.cropBox) : undefined,
        Resources: pageResources,
        Contents: contents,
        Annots: annots.length ? annots : undefined,
      },
      ref,
    );
    kids.push(ref);
  }

  // Each font's subset and ToUnicode CMap deflate in the deflate thread while this thread
  // subsets the next font and sets out the /Dests tree; they are written in the same order.
  const fontsUsed = [...resources.fonts.values()];
  const fontTickets: number[][] = [];
  const prepared = fontsUsed.map((font) => {
    const first = deflater.requested;
    const made = font.prepare(deflater, options.pageCache);
    fontTickets.push(Array.from({ length: deflater.requested - first }, (_, k) => first + k));
    return made;
  });
  // One that fails is reported when its turn comes, not as an unhandled rejection before.
  for (const p of prepared) for (const made of [p.data, p.toUnicode]) made.catch(() => {});
  const destNames = dests.length ? destsTree(dests) : undefined;
  for (const [i, font] of fontsUsed.entries()) {
    for (const ticket of fontTickets[i] ?? []) await deflater.hurry(ticket);
    const { codes, data, toUnicode } = prepared[i] as PreparedFont;
    font.write(file, { codes, data: await data, toUnicode: await toUnicode });
  }
  file.object({ Type: name('Pages'), Kids: kids, Count: kids.length }, pagesRef);
  const outlines = outline.empty ? undefined : outline.write(file);
  const metadata = options.xmp === undefined ? undefined : file.stream({ Type: name('Metadata'), Subtype: name('XML') }, Buffer.from(options.xmp, 'utf8'));
  const info = file.object(infoDictionary(options.info));
  const catalog = file.object({
    Type: name('Catalog'),
    Pages: pagesRef,
    Outlines: outlines,
    PageMode: outlines ? name('UseOutlines') : undefined,
    Names: destNames ? { Dests: destNames } : undefined,
    Lang: options.language,
    ViewerPreferences: { DisplayDocTitle: true },
    Metadata: metadata,
  });
  file.finish({ Root: catalog, Info: info });
  return bytes();
}


