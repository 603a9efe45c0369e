/**
 * Positioned pages → PDF bytes with pdfkit. Nothing is laid out here: every line, rule, image
 * and destination arrives at its place (src/typeset); this module only adds the page's margins
 * (mirrored on versos) and the bleed, and draws.
 */
import PDFDocument from 'pdfkit';
import type { Face, FontBook } from '../../typeset/fonts.js';
import { FAKE_BOLD_STROKE, SUP_SCALE } from '../../typeset/fonts.js';
import type { PageGeometry } from '../../typeset/geometry.js';
import type { OutlineEntry, Page, PageItem, TextLine } from '../../typeset/model.js';
import { BLACK, type Cmyk } from '../../print/ink.js';
import { pdfKitBytes } from '../../print/pdfkit.js';
import type { PdfImages } from './images.js';
import { MATH_PLACEHOLDER } from '../../typeset/maths.js';
import { drawVector } from './vector.js';
import { cropMarkLines, MARK_WIDTH_PT, pageBoxes, type PrintBoxOptions } from './print-boxes.js';

/** Ink for text and rules: screen black, or K-only black for the print book block. */
type Ink = string | Cmyk;
/** How far a superscript (note reference) sits above the baseline, in ems of the body size. */
const SUP_RISE = 0.36;
/** The separation every printing plate carries: marks drawn in it show on each plate. */
const REGISTRATION = 'All';

export interface RenderOptions {
  info: Record<string, string | Date>;
  language: string;
  boxes: PrintBoxOptions;
  /** K-only ink (the print book block) instead of RGB black. */
  ink?: boolean;
}

interface Frame {
  /** Page-space x and y of the text block's top-left corner. */
  x: number;
  y: number;
  ink: Ink;
}

function drawLine(doc: PDFDocument, fonts: FontBook, faces: Map<string, Face>, line: TextLine, x: number, baseline: number, ink: Ink): void {
  for (const run of line.runs) {
    const math = run.style.math;
    if (math) {
      // The composer gives the ¼-em space beside a formula the formula's style: only the
      // placeholder itself is drawn, as the formula.
      if (run.text === MATH_PLACEHOLDER) drawVector(doc, fonts, math.graphic, { x: x + run.x, y: baseline - math.ascent, width: math.width, height: math.height }, 'formula', ink !== 'black');
      continue;
    }
    const face = fonts.face(run.style.font, run.style.bold);
    if (!faces.has(face.id)) faces.set(face.id, face);
    const size = run.style.sup ? run.style.size * SUP_SCALE : run.style.size;
    const y = run.style.sup ? baseline - run.style.size * SUP_RISE : baseline;
    doc.font(face.id).fontSize(size);
    // A one-weight face set bold: fill and stroke the glyphs (rendering mode 2), as ctex's AutoFakeBold.
    const fake = fonts.fakeBold(run.style);
    if (fake) doc.save().lineWidth(size * FAKE_BOLD_STROKE).strokeColor(ink);
    const options = { lineBreak: false, baseline: 'alphabetic' as const, ...(run.spacing ? { characterSpacing: run.spacing } : {}), ...(run.half ? { features: ['halt'] } : {}), ...(fake ? { fill: true, stroke: true } : {}) };
    doc.text(run.text, x + run.x, y, options);
    if (fake) doc.restore();
    const top = y - size * 0.88;
    if (run.style.link) doc.link(x + run.x, top, run.width, size, run.style.link);
    if (run.style.goTo) doc.goTo(x + run.x, top, run.width, size, run.style.goTo);
    if (run.style.id) doc.addNamedDestination(run.style.id, 'XYZ', x + run.x, baseline - line.size * 1.2, null);
  }
}

