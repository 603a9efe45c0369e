/**
 * Page-level rules: the print boxes, what the content paints in which ink, images, fonts,
 * annotations over the printed area and (for PDF/X-1a) transparency. Findings of one kind on
 * one page are counted into one message, so a page of RGB text is one line, not a thousand.
 */
import { PDFArray, PDFDict, PDFName, type PDFContext, type PDFDocument, type PDFPage } from 'pdf-lib';
import { classify, describePaint, isKOnly, isRgb, isRichBlack, type Space } from './colour.js';
import { ContentScanner, type Mark } from './content.js';
import type { DiagnosticCode } from '../../diagnostics/diagnostic.js';
import type { Finding } from './finding.js';
import { arrayOf, boxOf, dictOf, entries, get, getDict, nameOf, numberOf, type Box } from './objects.js';

export const BLEED_MM = 3;
const MM = 72 / 25.4;
/** Box comparisons allow for numbers rounded to 1/1000 pt and mm → pt conversion. */
const EPSILON = 0.05;
/** Below this effective resolution a continuous-tone image prints soft. */
export const MIN_PPI = 300;

export interface PageRuleOptions {
  /** A cover: colour is allowed (rich black text is still reported). */
  cover: boolean;
  /** PDF/X-1a forbids transparency. */
  x1a: boolean;
}

function inside(inner: Box, outer: Box): boolean {
  return inner[0] >= outer[0] - EPSILON && inner[1] >= outer[1] - EPSILON && inner[2] <= outer[2] + EPSILON && inner[3] <= outer[3] + EPSILON;
}

function fmt(box: Box): string {
  return `[${box.map((n) => Math.round(n * 100) / 100).join(' ')}]`;
}

function checkBoxes(context: PDFContext, page: PDFPage, add: (f: Omit<Finding, 'page'>) => void): Box | undefined {
  const node = page.node;
  const media = boxOf(context, node.MediaBox());
  const trim = boxOf(context, node.get(PDFName.of('TrimBox')));
  const bleed = boxOf(context, node.get(PDFName.of('BleedBox')));
  const crop = boxOf(context, node.get(PDFName.of('CropBox')));
  if (!trim) {
    add({ code: 'preflight/no-trim-box', severity: 'error', message: 'no /TrimBox: the printer cannot tell where the page is cut.' });
    return undefined;
  }
  if (!bleed) {
    add({ code: 'preflight/bleed-box', severity: 'error', message: `no /BleedBox; it must reach ${BLEED_MM} mm beyond the TrimBox on every side.` });
    return trim;
  }
  const need = BLEED_MM * MM - EPSILON;
  const short = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]].some((d) => d < need);
  if (short) {
    add({
      code: 'preflight/bleed-box',
      severity: 'error',
      message: `BleedBox ${fmt(bleed)} is not ${BLEED_MM} mm beyond TrimBox ${fmt(trim)} on every side.`,
    });
  }
  if (media && !inside(bleed, media)) {
    add({ code: 'preflight/box-order', severity: 'error', message: `BleedBox ${fmt(bleed)} is not inside MediaBox ${fmt(media)}.` });
  }
  if (crop && !inside(bleed, crop)) {
    add({ code: 'preflight/box-order', severity: 'warning', message: `CropBox ${fmt(crop)} cuts into the BleedBox ${fmt(bleed)}: the bleed may be lost.` });
  }
  return trim;
}

/** Annotations that print over the page (Print flag, not a printer's mark) are not allowed. */
function checkAnnotations(context: PDFContext, page: PDFPage, bleed: Box | undefined, add: (f: Omit<Finding, 'page'>) => void): void {
  let printing = 0;
  for (const value of arrayOf(context, page.node.get(PDFName.of('Annots')))) {
    const annot = dictOf(value);
    const subtype = nameOf(get(context, annot, 'Subtype'));
    if (subtype === 'PrinterMark' || subtype === 'TrapNet' || subtype === 'Link' || subtype === 'Popup') continue;
    const flags = numberOf(get(context, annot, 'F')) ?? 0;
    const hidden = (flags & 2) !== 0;
    const prints = (flags & 4) !== 0;
    const rect = boxOf(context, get(context, annot, 'Rect'));
    const over = !bleed || !rect || !(rect[2] < bleed[0] || rect[0] > bleed[2] || rect[3] < bleed[1] || rect[1] > bleed[3]);
    if (prints && !hidden && over) printing++;
  }
  if (printing > 0) {
    add({ code: 'preflight/annotation', severity: 'error', message: `${printing} printing annotation(s) over the page; PDF/X allows only printer's marks and trap networks there.` });
  }
}

