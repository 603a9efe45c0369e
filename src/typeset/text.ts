/**
 * Text → composed lines: inline AST to styled runs, runs split by the face that draws each
 * character (fallback fonts), then the clreq composer (src/cjk) with the font book's measure,
 * and finally every segment given its x offset in the line.
 */
import { divisionOf, paragraphSetter, type BrokenParagraph, type ComposedLine, type Division, type Measure, type StyledText } from '../cjk/index.js';
import type { Inline } from '../model/book.js';
import { missingPieces } from '../kinds/missing.js';
import { SUP_SCALE, type Face, type FontBook } from './fonts.js';
import { inlineMath, MATH_PLACEHOLDER } from './maths.js';
import type { Loosening, PlacedRun, Recompose, RunStyle, TextLine, TextRecipe } from './model.js';

const CIRCLED = Array.from('①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳');

/** A reference printed as a number: 图2-1, 表3-2, 第2章, (2-1), 2.1.3. */
const NUMBER_REF = /^[\p{Script=Han}]{0,2}\(?\d[\d.-]*\)?[\p{Script=Han}]?$/u;

/** ①…⑳, then ㉑…㉟ (U+3251) and ㊱…㊿ (U+32B1); beyond 50 the plain number in brackets. */
export function circledNumber(n: number): string {
  if (n >= 1 && n <= 20) return CIRCLED[n - 1] ?? String(n);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `[${n}]`;
}

export interface FlattenContext {
  /** Face of inline code: the code style's (the monospace role once fonts.yaml has one). */
  codeFont?: string;
  /** Prefix that makes a chapter's note ids unique in the book (the chapter id). */
  notePrefix: string;
  /** Page-foot notes: references carry a note key whose number the page decides. */
  footNotes: boolean;
  /** How a 缺字 placeholder (□) and its 【…】 note are set (src/kinds/missing.ts). */
  missing?: { mark: Partial<RunStyle>; note: Partial<RunStyle> };
}

/** The named destination of a note, unique in the book. */
export function noteDestination(prefix: string, noteId: string): string {
  return `${prefix}-${noteId}`;
}

/** Soft line breaks inside Chinese text are not spaces; between Latin words they are. */
export function cleanText(value: string): string {
  // Most text nodes hold no line break: nothing to replace, no expression to run.
  if (!value.includes('\n')) return value;
  return value.replace(/\s*\n\s*/g, (match, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + match.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  });
}

export function flattenInlines(inlines: Inline[], style: RunStyle, cx: FlattenContext, out: Array<StyledText<RunStyle>> = []): Array<StyledText<RunStyle>> {
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        for (const piece of missingPieces(cleanText(inline.value))) {
          out.push({ text: piece.text, style: piece.kind === 'text' ? style : { ...style, ...cx.missing?.[piece.kind] } });
        }
        break;
      case 'code':
        out.push({ text: inline.value, style: cx.codeFont ? { ...style, font: cx.codeFont, code: true } : { ...style, code: true } });
        break;
      case 'ref': {
        // 图2-1, (2-1), 第2章: linked to the destination the figure, table or formula sets, and
        // set tight (no ¼-em gap between 图 and 2-1, no break inside) when it is a number.
        const text = inline.text ?? inline.label;
        out.push({ text, style: inline.target ? { ...style, goTo: inline.target.id } : style, ...(inline.target && NUMBER_REF.test(text) ? { tight: true } : {}) });
        break;
      }
      case 'math':
        // One placeholder character the composer treats as an unbreakable Latin word.
        out.push({ text: MATH_PLACEHOLDER, style: { ...style, math: inlineMath(inline.tex, inline.display, style.size) } });
        break;
      case 'emphasis':
        // 着重号: dots under each character (src/typeset/emphasis.ts), as the EPUB's text-emphasis.
        flattenInlines(inline.children, { ...style, emphasis: true }, cx, out);
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
      case 'footnoteRef': {
        const dest = noteDestination(cx.notePrefix, inline.noteId);
        const ref: RunStyle = { ...style, sup: true, goTo: dest, id: inline.refId };
        if (cx.footNotes) ref.noteKey = dest;
        // A page-foot reference's number is decided by its page; ① holds its place (all the
        // circled numbers share one advance in CJK fonts).
        out.push({ text: cx.footNotes ? CIRCLED[0] ?? '' : circledNumber(inline.number), style: ref });
        break;
      }
      case 'image':
        // Images are set as blocks of their own (figures); inline ones are left out of the line.
        break;
    }
  }
  return out;
}