function drawItem(doc: PDFDocument, fonts: FontBook, faces: Map<string, Face>, item: PageItem, frame: Frame, images: PdfImages): void {
  switch (item.kind) {
    case 'text':
      drawLine(doc, fonts, faces, item.line, frame.x + item.x, frame.y + item.baseline, frame.ink);
      return;
    case 'vector':
      drawVector(doc, fonts, item.graphic, { x: frame.x + item.x, y: frame.y + item.y, width: item.width, height: item.height }, item.role, frame.ink !== 'black');
      return;
    case 'rule':
      doc.save().lineWidth(item.width).strokeColor(frame.ink);
      if (item.dotted) doc.lineCap('round').dash(0.01, { space: item.width / 0.12 / 3 });
      doc.moveTo(frame.x + item.x1, frame.y + item.y1).lineTo(frame.x + item.x2, frame.y + item.y2).stroke().restore();
      return;
    case 'image': {
      const image = images.get(item.image.key);
      if (image) doc.image(image.bytes, frame.x + item.x, frame.y + item.y, { width: item.width, height: item.height });
      return;
    }
    case 'dest':
      doc.addNamedDestination(item.name, 'XYZ', frame.x + item.x, frame.y + item.y, null);
      return;
    case 'folioRef':
      // Resolved to text by the typesetting stage; one left here is a bug there.
      throw new Error(`internal: unresolved TOC folio for ${item.target}`);
  }
}

type OutlineItem = PDFDocument['outline'];

export async function renderPages(pages: Page[], fonts: FontBook, geometry: PageGeometry, images: PdfImages, options: RenderOptions): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, pdfVersion: '1.7', lang: options.language, info: options.info, displayTitle: true });
  for (const face of fonts.all()) doc.registerFont(face.id, face.source.path, face.source.postscriptName);
  const faces = new Map<string, Face>();
  const boxes = pageBoxes(geometry.width, geometry.height, options.boxes);
  const origin = -boxes.mediaBox[0];
  const mediaWidth = boxes.mediaBox[2] - boxes.mediaBox[0];
  const mediaHeight = boxes.mediaBox[3] - boxes.mediaBox[1];
  const shift = (box: [number, number, number, number]): number[] => box.map((n) => Math.round((n + origin) * 1000) / 1000);
  if (options.boxes.cropMarks) doc.addSpotColor(REGISTRATION, 100, 100, 100, 100);
  const outline = new Map<string, OutlineItem>();
  for (const page of pages) {
    doc.addPage({ size: [mediaWidth, mediaHeight], margin: 0 });
    const data = doc.page.dictionary.data;
    data.TrimBox = shift(boxes.trimBox);
    data.BleedBox = shift(boxes.bleedBox);
    if (boxes.cropBox) data.CropBox = shift(boxes.cropBox);
    const ink: Ink = options.ink ? BLACK : 'black';
    doc.fillColor(ink);
    if (options.boxes.cropMarks) {
      doc.save().lineWidth(MARK_WIDTH_PT).lineCap('butt').strokeColor(REGISTRATION);
      for (const l of cropMarkLines(geometry.width, geometry.height, options.boxes.bleedMm)) doc.moveTo(origin + l.x1, origin + l.y1).lineTo(origin + l.x2, origin + l.y2);
      doc.stroke().restore();
    }
    const recto = page.number % 2 === 1;
    const frame: Frame = { x: origin + (recto ? geometry.inner : geometry.outer), y: origin + geometry.top, ink };
    for (const item of page.items) drawItem(doc, fonts, faces, item, frame, images);
    for (const entry of page.outline) addOutline(doc, outline, entry, { left: mediaWidth - origin, top: origin });
  }
  return pdfKitBytes(doc);
}

/** Outline entries point at the upper left corner of the trimmed page (pdfkit measures `left` from the right edge). */
function addOutline(doc: PDFDocument, items: Map<string, OutlineItem>, entry: OutlineEntry, at: { left: number; top: number }): void {
  const parent = (entry.parent && items.get(entry.parent)) || doc.outline;
  items.set(entry.id, parent.addItem(entry.title, { fit: false, left: at.left, top: at.top, zoom: 0, expanded: entry.expanded ?? false }));
}
