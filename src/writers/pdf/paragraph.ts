/**
 * Paragraphs through the CJK composer (src/cjk) into pdfmake: one text node per composed line,
 * one noWrap inline per segment, so pdfmake neither re-breaks nor re-justifies the line and
 * writes one text object per segment instead of one per character. Lines are grouped so that
 * no paragraph leaves a single line at the foot or the head of a page (widows and orphans).
 */
import { composeParagraph, type ComposedLine, type Measure, type StyledText } from '../../cjk/index.js';
import type { Inline } from '../../model/book.js';
import type { PdfFonts } from './fonts.js';
import { circledNumber } from './inlines.js';
import type { Node, TextRun } from './pdfmake.js';

/** pdfmake sets sup/sub text at this share of the font size. */
const SUP_SCALE = 0.58;

/** How a run is set; one object per run so the composer can compare styles by identity. */
export interface RunStyle {
  font: string;
  bold: boolean;
  size: number;
  sup?: boolean;
  link?: string;
  /** Internal link target (a note, or back to the reference). */
  goTo?: string;
  /** Named destination set where this run starts (a note reference). */
  id?: string;
}

export interface ParagraphSpec {
  base: RunStyle;
  indent: number;
  measure: number;
  /** Node properties shared by every line (font, size, line height). */
  lineStyle: Node;
}

/** Inline AST → styled runs; soft line breaks inside Chinese text are not spaces. */
export interface FlattenContext {
  emphasisFont: string;
  /** Prefix that makes a chapter's note ids unique in the book (the chapter id). */
  notePrefix: string;
}

/** The named destination of a note, unique in the book. */
export function noteDestination(prefix: string, noteId: string): string {
  return `${prefix}-${noteId}`;
}

export function flattenInlines(inlines: Inline[], style: RunStyle, cx: FlattenContext, out: Array<StyledText<RunStyle>> = []): Array<StyledText<RunStyle>> {
  const { emphasisFont } = cx;
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        out.push({ text: cleanText(inline.value), style });
        break;
      case 'code':
        out.push({ text: inline.value, style });
        break;
      case 'emphasis':
        flattenInlines(inline.children, { ...style, font: emphasisFont }, cx, out);
        break;
      case 'strong':
        flattenInlines(inline.children, { ...style, bold: true }, cx, out);
        break;
      case 'link':
        flattenInlines(inline.children, { ...style, link: inline.href }, cx, out);
        break;
      case 'break':
        out.push({ text: '\n', style });
        break;
      case 'footnoteRef':
        out.push({ text: circledNumber(inline.number), style: { ...style, sup: true, goTo: noteDestination(cx.notePrefix, inline.noteId), id: inline.refId } });
        break;
      case 'image':
        // Images are set as blocks of their own (figures); inline ones are left out of the line.
        break;
    }
  }
  return out;
}

function cleanText(value: string): string {
  return value.replace(/\s*\n\s*/g, (match, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + match.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  });
}

const HALF_WIDTH = ['halt'];

/** A measure that also knows which face draws each character (fallback fonts). */
export interface FontMeasure extends Measure<RunStyle> {
  /** Runs split so that characters the run's face lacks are set in a fallback face. */
  withFallbacks(runs: Array<StyledText<RunStyle>>): Array<StyledText<RunStyle>>;
}

/**
 * A measuring function over pdfmake's own font objects. Those objects measure ideographs and
 * CJK punctuation from a per-code-point table (fonts.ts), so there is nothing to cache here:
 * a unit or a segment costs one table lookup per character, and memory stays the size of the
 * glyph set however long the book is.
 */
export function fontMeasure(fonts: PdfFonts): FontMeasure {
  const measure = (text: string, style: RunStyle, half: boolean): number => {
    const size = style.sup ? style.size * SUP_SCALE : style.size;
    return fonts.font(style.font, style.bold).widthOfString(text, size, half ? HALF_WIDTH : undefined);
  };
  return Object.assign(measure, { withFallbacks: (runs: Array<StyledText<RunStyle>>) => splitByFace(runs, fonts) });
}