/** Plain text of inlines, for outlines and headlines. */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.type) {
        case 'text':
        case 'code':
          return i.value;
        case 'emphasis':
        case 'strong':
        case 'link':
          return inlineText(i.children);
        case 'footnoteRef':
          return circledNumber(i.number);
        case 'ref':
          return i.text ?? i.label;
        default:
          return '';
      }
    })
    .join('');
}

/**
 * Runs → runs whose every character has a glyph in the run's font: a character the role's
 * face lacks goes into a run of its own, set in the first fallback face that has it (one style
 * object per run and face, so the composer keeps such characters together).
 */
export function splitByFace(runs: Array<StyledText<RunStyle>>, fonts: FontBook): Array<StyledText<RunStyle>> {
  const out: Array<StyledText<RunStyle>> = [];
  for (const run of runs) {
    const { style } = run;
    if (style.math) {
      out.push(run);
      continue;
    }
    if (fonts.drawsAll(style.font, style.bold, run.text)) {
      out.push(run);
      continue;
    }
    const faceOf = (ch: string): string => fonts.faceFor(style.font, style.bold, ch.codePointAt(0) ?? 0);
    const derived = new Map<string, RunStyle>([[style.font, style]]);
    let current: StyledText<RunStyle> | undefined;
    for (const ch of run.text) {
      const key = faceOf(ch);
      let face = derived.get(key);
      if (!face) derived.set(key, (face = { ...style, font: key }));
      if (current?.style === face) current.text += ch;
      else out.push((current = { text: ch, style: face, ...(run.tight ? { tight: true } : {}) }));
    }
  }
  return out;
}

/**
 * The note references of a line that has none (nearly every line): one list for all, frozen
 * since it is shared, rather than an empty array kept with every line of the book.
 */
const NO_NOTES: readonly string[] = Object.freeze([]);

/** A composed line with each segment at its x offset (widths as the composer measured them). */
export function placeLine(line: ComposedLine<RunStyle>, size: number): TextLine {
  const runs: PlacedRun[] = [];
  let noteRefs: string[] | undefined;
  let x = line.indent;
  for (const s of line.segments) {
    const width = s.width + s.spacing * Math.max(0, s.text.length - 1);
    runs.push({ x, text: s.text, style: s.style, spacing: s.spacing, half: s.halfWidth, width });
    const key = s.style.noteKey;
    if (key && !noteRefs?.includes(key)) (noteRefs ??= []).push(key);
    x += width;
  }
  return { runs, size, noteRefs: noteRefs ?? NO_NOTES };
}

export interface SetOptions {
  /** Line length in points. */
  measure: number;
  /** First-line indent in points. */
  indent: number;
  /**
   * Points to leave unfilled while breaking, for every line or per line (widow control and the
   * 孤字 rule loosen or, negative, tighten a paragraph this way).
   */
  loosen?: Loosening;
  /** The grid pitch the lines are set on: see `roomForMaths`. */
  pitch?: number;
}

export function loosenAt(loosen: Loosening | undefined, line: number): number {
  if (loosen === undefined) return 0;
  return typeof loosen === 'number' ? loosen : loosen(line);
}

/** Inline code and URLs are divided only at their marks, formulas never, words by hyphenation. */
function division(word: string, style: RunStyle): Division {
  if (style.math) return 'none';
  return style.code ? 'marks' : divisionOf(word);
}

