/**
 * The typesetting stage's data: composed lines, flow items (what a chapter becomes before it
 * meets a page) and positioned pages (what the PDF writer draws). Plain data, no fonts, no
 * document: a page can be drawn by any renderer and a flow can be cached or sent to a worker.
 *
 * Coordinates are points. Inside a page, x runs right from the text block's left edge and y
 * down from its top; the renderer adds the page's margins (mirrored on versos) and the bleed.
 */
import type { StyledText } from '../cjk/index.js';
import type { FaceStyle } from './fonts.js';

export interface RunStyle extends FaceStyle {
  /** External link (URL). */
  link?: string;
  /** Internal link: a named destination. */
  goTo?: string;
  /** A named destination set where this run starts (a note reference). */
  id?: string;
  /** A page-foot note reference or note number: its text is the page's circled number. */
  noteKey?: string;
  /** Inline maths: the run's one placeholder character is drawn as this graphic instead. */
  math?: InlineGraphic;
  /** 着重号: a dot under each ideograph (drawn as rule items, src/typeset/emphasis.ts). */
  emphasis?: boolean;
  /** Inline code: never hyphenated, divided at a line end only after / . _ - ? & = #. */
  code?: boolean;
}

/** An RGB colour, each channel 0–1 (the print writer turns it into K for the book block). */
export type Rgb = readonly [number, number, number];

export type FillRule = 'nonzero' | 'evenodd';

export interface VectorStroke {
  colour: Rgb;
  /** In the drawing's units. */
  width: number;
  cap: 'butt' | 'round' | 'square';
  join: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash?: number[];
}

/**
 * One painted path of a drawing. `d` is absolute SVG path data using only M, L, C, Q and Z,
 * in the drawing's coordinates (y down), every SVG transform already applied: any PDF writer
 * can replay it with moveto/lineto/curveto without an SVG parser.
 */
export interface VectorPath {
  d: string;
  fill?: { colour: Rgb; rule: FillRule; opacity?: number };
  stroke?: VectorStroke & { opacity?: number };
  /** Clip paths (same coordinates), all intersected before this path is painted. */
  clips?: Array<{ d: string; rule: FillRule }>;
}

/** Text a drawing could not turn into outlines (CJK in \text{} of a formula): set in the body face. */
export interface VectorText {
  text: string;
  /** Baseline start, in the drawing's coordinates. */
  x: number;
  y: number;
  size: number;
  colour: Rgb;
}

/**
 * What a drawing is: the writer marks it as such (PDF marked content /Figure, /Formula), or as
 * an /Artifact when it is decoration (the tint behind code).
 */
export type VectorRole = 'figure' | 'formula' | 'artifact';

/** A vector drawing (an SVG figure, a formula): its own coordinates from (0,0) to (width,height). */
export interface VectorGraphic {
  width: number;
  height: number;
  paths: VectorPath[];
  texts: VectorText[];
}

/** A formula inside a line: the graphic scaled to points, and where it sits on the baseline. */
export interface InlineGraphic {
  graphic: VectorGraphic;
  /** Size in points the graphic is drawn at. */
  width: number;
  height: number;
  /** Points above the baseline (the graphic's top is `ascent` above it). */
  ascent: number;
}

/** A piece of a line drawn as one text object. */
export interface PlacedRun {
  /** Offset from the line's left edge. */
  x: number;
  text: string;
  style: RunStyle;
  /** Added after every glyph but the last (PDF character spacing). */
  spacing: number;
  /** Set with the font's half-width (`halt`) forms. */
  half: boolean;
  width: number;
}

export interface TextLine {
  runs: PlacedRun[];
  /** The main size of the line (its em box sits centred on its grid slot). */
  size: number;
  /** Page-foot notes referenced on this line, in order (shared by lines without: not to be changed). */
  noteRefs: readonly string[];
}

export type PageItem =
  | { kind: 'text'; x: number; baseline: number; line: TextLine }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number; dotted?: boolean }
  | { kind: 'image'; x: number; y: number; width: number; height: number; image: ImageRef }
  /** A vector drawing (an SVG figure, a display formula) scaled from its own size into the box at (x, y) of width × height. */
  | { kind: 'vector'; role: VectorRole; x: number; y: number; width: number; height: number; graphic: VectorGraphic }
  | { kind: 'dest'; name: string; x: number; y: number }
  /** A TOC number: the folio of the page that holds `target`, right-aligned at `right`. */
  | { kind: 'folioRef'; right: number; baseline: number; target: string; style: RunStyle };

