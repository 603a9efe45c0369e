/**
 * Drawing the cover spread with pdfkit, in ink only: K for type, rules and the bar code, the
 * book's one colour for the front band, paper (no ink) for reversed type and the bar code's
 * quiet zone, registration for the marks. Positions come from layout.ts, spine.ts and
 * barcode.ts; nothing here decides geometry.
 */
import { BLACK, PAPER, type Cmyk } from '../print/ink.js';
import type { PdfKitDoc } from '../print/pdfkit.js';
import type { Ean13 } from './barcode.js';
import { marks, type CoverLayout, type Line } from './layout.js';
import type { SpinePlan } from './spine.js';
import { mm } from './units.js';

export const FACES = { serif: 'cover-serif', serifBold: 'cover-serif-bold', sans: 'cover-sans', sansBold: 'cover-sans-bold' } as const;
export type Face = (typeof FACES)[keyof typeof FACES];

/** The colour every printing plate carries: marks drawn in it show on each separation. */
const REGISTRATION = 'All';
const MARK_WIDTH_PT = 0.25;

function strokeLines(doc: PdfKitDoc, lines: Line[]): void {
  for (const l of lines) doc.moveTo(l.x1, l.y1).lineTo(l.x2, l.y2);
  doc.stroke();
}

export function drawMarks(doc: PdfKitDoc, layout: CoverLayout): void {
  const { crop, fold } = marks(layout);
  doc.addSpotColor(REGISTRATION, 100, 100, 100, 100);
  doc.save().lineWidth(MARK_WIDTH_PT).lineCap('butt').strokeColor(REGISTRATION);
  strokeLines(doc, crop);
  doc.dash(mm(1), { space: mm(0.7) });
  strokeLines(doc, fold);
  doc.restore();
}

/** Text set so that `y` is the top of its ideographic em box (baseline 0.88 em below). */
export function textAt(doc: PdfKitDoc, face: Face, size: number, colour: Cmyk, text: string, x: number, y: number, features?: string[]): void {
  doc.font(face).fontSize(size).fillColor(colour);
  doc.text(text, x, y + 0.88 * size, { lineBreak: false, baseline: 'alphabetic', ...(features ? { features } : {}) });
}

/** Text centred on `centre`. */
export function centred(doc: PdfKitDoc, face: Face, size: number, colour: Cmyk, text: string, centre: number, y: number): void {
  doc.font(face).fontSize(size);
  textAt(doc, face, size, colour, text, centre - doc.widthOfString(text) / 2, y);
}

const SPINE_FACE: Record<SpinePlan['lines'][number]['role'], Face> = {
  title: FACES.sansBold,
  subtitle: FACES.sans,
  responsibility: FACES.serif,
  publisher: FACES.sans,
};

export function drawSpine(doc: PdfKitDoc, layout: CoverLayout, plan: SpinePlan): void {
  const axis = layout.spine.x + layout.spine.width / 2;
  for (const line of plan.lines) {
    let y = layout.trim.y + line.top;
    const face = SPINE_FACE[line.role];
    for (const unit of line.units) {
      if (unit.upright && /^\s$/u.test(unit.text)) {
        // An ideographic space is a gap of one em, not a glyph.
      } else if (unit.upright) {
        // `vert` gives the vertical forms of brackets, dashes and stops.
        textAt(doc, face, line.size, BLACK, unit.text, axis - line.size / 2, y, ['vert']);
      } else {
        // A Latin run lies on its side, reading downwards: rotate about its start.
        doc.save().rotate(90, { origin: [axis, y] });
        textAt(doc, face, line.size, BLACK, unit.text, axis, y - line.size / 2);
        doc.restore();
      }
      y += unit.advance;
    }
  }
}

const ISBN_SIZE = 9;
const DIGIT_SIZE = 8.5;
const PRICE_SIZE = 9.5;

/** Height of the block drawBarcode draws: ISBN line, bars, digits, price line. */
export function barcodeBlockHeight(code: Ean13): number {
  return ISBN_SIZE * 1.5 + code.barHeight + code.module + DIGIT_SIZE * 1.45 + PRICE_SIZE * 1.2;
}

/**
 * The bar code with its quiet zones knocked out of anything under them, the ISBN above, the
 * price below; `y` is the block's top. Returns where the bars are, for the tests' decoder.
 */
export function drawBarcode(doc: PdfKitDoc, code: Ean13, x: number, y: number, isbnLine: string, priceLine: string): { barsTop: number } {
  const isbnSize = ISBN_SIZE;
  const digitSize = DIGIT_SIZE;
  const priceSize = PRICE_SIZE;
  const barsTop = y + isbnSize * 1.5;
  const digitsTop = barsTop + code.barHeight + code.module;
  const priceTop = digitsTop + digitSize * 1.45;
  const height = priceTop + priceSize * 1.2 - y;
  // The knockout holds the quiet zones and the ISBN line, whichever is wider.
  const isbnWidth = doc.font(FACES.sans).fontSize(isbnSize).widthOfString(isbnLine) + mm(2);
  const knockout = Math.max(code.width, isbnWidth);
  doc.rect(x + (code.width - knockout) / 2, y - mm(1), knockout, height + mm(2)).fill(PAPER);
  centred(doc, FACES.sans, isbnSize, BLACK, isbnLine, x + code.width / 2, y);
  doc.fillColor(BLACK);
  for (const bar of code.bars) doc.rect(x + bar.x, barsTop, bar.width, bar.guard ? code.guardHeight : code.barHeight);
  doc.fill(BLACK);
  for (const group of code.groups) centred(doc, FACES.sans, digitSize, BLACK, group.text, x + group.centre, digitsTop);
  centred(doc, FACES.sans, priceSize, BLACK, priceLine, x + code.width / 2, priceTop);
  return { barsTop };
}