/**
 * measureRun (maths.ts) for one paragraph, with what a style resolves to (its face, its size, its
 * formula) kept from the call before: the composer measures a paragraph unit by unit, nearly
 * always in the style it measured last, and run styles come in many shapes, so reading their
 * properties at every call cost more than the measuring. Styles are not changed once set.
 */
function styleMeasure(fonts: FontBook): Measure<RunStyle> {
  let last: RunStyle | undefined;
  let face: Face | undefined;
  let size = 0;
  let math: RunStyle['math'];
  const measure = (text: string, style: RunStyle, half: boolean): number => {
    if (style !== last || !face) {
      last = style;
      math = style.math;
      face = fonts.face(style.font, style.bold);
      size = style.sup ? style.size * SUP_SCALE : style.size;
    }
    if (math && text === MATH_PLACEHOLDER) return math.width;
    return face.width(text, size, half);
  };
  // A formula's placeholder is one code unit whose width is the formula's: not the face's to keep.
  const widths = (style: RunStyle, half: boolean): Float64Array | undefined =>
    style.math ? undefined : fonts.face(style.font, style.bold).widthMemo(style.sup ? style.size * SUP_SCALE : style.size, half);
  return Object.assign(measure, { widths });
}

/** A paragraph's runs → justified lines, widths measured as the renderer draws them. */
export function setText(runs: Array<StyledText<RunStyle>>, options: SetOptions, fonts: FontBook, size: number): TextLine[] {
  return textSetter(runs, fonts, size)(options);
}

/** textSetter's setting, and how many lines a setting has (count). */
interface TextSetter {
  (options: SetOptions): TextLine[];
  /**
   * The number of lines `options` sets, from breaking alone (no justifying), or undefined when
   * only the setting can tell (a formula may need empty lines above it). A setting with the same
   * loosening next takes the lines as broken here.
   */
  count(options: SetOptions): number | undefined;
}

/** A paragraph's runs split by face and cut into units, ready to be set with a fill (recomposer keeps the last paragraph's: see setterOf). */
function textSetter(runs: Array<StyledText<RunStyle>>, fonts: FontBook, size: number): TextSetter {
  const measure = styleMeasure(fonts);
  const split = splitByFace(runs, fonts);
  const set = paragraphSetter(split, measure);
  const maths = split.some((run) => run.style.math);
  let counted: { options: SetOptions; broken: BrokenParagraph<RunStyle> } | undefined;
  const broken = (options: SetOptions): BrokenParagraph<RunStyle> => {
    const last = counted;
    if (last && last.options.loosen === options.loosen && last.options.measure === options.measure && last.options.indent === options.indent) return last.broken;
    const fill = (line: number): number => options.measure - loosenAt(options.loosen, line);
    // A line may close up by a whole em (under 3 % an ideograph); a tighter fill compresses marks.
    const tightBase = typeof options.loosen === 'number' && options.loosen >= -size ? undefined : size;
    return set.broken({ measure: options.measure, indent: options.indent, fill, hyphenation: { divide: division, em: size }, tightBase });
  };
  const setter = (options: SetOptions): TextLine[] => {
    const placed = broken(options)
      .justify()
      .map((line) => placeLine(line, size));
    return options.pitch ? roomForMaths(placed, options.pitch, size) : placed;
  };
  const count = (options: SetOptions): number | undefined => {
    if (options.pitch && (maths || !roomForText(options.pitch, size))) return undefined;
    const lines = broken(options);
    counted = { options, broken: lines };
    return lines.lines;
  };
  return Object.assign(setter, { count });
}

/** Glyphs of a line reach 0.88 em above and 0.12 em below its baseline; formulas keep 0.15 em clear of them. */
const ASCENT = 0.88;
const DESCENT = 0.12;
const CLEAR = 0.15;

/** The grid's pitch leaves text room above and below (roomForMaths moves no line of a paragraph without formulas). */
function roomForText(pitch: number, size: number): boolean {
  return pitch - (DESCENT + CLEAR) * size >= 0 && pitch - (ASCENT + CLEAR) * size >= 0;
}