export interface ImageRef {
  /** Key into the book's prepared images. */
  key: string;
}

export interface OutlineEntry {
  id: string;
  title: string;
  parent?: string;
  expanded?: boolean;
}

/** What a block of the flow occupies, in whole grid slots. */
export interface Box {
  kind: 'box';
  slots: number;
  /** Items relative to the box's top-left. */
  items: PageItem[];
  /** Keep on the same page as what follows (headings, titles). */
  keepWithNext?: boolean;
  /** Top-level block of the chapter this box starts (for the EPUB page-list), -1 = the title. */
  blockIndex?: number;
  outline?: OutlineEntry[];
  /** The page this box starts is a chapter opening: no running head. */
  opening?: boolean;
}

/** How much short of the measure lines are filled, in points: for every line, or line by line. */
export type Loosening = number | ((line: number) => number);

/** Styled runs and the measure a paragraph is set from. */
export interface TextRecipe {
  runs: Array<StyledText<RunStyle>>;
  measure: number;
  indent: number;
  size: number;
  /** The grid pitch of a paragraph's lines: a taller inline formula gets an empty line of room. */
  pitch?: number;
}

/** A paragraph set again with another fill (Para.recompose). */
export interface Recompose {
  (loosen: Loosening): TextLine[];
  /**
   * How many lines the fill gives, from breaking alone (src/typeset/text.ts), so that widow
   * control justifies only the settings it may keep; undefined (or no count): set it to know.
   */
  count?: (loosen: Loosening) => number | undefined;
}

/** A paragraph set on the grid, one slot per line. */
export interface Para {
  kind: 'para';
  lines: TextLine[];
  /** Left offset of every line (quotations, lists). */
  inset: number;
  blockIndex?: number;
  /** How far short of the measure `lines` were filled (the 孤字 rule may have set them looser or tighter). */
  loosen?: Loosening;
  /** What the paragraph was set from, as data (the cache and workers carry it; `recompose` is made from it). */
  recipe?: TextRecipe;
  /**
   * Sets the same paragraph again with other fills, for widow control. The composer breaks
   * greedily, so lines given the fills they were set with come out as they were.
   */
  recompose?: Recompose;
  /** Named destinations on lines: line index → names. */
  dests?: Map<number, string[]>;
}

/** A table: rows that may break across pages, the header row repeated on each. */
export interface Rows {
  kind: 'rows';
  header: RowBox;
  rows: RowBox[];
  /** Set above the repeated header on every page the table continues onto (续表). */
  continued?: RowBox;
  blockIndex?: number;
}

export interface RowBox {
  height: number;
  items: PageItem[];
}

/** Empty grid slots (space before a heading, after a block). Dropped at the top of a page. */
export interface Gap {
  kind: 'gap';
  slots: number;
}

export type FlowItem = Box | Para | Rows | Gap;

export type PageKind = 'front' | 'part' | 'text' | 'blank';

export interface Section {
  kind: Exclude<PageKind, 'blank'>;
  /** Start on a new recto, or on the next page. */
  start: 'recto' | 'page';
  /** Recto running head of the section's pages. */
  head: string;
  /** The chapter (for page marks); absent for generated pages. */
  chapterId?: string;
  items: FlowItem[];
  /** Page-foot notes of the section, by key: composed lines (the first opens with its number). */
  notes: Map<string, TextLine[]>;
  /** The section is the first of the main matter (folio 1). */
  mainStart?: boolean;
  /** A fixed page (title, part page): items placed as they are, one page. */
  fixed?: PageItem[];
  /** Outline entries of a fixed page. */
  fixedOutline?: OutlineEntry[];
}

export interface Page {
  /** 1-based physical page number. */
  number: number;
  kind: PageKind;
  items: PageItem[];
  outline: OutlineEntry[];
  head: string;
  opening: boolean;
  /** Printed folio ('' when none). */
  folio: string;
}
