/**
 * Page geometry: the trimmed page size from the book's 开本 (templates/pdf/formats.yaml) and the
 * text block and margins from the design's character grid.
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

/**
 * Builds the text block from whole characters and lines, then shares the white space out as
 * the design says. `bodyLeading` is the body line pitch in points.
 */
export function pageGeometry(trimMm: [number, number], design: Design, bodyLeading: number): PageGeometry {
  const width = trimMm[0] * POINTS_PER_MM;
  const height = trimMm[1] * POINTS_PER_MM;
  const { charsPerLine, linesPerPage, innerShare, topShare } = design.textBlock;
  const textWidth = charsPerLine * design.styles.body.size;
  const textHeight = linesPerPage * bodyLeading;
  if (textWidth >= width || textHeight >= height) {
    throw new BuildFailure([
      {
        code: 'pdf/text-block-too-large',
        severity: 'error',
        message: `A text block of ${charsPerLine} characters × ${linesPerPage} lines does not fit a ${trimMm[0]}×${trimMm[1]} mm page.`,
        file: 'templates/pdf/design.yaml',
        hint: 'Lower textBlock.charsPerLine or textBlock.linesPerPage.',
      },
    ]);
  }
  const horizontal = width - textWidth;
  const vertical = height - textHeight;
  return {
    width,
    height,
    textWidth,
    textHeight,
    inner: horizontal * innerShare,
    outer: horizontal * (1 - innerShare),
    top: vertical * topShare,
    bottom: vertical * (1 - topShare),
  };
}
