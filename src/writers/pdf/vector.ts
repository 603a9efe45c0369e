/**
 * Draws a VectorGraphic (an SVG figure, a formula) with pdfkit's public path API: each path
 * replayed from its M/L/C/Q/Z data under one `cm` that scales the drawing into its box, clip
 * paths first, then fill and stroke. The book block paints in K only: a colour becomes the K
 * tint of its lightness and opacity is dropped (print files carry no transparency).
 */
import type PDFDocument from 'pdfkit';
import type { FontBook } from '../../typeset/fonts.js';
import type { Rgb, VectorGraphic, VectorPath, VectorRole } from '../../typeset/model.js';
import { tint } from '../../print/ink.js';

export interface VectorTarget {
  x: number;
  y: number;
  width: number;
  height: number;
}

function colourOf(rgb: Rgb, ink: boolean): string | number[] {
  if (ink) return tint((1 - (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2])) * 100);
  return rgb.map((c) => Math.round(c * 255));
}

function rule(r: 'nonzero' | 'evenodd'): 'non-zero' | 'even-odd' {
  return r === 'evenodd' ? 'even-odd' : 'non-zero';
}

function drawPath(doc: PDFDocument, path: VectorPath, ink: boolean): void {
  doc.save();
  for (const clip of path.clips ?? []) doc.path(clip.d).clip(rule(clip.rule));
  const { fill, stroke } = path;
  if (fill) {
    doc.fillColor(colourOf(fill.colour, ink));
    if (!ink && fill.opacity !== undefined) doc.fillOpacity(fill.opacity);
  }
  if (stroke) {
    doc.strokeColor(colourOf(stroke.colour, ink)).lineWidth(stroke.width).lineCap(stroke.cap).lineJoin(stroke.join).miterLimit(stroke.miterLimit);
    if (stroke.dash) doc.dash(stroke.dash);
    if (!ink && stroke.opacity !== undefined) doc.strokeOpacity(stroke.opacity);
  }
  doc.path(path.d);
  if (fill && stroke) doc.fillAndStroke(rule(fill.rule));
  else if (fill) doc.fill(rule(fill.rule));
  else doc.stroke();
  doc.restore();
}

/** Marked content tags: a reader (and a test) can tell a figure or formula from other paths. */
const TAGS: Record<VectorRole, string> = { figure: 'Figure', formula: 'Formula', artifact: 'Artifact' };

export function drawVector(doc: PDFDocument, fonts: FontBook, graphic: VectorGraphic, at: VectorTarget, role: VectorRole, ink: boolean): void {
  if (graphic.width <= 0 || graphic.height <= 0) return;
  doc.markContent(TAGS[role]);
  doc.save();
  doc.transform(at.width / graphic.width, 0, 0, at.height / graphic.height, at.x, at.y);
  for (const path of graphic.paths) drawPath(doc, path, ink);
  if (graphic.texts.length > 0) {
    const face = fonts.face('body', false);
    for (const t of graphic.texts) {
      doc.font(face.id).fontSize(t.size).fillColor(colourOf(t.colour, ink));
      doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic' });
    }
  }
  doc.restore();
  doc.endMarkedContent();
}
