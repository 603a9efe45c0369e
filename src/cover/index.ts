/**
 * The cover spread for the printer (`hanpress build --print` → `<slug>-cover.pdf`): one page,
 * back + spine + front (+ flaps), 3 mm bleed round the whole spread, crop and fold marks,
 * PDF/X like the book block. The spine is (pages ÷ 2) × caliper wide; the back carries the
 * blurb, the ISBN bar code and the price; the front is the project's cover.jpg placed to bleed,
 * or a generated design in K and the book's one colour.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSharp } from '../images/sharp.js';
import type { BuildContext } from '../pipeline/context.js';
import type { FrontPages } from '../derive/front-pages.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { COVER_FILE } from '../images/cover.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Book } from '../model/book.js';
import { PROFILE_FILE } from '../print/icc.js';
import type { ResolvedIntent } from '../print/intent.js';
import { BLACK, PAPER, type Cmyk } from '../print/ink.js';
import { createPdfKit, pdfKitBytes, type PdfKitDoc } from '../print/pdfkit.js';
import { defaultOutputIntent, finishPdfx, type PdfxStandard } from '../print/pdfx.js';
import { ean13 } from './barcode.js';
import { barcodeBlockHeight, centred, drawBarcode, drawMarks, drawSpine, FACES } from './draw.js';
import { coverLayout, pdfBoxes, type CoverLayout } from './layout.js';
import { DEFAULT_PAPER, spineWidth, type SpineWidth } from './paper.js';
import { DEFAULT_SPINE_MINIMUM_MM, planSpine, type SpinePlan } from './spine.js';
import { mm } from './units.js';

/** A deep red that prints well as one flat colour (M + Y + a little K). */
export const DEFAULT_COVER_COLOUR: Cmyk = [0, 90, 85, 15];
/** A front image under this resolution at its printed size gets a warning. */
export const MIN_COVER_PPI = 300;

export interface CoverInput {
  book: Book;
  front: FrontPages;
  ctx: BuildContext;
  /** Pages of the book block. */
  pages: number;
  /** The book block's trimmed page, points. */
  trimWidth: number;
  trimHeight: number;
  standard: PdfxStandard;
  /** The output intent, and its profile as a file to separate the cover image with. */
  intent?: ResolvedIntent;
  /** book.yaml with positions, for warnings that point at a line. */
  metaSource?: YamlSource;
}

export interface CoverOutput {
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
  spine: SpineWidth;
  layout: CoverLayout;
  plan: SpinePlan;
  /** Top left of the bar code's quiet zone and where its bars start (top-down points), for tests. */
  barcode: { x: number; barsTop: number };
}

function registerFonts(doc: PdfKitDoc, ctx: BuildContext): void {
  const face = (name: string, f: { path: string; postscriptName?: string }): void => {
    doc.registerFont(name, f.path, f.postscriptName);
  };
  face(FACES.serif, ctx.fonts.body.normal);
  face(FACES.serifBold, ctx.fonts.body.bold);
  face(FACES.sans, ctx.fonts.heading.normal);
  face(FACES.sansBold, ctx.fonts.heading.bold);
}

/** The largest size ≤ max at which `text` fits `width` in the face. */
function fitSize(doc: PdfKitDoc, face: string, text: string, width: number, max: number): number {
  doc.font(face).fontSize(max);
  const natural = doc.widthOfString(text);
  return natural <= width ? max : Math.floor(((max * width) / natural) * 2) / 2;
}