/**
 * Lines are one grid slot apart, so an inline formula taller than the text (a matrix, a
 * stacked fraction in display style) would run into the line above or below. Such a line gets
 * an empty line above it (as many as it needs) — the grid's way of giving it more leading — and
 * a formula reaching far below its baseline pushes the next line down the same way.
 */
export function roomForMaths(lines: TextLine[], pitch: number, size: number): TextLine[] {
  const above = pitch - (DESCENT + CLEAR) * size;
  const below = pitch - (ASCENT + CLEAR) * size;
  // No formula and room for text on the grid (nearly every paragraph): no line moves.
  if (roomForText(pitch, size) && !lines.some((line) => line.runs.some((run) => run.style.math))) return lines;
  const out: TextLine[] = [];
  let depth = 0;
  lines.forEach((line) => {
    let ascent = 0;
    for (const run of line.runs) if (run.style.math) ascent = Math.max(ascent, run.style.math.ascent);
    const empty = Math.max(Math.ceil((ascent - above) / pitch), Math.ceil((depth - below) / pitch), 0);
    for (let k = 0; k < empty; k++) out.push({ runs: [], size: line.size, noteRefs: [] });
    out.push(line);
    depth = 0;
    for (const run of line.runs) if (run.style.math) depth = Math.max(depth, run.style.math.height - run.style.math.ascent);
  });
  return out;
}

/** A paragraph's setting as data: set again from it with any fill (widow control), in any process. */
export function setRecipe(recipe: TextRecipe, fonts: FontBook, loosen?: Loosening): TextLine[] {
  return setText(recipe.runs, { measure: recipe.measure, indent: recipe.indent, loosen, ...(recipe.pitch ? { pitch: recipe.pitch } : {}) }, fonts, recipe.size);
}

/** The paragraph set again with other fills (widow control, looking back), and how many lines a fill gives (Recompose.count). */
export function recomposer(recipe: TextRecipe, fonts: FontBook): Recompose {
  const options = (loosen: Loosening): SetOptions => ({ measure: recipe.measure, indent: recipe.indent, loosen, ...(recipe.pitch ? { pitch: recipe.pitch } : {}) });
  return Object.assign((loosen: Loosening) => setterOf(recipe, fonts)(options(loosen)), { count: (loosen: Loosening) => setterOf(recipe, fonts).count(options(loosen)) });
}

type Setter = TextSetter;

/**
 * Widow control sets one paragraph with one fill after another: the last paragraph's setter
 * keeps its units for the next fill instead of building them again (re-setting 水浒传 took
 * ×0.52 the CPU). Only the last one: kept for every paragraph set again, setters outlived the
 * young heap and held 140 MB more at the peak of 水浒传's typesetting (measured when units were
 * an object a character; four kept: 40 MB more, and no faster).
 */
const lastSetter = new WeakMap<FontBook, { recipe: TextRecipe; set: Setter }>();

function setterOf(recipe: TextRecipe, fonts: FontBook): Setter {
  const last = lastSetter.get(fonts);
  if (last?.recipe === recipe) return last.set;
  const set = textSetter(recipe.runs, fonts, recipe.size);
  lastSetter.set(fonts, { recipe, set });
  return set;
}

/** One line of text set at its natural width (titles, labels, running heads). */
export function naturalLine(text: string, style: RunStyle, fonts: FontBook): TextLine {
  const runs = splitByFace([{ text, style }], fonts);
  const placed: PlacedRun[] = [];
  let x = 0;
  for (const run of runs) {
    const width = fonts.measure(run.text, run.style, false);
    placed.push({ x, text: run.text, style: run.style, spacing: 0, half: false, width });
    x += width;
  }
  return { runs: placed, size: style.size, noteRefs: [] };
}

export function lineWidth(line: TextLine): number {
  const last = line.runs.at(-1);
  return last ? last.x + last.width : 0;
}
