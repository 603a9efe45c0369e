/**
 * Page geometry: the trimmed page size from the book's 开本 (templates/pdf/formats.yaml) and the
 * text block and margins from the design's character grid, sized to the page when the design
 * does not fix it.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BuildFailure } from '../diagnostics/diagnostic.js';
import type { PrintSpec } from '../model/metadata.js';
import type { Design } from './design.js';

export const POINTS_PER_MM = 72 / 25.4;

export const FORMATS_FILE = new URL('../../templates/pdf/formats.yaml', import.meta.url);

export interface Format {
  paper: [number, number];
  fold: number;
  trim: [number, number];
  name?: string;
}

export interface PageGeometry {
  /** Trimmed page in points. */
  width: number;
  height: number;
  textWidth: number;
  textHeight: number;
  top: number;
  bottom: number;
  /** Spine-side margin (left on recto pages). */
  inner: number;
  outer: number;
  /** The text block in body characters and body lines (the line grid). */
  charsPerLine: number;
  linesPerPage: number;
}

function isPair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number');
}

export async function loadFormats(file: URL = FORMATS_FILE): Promise<Format[]> {
  const raw = parse(await readFile(file, 'utf8')) as { formats?: unknown };
  if (!Array.isArray(raw.formats)) throw new Error(`internal: ${file.pathname} has no formats list`);
  return raw.formats.map((entry: unknown) => {
    const f = entry as Partial<Format>;
    if (!isPair(f.paper) || !isPair(f.trim) || typeof f.fold !== 'number') {
      throw new Error(`internal: malformed format in ${file.pathname}: ${JSON.stringify(entry)}`);
    }
    return { paper: f.paper, fold: f.fold, trim: f.trim, name: f.name };
  });
}

function describe(f: Pick<Format, 'paper' | 'fold'>): string {
  return `${f.paper[0]}×${f.paper[1]} 1/${f.fold}`;
}

/** Trimmed size in millimetres for a 开本; the sheet may be given either way round. */
export function trimmedSize(print: PrintSpec, formats: Format[]): [number, number] {
  const short = Math.min(print.paper.width, print.paper.height);
  const long = Math.max(print.paper.width, print.paper.height);
  const match = formats.find((f) => f.paper[0] === short && f.paper[1] === long && f.fold === print.fold);
  if (match) return match.trim;
  const known = formats.map((f) => `${describe(f)} → ${f.trim[0]}×${f.trim[1]} mm`).join('; ');
  throw new BuildFailure([
    {
      code: 'pdf/unknown-format',
      severity: 'error',
      message: `No trimmed page size is known for the 开本 ${describe({ paper: [short, long], fold: print.fold })}.`,
      file: 'book.yaml',
      hint: `Use one of the known 开本 (${known}), or add a row to templates/pdf/formats.yaml.`,
    },
  ]);
}

/** What the type area needs beyond the design's own numbers: the furniture's reach past it. */
export interface FurnitureReach {
  /** From the top of the text block to the top of the running head, in points. */
  above: number;
  /** From the foot of the text block to the foot of the folio, in points. */
  below: number;
}

/** The fewest characters per line and lines per page a text block may have. */
export const MIN_CHARS_PER_LINE = 10;
export const MIN_LINES_PER_PAGE = 10;

interface Axis {
  /** Page extent, the unit (one character or one line) and the count the design fixes, if any. */
  page: number;
  unit: number;
  given?: number;
  /** White space on the first side (inner, top) as a share, and the least each side may have. */
  share: number;
  minFirst: number;
  minSecond: number;
}

function fits(axis: Axis, count: number): boolean {
  const white = axis.page - count * axis.unit;
  return white * axis.share >= axis.minFirst - 1e-6 && white * (1 - axis.share) >= axis.minSecond - 1e-6;
}

/** The design's count, or the most whole units within `fill` of the page whose margins keep the minimum. */
function countFor(axis: Axis, fill: number): number {
  if (axis.given !== undefined) return axis.given;
  let count = Math.floor((axis.page * fill) / axis.unit + 1e-9);
  while (count > 0 && !fits(axis, count)) count--;
  return count;
}

function tooLarge(trimMm: [number, number], message: string, hint: string): BuildFailure {
  return new BuildFailure([{ code: 'pdf/text-block-too-large', severity: 'error', message: `${trimMm[0]}×${trimMm[1]} mm page: ${message}`, file: 'book.yaml', hint }]);
}

/**
 * The text block in whole body characters and lines. Counts the design leaves out are chosen
 * from the trim: as many as fit in `fill` of the page while every margin, measured to the
 * nearest printed text (running head, folio), keeps `minMargin` millimetres. The white space is
 * then shared out as the design says (inner/outer, 天头/地脚). `bodyLeading` is the line pitch.
 */
export function pageGeometry(trimMm: [number, number], design: Design, bodyLeading: number, reach: FurnitureReach = furnitureReach(design)): PageGeometry {
  const width = trimMm[0] * POINTS_PER_MM;
  const height = trimMm[1] * POINTS_PER_MM;
  const { innerShare, topShare, fill, minMargin } = design.textBlock;
  const min = minMargin * POINTS_PER_MM;
  const across: Axis = { page: width, unit: design.styles.body.size, given: design.textBlock.charsPerLine, share: innerShare, minFirst: min, minSecond: min };
  const down: Axis = { page: height, unit: bodyLeading, given: design.textBlock.linesPerPage, share: topShare, minFirst: min + reach.above, minSecond: min + reach.below };
  const charsPerLine = countFor(across, fill);
  const linesPerPage = countFor(down, fill);
  const hint = `Keep at least ${minMargin} mm between the trim and every printed line: set a smaller textBlock.charsPerLine / linesPerPage or body size in the book's design.yaml (or leave the counts out to have them chosen from the 开本), or choose a larger 开本.`;
  if (!fits(across, charsPerLine) || !fits(down, linesPerPage)) {
    throw tooLarge(trimMm, `a text block of ${charsPerLine} characters × ${linesPerPage} lines leaves less than the ${minMargin} mm minimum margin.`, hint);
  }
  if (charsPerLine < MIN_CHARS_PER_LINE || linesPerPage < MIN_LINES_PER_PAGE) {
    throw tooLarge(trimMm, `only ${charsPerLine} characters × ${linesPerPage} lines fit inside the ${minMargin} mm minimum margin (at least ${MIN_CHARS_PER_LINE} × ${MIN_LINES_PER_PAGE} are needed).`, hint);
  }
  const textWidth = charsPerLine * design.styles.body.size;
  const textHeight = linesPerPage * bodyLeading;
  const horizontal = width - textWidth;
  const vertical = height - textHeight;
  return {
    width,
    height,
    textWidth,
    textHeight,
    charsPerLine,
    linesPerPage,
    inner: horizontal * innerShare,
    outer: horizontal * (1 - innerShare),
    top: vertical * topShare,
    bottom: vertical * (1 - topShare),
  };
}

/**
 * How far the running head and folio reach beyond the text block (src/typeset/furniture.ts
 * places them): the head's baseline sits 3 pt above its rule, the folio's em box below the gap.
 */
export function furnitureReach(design: Design): FurnitureReach {
  const head = design.styles.runningHead.size ?? design.styles.body.size;
  const folio = design.styles.folio.size ?? design.styles.body.size;
  return { above: design.furniture.headGap + 3 + head, below: design.furniture.folioGap + folio };
}