function drawGeneratedFront(doc: PdfKitDoc, layout: CoverLayout, input: CoverInput, colour: Cmyk): void {
  const { front, trim, bleed } = layout;
  const page = input.front.titlePage;
  const meta = input.book.meta;
  const right = front.x + front.width + (layout.flaps ? 0 : bleed);
  const bandBottom = trim.y + trim.height * 0.46;
  doc.rect(front.x, trim.y - bleed, right - front.x, bandBottom - (trim.y - bleed)).fill(colour);
  const centre = front.x + front.width / 2;
  const measure = front.width * 0.8;
  const title = `${page.main}${page.partNumber ?? ''}`;
  const titleSize = fitSize(doc, FACES.sansBold, title, measure, 44);
  let y = trim.y + trim.height * 0.12;
  centred(doc, FACES.sansBold, titleSize, PAPER, title, centre, y);
  y += titleSize * 1.6;
  if (meta.title.partName) {
    const size = fitSize(doc, FACES.sans, meta.title.partName, measure, titleSize * 0.42);
    centred(doc, FACES.sans, size, PAPER, meta.title.partName, centre, y);
    y += size * 1.7;
  }
  if (meta.title.otherInfo) centred(doc, FACES.sans, titleSize * 0.34, PAPER, `（${meta.title.otherInfo}）`, centre, y);
  let ry = trim.y + trim.height * 0.56;
  for (const line of page.responsibility) {
    centred(doc, FACES.serif, 14, BLACK, line, centre, ry);
    ry += 14 * 1.6;
  }
  const publisherSize = 14;
  centred(doc, FACES.sansBold, publisherSize, BLACK, page.publisher, centre, trim.y + trim.height - mm(22) - publisherSize);
}

/** The project's cover.jpg, separated to CMYK with the output profile and placed to bleed. */
async function drawImageFront(doc: PdfKitDoc, layout: CoverLayout, file: string, profilePath: string, diagnostics: Diagnostic[], root: string): Promise<void> {
  const { front, trim, bleed } = layout;
  const x = front.x;
  const y = trim.y - bleed;
  const width = front.width + (layout.flaps ? 0 : bleed);
  const height = trim.height + 2 * bleed;
  const sharp = await loadSharp();
  const image = sharp(file).rotate().flatten({ background: '#ffffff' });
  const meta = await image.metadata();
  const cmyk = await image.withIccProfile(profilePath).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer();
  const pixels = { width: meta.autoOrient?.width ?? meta.width ?? 0, height: meta.autoOrient?.height ?? meta.height ?? 0 };
  // Placed to cover the area: the scale is set by the tighter side.
  const scale = Math.max(width / pixels.width, height / pixels.height);
  const ppi = 72 / scale;
  if (ppi < MIN_COVER_PPI) {
    diagnostics.push(
      diagnostic('cover/image-resolution', {
        file: path.relative(root, file),
        message: `${COVER_FILE} is ${pixels.width}×${pixels.height} px: ${Math.round(ppi)} ppi on the printed front cover, under ${MIN_COVER_PPI}.`,
        hint: `For ${Math.round((width / 72) * 25.4)}×${Math.round((height / 72) * 25.4)} mm with bleed, supply at least ${Math.ceil((width / 72) * MIN_COVER_PPI)}×${Math.ceil((height / 72) * MIN_COVER_PPI)} px.`,
      }),
    );
  }
  doc.save().rect(x, y, width, height).clip();
  doc.image(cmyk, x, y, { cover: [width, height], align: 'center', valign: 'center' });
  doc.restore();
}

function drawBack(doc: PdfKitDoc, layout: CoverLayout, input: CoverInput): { x: number; barsTop: number } {
  const { back, trim } = layout;
  const meta = input.book.meta;
  const blurb = meta.cover?.blurb;
  if (blurb) {
    doc.font(FACES.serif).fontSize(10.5).fillColor(BLACK);
    doc.text(blurb, back.x + mm(20), trim.y + mm(25), { width: back.width - mm(40), height: trim.height * 0.55, lineGap: 6, align: 'justify' });
  }
  const code = ean13(meta.isbn);
  const x = back.x + back.width - mm(15) - code.width;
  const top = trim.y + trim.height - mm(15) - barcodeBlockHeight(code);
  const drawn = drawBarcode(doc, code, x, top, `ISBN ${meta.isbn}`, `定价：${meta.price}元`);
  return { x, barsTop: drawn.barsTop };
}