/**
 * Runs → runs whose every character has a glyph in the run's font: a character the role's
 * face lacks goes into a run of its own style set in the first fallback face that has it
 * (one style object per run and face, so the composer keeps such characters together).
 */
export function splitByFace(runs: Array<StyledText<RunStyle>>, fonts: PdfFonts): Array<StyledText<RunStyle>> {
  if (!fonts.hasFallbacks) return runs;
  const out: Array<StyledText<RunStyle>> = [];
  for (const run of runs) {
    const { style } = run;
    const faceOf = (ch: string): string => fonts.faceFor(style.font, style.bold, ch.codePointAt(0) ?? 0);
    let covered = true;
    for (const ch of run.text) {
      if (faceOf(ch) !== style.font) {
        covered = false;
        break;
      }
    }
    if (covered) {
      out.push(run);
      continue;
    }
    const derived = new Map<string, RunStyle>([[style.font, style]]);
    let current: StyledText<RunStyle> | undefined;
    for (const ch of run.text) {
      const key = faceOf(ch);
      let face = derived.get(key);
      if (!face) derived.set(key, (face = { ...style, font: key }));
      if (current?.style === face) current.text += ch;
      else out.push((current = { text: ch, style: face }));
    }
  }
  return out;
}

/** Room pdfmake gets beyond the measure, so float rounding never re-wraps a composed line. */
const OVERRUN = 2;

function inlineOf(segment: ComposedLine<RunStyle>['segments'][number], base: RunStyle): TextRun {
  const { style } = segment;
  const run: TextRun = { text: segment.text, noWrap: true };
  if (style.font !== base.font) run.font = style.font;
  if (style.bold !== base.bold) run.bold = style.bold;
  if (style.size !== base.size) run.fontSize = style.size;
  if (style.sup) run.sup = true;
  if (style.link) run.link = style.link;
  if (style.goTo) run.linkToDestination = style.goTo;
  if (segment.spacing !== 0) run.characterSpacing = segment.spacing;
  if (segment.halfWidth) run.fontFeatures = HALF_WIDTH;
  return run;
}

function lineNode(line: ComposedLine<RunStyle>, spec: ParagraphSpec): Node {
  const node: Node = {
    ...spec.lineStyle,
    text: line.segments.map((s) => inlineOf(s, spec.base)),
    margin: [line.indent, 0, -OVERRUN, 0],
  };
  // A note reference's destination is the line it sits on (pdfmake names lines, not inlines).
  const anchor = line.segments.find((s) => s.style.id)?.style.id;
  if (anchor) node.id = anchor;
  return node;
}

/**
 * Lines → nodes with widow and orphan control: the first two and the last two lines of a
 * paragraph are kept together, a paragraph of three lines or fewer is never split.
 */
export function groupLines(lines: Node[]): Node[] {
  if (lines.length <= 3) return [{ stack: lines, unbreakable: true }];
  return [
    { stack: lines.slice(0, 2), unbreakable: true },
    ...lines.slice(2, -2),
    { stack: lines.slice(-2), unbreakable: true },
  ];
}

export interface ComposedParagraph {
  nodes: Node[];
  /** Note references whose destination is another reference's line (same line). */
  sharedAnchors: Map<string, string>;
}

export function composedParagraph(runs: Array<StyledText<RunStyle>>, spec: ParagraphSpec, measure: Measure<RunStyle> | FontMeasure): ComposedParagraph {
  const faced = 'withFallbacks' in measure ? measure.withFallbacks(runs) : runs;
  const lines = composeParagraph(faced, { measure: spec.measure, indent: spec.indent }, measure);
  const sharedAnchors = new Map<string, string>();
  const nodes = lines.map((line) => {
    const node = lineNode(line, spec);
    for (const s of line.segments) if (s.style.id && node.id && s.style.id !== node.id) sharedAnchors.set(s.style.id, node.id);
    return node;
  });
  return { nodes: groupLines(nodes), sharedAnchors };
}