/** Font dictionaries reachable from a resource dictionary, forms included. */
function fontsOf(context: PDFContext, resources: PDFDict | undefined, seen: Set<PDFDict>, out: Map<PDFDict, string>): void {
  if (!resources || seen.has(resources)) return;
  seen.add(resources);
  for (const [name, value] of entries(context, getDict(context, resources, 'Font'))) {
    const font = dictOf(value);
    if (font) out.set(font, name);
  }
  for (const [, value] of entries(context, getDict(context, resources, 'XObject'))) {
    const dict = dictOf(value);
    if (nameOf(get(context, dict, 'Subtype')) === 'Form') fontsOf(context, getDict(context, dict, 'Resources'), seen, out);
  }
}

function fontProblem(context: PDFContext, font: PDFDict): 'not-embedded' | 'not-subset' | undefined {
  const subtype = nameOf(get(context, font, 'Subtype'));
  if (subtype === 'Type3') return undefined;
  const base = nameOf(get(context, font, 'BaseFont')) ?? '';
  const described = subtype === 'Type0' ? dictOf(arrayOf(context, get(context, font, 'DescendantFonts'))[0]) : font;
  const descriptor = getDict(context, described, 'FontDescriptor');
  const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => get(context, descriptor, key) !== undefined);
  if (!embedded) return 'not-embedded';
  return /^[A-Z]{6}\+/.test(base) ? undefined : 'not-subset';
}

function checkFonts(context: PDFContext, page: PDFPage, done: Set<PDFDict>, add: (f: Omit<Finding, 'page'>) => void): void {
  const fonts = new Map<PDFDict, string>();
  fontsOf(context, page.node.Resources(), new Set(), fonts);
  for (const [font] of fonts) {
    if (done.has(font)) continue;
    done.add(font);
    const base = nameOf(get(context, font, 'BaseFont')) ?? '(unnamed)';
    const problem = fontProblem(context, font);
    if (problem === 'not-embedded') {
      add({ code: 'preflight/font-not-embedded', severity: 'error', message: `font ${base} is not embedded.`, hint: 'Every font must travel with the file; the RIP will not substitute.' });
    } else if (problem === 'not-subset') {
      add({ code: 'preflight/font-not-subset', severity: 'warning', message: `font ${base} is embedded whole, not as a subset.` });
    }
  }
}

/** ExtGStates with soft masks, constant alpha below 1 or a blend mode: transparency. */
function transparencyOf(context: PDFContext, resources: PDFDict | undefined, seen: Set<PDFDict>): number {
  if (!resources || seen.has(resources)) return 0;
  seen.add(resources);
  let count = 0;
  for (const [, value] of entries(context, getDict(context, resources, 'ExtGState'))) {
    const gs = dictOf(value);
    const mask = get(context, gs, 'SMask');
    const blend = nameOf(get(context, gs, 'BM'));
    const alpha = [numberOf(get(context, gs, 'CA')), numberOf(get(context, gs, 'ca'))];
    if ((mask !== undefined && nameOf(mask) !== 'None') || (blend !== undefined && blend !== 'Normal' && blend !== 'Compatible') || alpha.some((a) => a !== undefined && a < 1)) count++;
  }
  for (const [, value] of entries(context, getDict(context, resources, 'XObject'))) {
    const dict = dictOf(value);
    if (get(context, dict, 'SMask') !== undefined) count++;
    if (nameOf(get(context, dict, 'Subtype')) === 'Form') count += transparencyOf(context, getDict(context, dict, 'Resources'), seen);
  }
  return count;
}

/** Resource colour spaces that are RGB (used or not: a RIP may still trip on them). */
function rgbResources(context: PDFContext, resources: PDFDict | undefined): string[] {
  return entries(context, getDict(context, resources, 'ColorSpace'))
    .filter(([, value]) => isRgbValue(context, value))
    .map(([name]) => name);
}

function isRgbValue(context: PDFContext, value: ReturnType<typeof get>): boolean {
  return isRgb(classify(context, value));
}

interface Tally {
  count: number;
  example: string;
}