function spineDiagnostics(spine: SpineWidth, plan: SpinePlan, input: CoverInput, minimum: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (keys: string[]): Partial<Diagnostic> =>
    input.metaSource ? { file: input.metaSource.file, ...input.metaSource.positionOf(keys) } : {};
  if (spine.source === 'default') {
    out.push(
      diagnostic('cover/no-caliper', {
        ...where(['print']),
        message: `book.yaml gives neither print.caliper nor print.paperWeight: the spine is computed for ${DEFAULT_PAPER.weight} g ${DEFAULT_PAPER.kind} (${spine.caliper.toFixed(4)} mm a leaf), ${spine.mm} mm.`,
      }),
    );
  }
  if (plan.narrow) {
    out.push(
      diagnostic('cover/spine-too-narrow', {
        ...where(input.book.meta.cover?.spineMinimum !== undefined ? ['cover', 'spineMinimum'] : ['print']),
        message:
          spine.mm < minimum
            ? `The spine is ${spine.mm} mm (${spine.leaves} leaves × ${spine.caliper.toFixed(4)} mm), under the ${minimum} mm its text needs: it is printed without text.`
            : `The spine text does not fit a ${spine.mm} mm spine even at the smallest size: it is printed without text.`,
      }),
    );
  }
  return out;
}

export async function buildCover(input: CoverInput): Promise<CoverOutput> {
  const { book, ctx } = input;
  const meta = book.meta;
  const spine = spineWidth(input.pages, meta.print);
  const layout = coverLayout({ trimWidth: input.trimWidth, trimHeight: input.trimHeight, spineMm: spine.mm, ...(meta.cover?.flaps ? { flapMm: meta.cover.flaps } : {}) });
  const diagnostics: Diagnostic[] = [];
  const doc = createPdfKit({
    size: [layout.sheet.width, layout.sheet.height],
    margin: 0,
    pdfVersion: input.standard === 'x1a' ? '1.4' : '1.6',
    compress: true,
    lang: meta.language,
    info: {
      Title: `${input.front.displayTitle}（封面）`,
      Author: meta.contributors.filter((c) => c.primary).map((c) => c.name).join('，'),
      Creator: 'hanpress',
      Producer: 'hanpress (PDFKit)',
      CreationDate: ctx.buildDate,
      ModDate: ctx.buildDate,
    },
  });
  registerFonts(doc, ctx);
  const colour = meta.cover?.colour ?? DEFAULT_COVER_COLOUR;
  const imageFile = path.join(book.root, COVER_FILE);
  const intent = input.intent ?? { intent: defaultOutputIntent(), profilePath: fileURLToPath(PROFILE_FILE) };
  if (existsSync(imageFile)) await drawImageFront(doc, layout, imageFile, intent.profilePath, diagnostics, book.root);
  else drawGeneratedFront(doc, layout, input, colour);
  const minimum = meta.cover?.spineMinimum ?? DEFAULT_SPINE_MINIMUM_MM;
  const responsibility = input.front.titlePage.responsibility[0];
  const plan = planSpine({
    width: layout.spine.width,
    height: layout.trim.height,
    minimumMm: minimum,
    title: `${meta.title.main}${meta.title.partNumber ?? ''}`,
    ...(meta.title.partName ? { subtitle: meta.title.partName } : {}),
    ...(responsibility ? { responsibility } : {}),
    publisher: meta.publisher.name,
    measure: (text, size) => doc.font(FACES.sans).fontSize(size).widthOfString(text),
  });
  drawSpine(doc, layout, plan);
  const barcode = drawBack(doc, layout, input);
  drawMarks(doc, layout);
  diagnostics.push(...spineDiagnostics(spine, plan, input, minimum));
  const boxes = pdfBoxes(layout);
  const bytes = await finishPdfx(await pdfKitBytes(doc), {
    standard: input.standard,
    intent: intent.intent,
    identity: `${meta.isbn} cover`,
    title: `${input.front.displayTitle}（封面）`,
    boxes: () => boxes,
  });
  return { bytes, diagnostics, spine, layout, plan, barcode };
}
