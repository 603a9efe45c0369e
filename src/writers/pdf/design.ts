/**
 * The page design (templates/pdf/design.yaml) and its translation into pdfmake node properties.
 * Styles are applied by spreading `styled(name)` into a node rather than through pdfmake's style
 * dictionary, so a missing style name is a type error here instead of silent default text.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { FontConfig, FontRoleName } from '../../fonts/config.js';
import { naturalLineHeight } from './font-metrics.js';
import type { Alignment, Node } from './pdfmake.js';

export const DESIGN_FILE = new URL('../../../templates/pdf/design.yaml', import.meta.url);

export interface StyleSpec {
  font?: FontRoleName;
  bold?: boolean;
  size?: number;
  /** Baseline-to-baseline distance in ems of `size`. */
  leading?: number;
  align?: Alignment;
  /** First-line indent in ems. */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

const STYLE_NAMES = [
  'body', 'h2', 'h3', 'h4', 'blockquote', 'code', 'tableCell', 'footnoteRule', 'footnote',
  'sectionLabel', 'articleTitle', 'articleSubtitle', 'articleDate', 'byline', 'articleHeadEnd',
  'partLabel', 'partTitle', 'tocPart', 'tocEntry', 'tocSection', 'tocNumber',
  'titleMain', 'titlePartNumber', 'titleSubtitle', 'titleResponsibility', 'titlePublisher',
  'cipHeading', 'cip', 'cipRule', 'recordTitle', 'record', 'notice', 'rights',
  'boardEntry', 'boardBlock', 'runningHead', 'folio',
] as const;

export type StyleName = (typeof STYLE_NAMES)[number];

export interface Design {
  textBlock: { charsPerLine: number; linesPerPage: number; innerShare: number; topShare: number };
  furniture: { folioGap: number; headGap: number; headRule: number };
  toc: { sectionLevels: number[] };
  styles: Record<StyleName, StyleSpec> & { body: Required<Pick<StyleSpec, 'size' | 'leading'>> & StyleSpec };
}

export async function loadDesign(file: URL = DESIGN_FILE): Promise<Design> {
  const raw = parse(await readFile(file, 'utf8')) as Partial<Design>;
  const missing = STYLE_NAMES.filter((name) => !raw.styles?.[name]);
  if (!raw.textBlock || !raw.furniture || !raw.toc || missing.length > 0) {
    throw new Error(`internal: ${file.pathname} lacks textBlock, furniture, toc or styles ${missing.join(', ')}`);
  }
  const body = raw.styles?.body;
  if (typeof body?.size !== 'number' || typeof body.leading !== 'number') {
    throw new Error(`internal: ${file.pathname}: styles.body needs size and leading`);
  }
  return raw as Design;
}

/** The pdfmake font key of each role (registered under these names in render.ts). */
export const FONT_KEYS: Record<FontRoleName, string> = { body: 'body', heading: 'heading' };

export class Typography {
  private constructor(
    readonly design: Design,
    /** Natural line height in ems per font role, for turning leading into pdfmake lineHeight. */
    private readonly natural: Record<FontRoleName, number>,
  ) {}

  static async create(design: Design, fonts: FontConfig): Promise<Typography> {
    const [body, heading] = await Promise.all([
      naturalLineHeight(fonts.body.normal),
      naturalLineHeight(fonts.heading.normal),
    ]);
    return new Typography(design, { body, heading });
  }

  spec(name: StyleName): StyleSpec {
    return this.design.styles[name];
  }

  get bodySize(): number {
    return this.design.styles.body.size;
  }

  /** Body line pitch in points. */
  get bodyLeading(): number {
    return this.design.styles.body.size * this.design.styles.body.leading;
  }

  /** Node properties for a style; vertical space becomes the node's margin. */
  styled(name: StyleName): Node {
    const s = this.spec(name);
    const role = s.font ?? 'body';
    const size = s.size ?? this.bodySize;
    const node: Node = {};
    if (s.font) node.font = FONT_KEYS[role];
    if (s.bold !== undefined) node.bold = s.bold;
    if (s.size !== undefined) node.fontSize = size;
    if (s.leading !== undefined) node.lineHeight = s.leading / this.natural[role];
    if (s.align) node.alignment = s.align;
    if (s.indent) node.leadingIndent = s.indent * size;
    if (s.spaceBefore || s.spaceAfter) node.margin = [0, s.spaceBefore ?? 0, 0, s.spaceAfter ?? 0];
    return node;
  }

  /** Like `styled` but without vertical space, for lines inside a larger block. */
  textStyle(name: StyleName): Node {
    const node = this.styled(name);
    delete node.margin;
    return node;
  }

  /** Vertical space of a style as a margin, for wrapping blocks. */
  space(name: StyleName): [number, number, number, number] {
    const s = this.spec(name);
    return [0, s.spaceBefore ?? 0, 0, s.spaceAfter ?? 0];
  }

  /** pdfmake's default style: the body face, size and leading every node inherits. */
  defaultStyle(): Node {
    const s = this.design.styles.body;
    return {
      font: FONT_KEYS.body,
      fontSize: s.size,
      lineHeight: s.leading / this.natural.body,
    };
  }
}