/** Turns the scanner's marks on one page into counted findings. */
function markRules(options: PageRuleOptions) {
  const tallies = new Map<string, Tally & { code: DiagnosticCode; severity: Finding['severity']; text: (t: Tally) => string; hint?: string }>();
  /** One tally per code and variant (text, fill, stroke), so each gets its own message. */
  const bump = (code: DiagnosticCode, variant: string, severity: Finding['severity'], example: string, text: (t: Tally) => string, hint?: string): void => {
    const key = `${code}|${variant}`;
    const t = tallies.get(key) ?? { code, count: 0, example, severity, text, ...(hint ? { hint } : {}) };
    t.count++;
    tallies.set(key, t);
  };
  const spaceName = (space: Space): string => (space.kind === 'separation' ? `separation ${space.colourant ?? ''}` : space.kind);
  const onMark = (mark: Mark): void => {
    switch (mark.type) {
      case 'rgb-operator':
        bump('preflight/rgb-operator', '', 'error', mark.operator, (t) => `${t.count} RGB colour operator(s) (${t.example}).`, 'Print files must not be RGB: set text and rules in K only, images in CMYK or gray.');
        break;
      case 'rgb-space':
        bump('preflight/rgb-colour-space', '', 'error', `/${mark.name} ${mark.operator}`, (t) => `the content selects an RGB colour space ${t.count} time(s) (${t.example}).`);
        break;
      case 'text':
      case 'path': {
        const what = mark.type === 'text' ? 'text' : mark.stroke ? 'stroke' : 'fill';
        if (isRgb(mark.paint.space)) {
          bump('preflight/rgb-paint', what, 'error', describePaint(mark.paint), (t) => `${t.count} ${what} operation(s) painted in RGB (${t.example}).`);
        } else if (mark.type === 'text' && isRichBlack(mark.paint)) {
          bump('preflight/rich-black-text', '', 'error', describePaint(mark.paint), (t) => `${t.count} text run(s) in rich black (${t.example}): black type must be K only.`);
        } else if (!options.cover && !isKOnly(mark.paint)) {
          bump('preflight/not-k-only', what, 'error', describePaint(mark.paint), (t) => `${t.count} ${what} operation(s) not in K only (${t.example}).`, 'Text and rules of the book block print in black ink alone.');
        }
        break;
      }
      case 'image':
        if (isRgb(mark.space)) {
          bump('preflight/rgb-image', '', 'error', mark.name, (t) => `${t.count} RGB image(s) (${t.example}).`, 'Convert images to CMYK or grayscale.');
        } else if (!mark.mask && mark.ppi < MIN_PPI) {
          bump('preflight/image-resolution', '', 'warning', `${mark.name} at ${Math.round(mark.ppi)} ppi`, (t) => `${t.count} image(s) under ${MIN_PPI} ppi at the printed size (${t.example}).`);
        } else if (mark.space.kind === 'other' && !mark.mask) {
          bump('preflight/image-space', '', 'warning', `${mark.name} (${spaceName(mark.space)})`, (t) => `${t.count} image(s) in a colour space this checker cannot classify (${t.example}).`);
        }
        break;
      case 'missing-stream':
        bump('preflight/unreadable-stream', '', 'warning', mark.what, (t) => `${t.count} stream(s) could not be decoded and were not checked (${t.example}).`);
        break;
    }
  };
  const findings = (): Array<Omit<Finding, 'page'>> =>
    [...tallies.values()].map((t) => ({
      code: t.code,
      severity: t.severity,
      message: t.text(t),
      ...(t.hint ? { hint: t.hint } : {}),
    }));
  return { onMark, findings };
}

export function checkPages(pdf: PDFDocument, options: PageRuleOptions, add: (f: Finding) => void): void {
  const context = pdf.context;
  const seenFonts = new Set<PDFDict>();
  pdf.getPages().forEach((page, index) => {
    const number = index + 1;
    const here = (f: Omit<Finding, 'page'>): void => add({ ...f, page: number, message: `Page ${number}: ${f.message}` });
    checkBoxes(context, page, here);
    const bleed = boxOf(context, page.node.get(PDFName.of('BleedBox')));
    checkAnnotations(context, page, bleed, here);
    const resources = page.node.Resources();
    const rgbSpaces = rgbResources(context, resources);
    if (rgbSpaces.length > 0) {
      here({ code: 'preflight/rgb-colour-space', severity: 'error', message: `RGB colour space(s) in the page resources: ${rgbSpaces.join(', ')}.` });
    }
    const rules = markRules(options);
    new ContentScanner(context, rules.onMark).scanPage(page.node.get(PDFName.of('Contents')), resources);
    rules.findings().forEach(here);
    checkFonts(context, page, seenFonts, here);
    if (options.x1a) {
      const transparent = transparencyOf(context, resources, new Set()) + (getDict(context, page.node, 'Group') ? 1 : 0);
      if (transparent > 0) here({ code: 'preflight/transparency', severity: 'error', message: `${transparent} transparency feature(s); PDF/X-1a allows none.` });
    }
  });
}

/** Every /DeviceRGB or /CalRGB name in the file, wherever it is (ISO 15930: none at all). */
export function rgbNamesAnywhere(pdf: PDFDocument): string[] {
  const found: string[] = [];
  const visit = (value: unknown, ref: string, depth: number): void => {
    if (depth > 20 || found.length > 20) return;
    if (value instanceof PDFName) {
      const name = value.decodeText();
      if (name === 'DeviceRGB' || name === 'CalRGB') found.push(ref);
    } else if (value instanceof PDFArray) {
      for (const item of value.asArray()) visit(item, ref, depth + 1);
    } else if (value instanceof PDFDict) {
      for (const [, item] of value.entries()) visit(item, ref, depth + 1);
    } else if (value !== null && typeof value === 'object' && 'dict' in value && (value as { dict: unknown }).dict instanceof PDFDict) {
      visit((value as { dict: PDFDict }).dict, ref, depth + 1);
    }
  };
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) visit(object, ref.toString(), 0);
  return [...new Set(found)];
}
