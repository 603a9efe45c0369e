/**
 * A chapter's blocks → flow items. Body paragraphs and quotations are set on the grid (one
 * slot per line); headings, figures, code and thematic breaks become boxes of whole slots;
 * tables become rows that may break across pages with their header repeated.
 */
import type { StyledText } from '../cjk/index.js';
import type { Block, Inline } from '../model/book.js';
import type { StyleName, Typography } from './design.js';
import { figureSize, type ImageSizes } from './figures.js';
import type { FontBook } from './fonts.js';
import { slotsFor, type Grid } from './grid.js';
import { balanceHeadline } from './headline.js';
import type { Box, FlowItem, Loosening, Para, RowBox, RunStyle, TextLine, TextRecipe } from './model.js';
import { withoutLoneChar } from './lone.js';
import { displayMathBox } from './maths.js';
import { codeFlow } from './code.js';
import { anchorId } from '../model/numbering.js';
import { Stack, styleOf } from './stack.js';
import { columnWidths } from './tables.js';
import { splitArticle } from '../kinds/article-inlines.js';
import { lawRank } from '../kinds/law.js';
import { resolveSpaces } from '../cjk/spaces.js';
import type { Structure } from '../kinds/presets.js';
import { flattenInlines, inlineText, naturalLine, recomposer, setRecipe, type FlattenContext } from './text.js';

export interface FlowContext {
  fonts: FontBook;
  typo: Typography;
  grid: Grid;
  /** Height of the text block in points: no figure is taller. */
  textHeight: number;
  images: ImageSizes;
  footNotes: boolean;
}

export interface ChapterScope {
  cx: FlowContext;
  chapterId: string;
}

function flat(scope: ChapterScope): FlattenContext {
  // 缺字 take the missingChar face at the size of the text around them (a note's, a quotation's).
  const face = { font: styleOf(scope.cx.typo, 'missingChar').font };
  return { codeFont: styleOf(scope.cx.typo, 'code').font, notePrefix: scope.chapterId, footNotes: scope.cx.footNotes, missing: { mark: face, note: face } };
}

interface InlineOptions {
  measure: number;
  indent?: number;
  lead?: Array<StyledText<RunStyle>>;
  /** Lines on the grid at this pitch (paragraphs): room is made for tall inline formulas. */
  pitch?: number;
}

/** What setting inline content in a style takes: styled runs and the measure (data). */
function recipeOf(inlines: Inline[], name: StyleName, scope: ChapterScope, options: InlineOptions): TextRecipe {
  const { typo } = scope.cx;
  const base = styleOf(typo, name);
  const runs = [...(options.lead ?? []), ...flattenInlines(inlines, base, flat(scope))];
  const indent = options.indent ?? (typo.spec(name).indent ?? 0) * base.size;
  return { runs, measure: options.measure, indent, size: base.size, ...(options.pitch ? { pitch: options.pitch } : {}) };
}

/** Inline content set as justified lines in a style. */
export function setInlines(inlines: Inline[], name: StyleName, scope: ChapterScope, options: InlineOptions & { loosen?: Loosening }): TextLine[] {
  return setRecipe(recipeOf(inlines, name, scope, options), scope.cx.fonts, options.loosen);
}

/** A paragraph on the grid; it can be set looser to keep a widow off a page. */
function paragraph(source: Inline[], name: StyleName, scope: ChapterScope, inset: number, blockIndex?: number, right = 0): Para {
  const measure = scope.cx.grid.width - inset - right;
  const article = inset === 0 && name === 'body' && scope.cx.typo.design.structure.articleNumbers ? splitArticle(source) : undefined;
  const inlines = article?.rest ?? source;
  const lead = article ? [{ text: `${article.number}\u3000`, style: styleOf(scope.cx.typo, 'articleNumber') }] : undefined;
  const recipe = recipeOf(inlines, name, scope, { measure, pitch: scope.cx.grid.pitch, ...(lead ? { lead } : {}) });
  const set = recomposer(recipe, scope.cx.fonts);
  const { lines, loosen } = withoutLoneChar(set, scope.cx.typo.size(name));
  return { kind: 'para', lines, inset, blockIndex, loosen, recipe, recompose: set };
}

/** The style of a heading: by its Markdown level, or by its words in a law book (第…章 → h3). */
function headingStyle(block: Extract<Block, { type: 'heading' }>, structure: Structure): StyleName {
  const level = (structure.headingRank === 'law' ? lawRank(inlineText(block.children)) : undefined) ?? block.level;
  if (level === 2) return 'h2';
  if (level === 3) return 'h3';
  return 'h4';
}

/** Lines of a headline, broken evenly, in whole slots with the style's space around it. */
export function headlineBox(texts: string[], name: StyleName, cx: FlowContext, extra: Partial<Box> = {}): Box {
  const { typo, fonts, grid } = cx;
  const size = typo.size(name);
  const spec = typo.spec(name);
  const lines = texts.flatMap((t) => balanceHeadline(t, (grid.width / size) * 0.98));
  const stack = new Stack(grid.width);
  const leading = typo.leading(name);
  const before = spec.spaceBefore ?? 0;
  const after = spec.spaceAfter ?? 0;
  const slots = slotsFor(before + lines.length * leading + after, grid.pitch);
  // The text sits after its space before, and the slack of the last slot is shared out.
  stack.space(before + (slots * grid.pitch - before - lines.length * leading - after) / 2);
  if (extra.outline?.[0]) stack.dest(extra.outline[0].id);
  for (const text of lines) stack.line(naturalLine(text, styleOf(typo, name), fonts), leading, spec.align ?? 'left');
  return { kind: 'box', slots, items: stack.items, ...extra };
}

function heading(block: Extract<Block, { type: 'heading' }>, scope: ChapterScope, blockIndex: number): Box {
  const box = headlineBox([resolveSpaces(inlineText(block.children))], headingStyle(block, scope.cx.typo.design.structure), scope.cx, { keepWithNext: true, blockIndex });
  const first = box.items.find((i) => i.kind === 'text');
  const y = first?.kind === 'text' ? Math.max(0, first.baseline - first.line.size * 1.2) : 0;
  box.items.unshift({ kind: 'dest', name: block.id, x: 0, y });
  return box;
}

type ImageInline = Extract<Inline, { type: 'image' }>;

/** A paragraph that holds one image and nothing else (but white space) is a figure. */
function soleImage(inlines: Inline[]): ImageInline | undefined {
  const rest = inlines.filter((i) => !(i.type === 'text' && i.value.trim() === '') && i.type !== 'break');
  const only = rest.length === 1 ? rest[0] : undefined;
  return only?.type === 'image' ? only : undefined;
}

export function imageKey(chapterId: string, src: string): string {
  return `${chapterId}\u0000${src}`;
}

/**
 * A figure: the image centred, fitted to the measure and the text height (less the caption's
 * room), its caption (图n-k　title) centred below, image and caption in one box of whole slots.
 * `caption` undefined: a bare image (an image paragraph of an older model), no caption line.
 */
function figure(image: ImageInline, scope: ChapterScope, blockIndex: number, caption?: string, anchor?: string): Box | undefined {
  const { cx } = scope;
  const key = imageKey(scope.chapterId, image.src);
  const prepared = cx.images.get(key);
  if (!prepared) return undefined;
  const { typo, fonts, grid } = cx;
  const captionLeading = typo.leading('caption');
  const captionHeight = caption ? captionLeading + 6 : 0;
  const size = figureSize(prepared, grid.width, cx.textHeight - captionHeight - grid.pitch);
  const slots = slotsFor(size.height + captionHeight + 12, grid.pitch);
  const stack = new Stack(grid.width);
  stack.space((slots * grid.pitch - size.height - captionHeight) / 2);
  if (anchor) stack.dest(anchor);
  const place = { x: (grid.width - size.width) / 2, y: stack.y, width: size.width, height: size.height };
  stack.items.push(prepared.vector ? { kind: 'vector', role: 'figure', ...place, graphic: prepared.vector } : { kind: 'image', ...place, image: { key } });
  stack.space(size.height + 6);
  if (caption) stack.text(caption, 'caption', typo, fonts, 'center');
  return { kind: 'box', slots, items: stack.items, blockIndex };
}

/** 图2-1　标题: the number, an ideographic space, the caption (the number alone when there is none). */
export function numberedCaption(number: string | undefined, caption: string | undefined): string | undefined {
  const parts = [number, caption].filter((p): p is string => Boolean(p?.trim()));
  return parts.length > 0 ? parts.join('\u3000') : undefined;
}

const THEMATIC_BREAK = '＊　＊　＊';

/** List items beside their markers (一、 1. •), on the grid, with a hanging indent. */
function list(block: Extract<Block, { type: 'list' }>, scope: ChapterScope, blockIndex: number, inset: number, right: number): FlowItem[] {
  const { typo, fonts } = scope.cx;
  const hang = typo.bodySize * 2;
  const out: FlowItem[] = [];
  block.items.forEach((item, n) => {
    const marker = block.ordered ? `${block.start + n}.` : '•';
    item.forEach((child, i) => {
      for (const flow of renderBlock(child, scope, blockIndex, inset + hang, 'listItem', right)) {
        if (i === 0 && flow.kind === 'para' && flow.lines[0]) {
          const first = flow.lines[0];
          const mark = naturalLine(marker, styleOf(typo, 'listItem'), fonts);
          const runs = mark.runs.map((r) => ({ ...r, x: r.x - hang }));
          flow.lines = [{ ...first, runs: [...runs, ...first.runs] }, ...flow.lines.slice(1)];
          flow.recompose = undefined;
          flow.recipe = undefined;
        }
        if (flow.kind !== 'gap') flow.blockIndex = n === 0 && i === 0 ? blockIndex : undefined;
        out.push(flow);
      }
    });
  });
  return out;
}

function tableRows(block: Extract<Block, { type: 'table' }>, scope: ChapterScope, blockIndex: number): FlowItem[] {
  const { typo, grid } = scope.cx;
  const size = typo.size('tableCell');
  const widths = columnWidths([block.head, ...block.rows], grid.width, size);
  const padding = 8;
  const row = (cells: Inline[][], bold: boolean, rules: { top?: number; bottom?: number }): RowBox => {
    const leading = typo.leading('tableCell');
    const set = cells.map((cell, c) => {
      const lines = setInlines(bold ? [{ type: 'strong', children: cell }] : cell, 'tableCell', scope, { measure: widths[c] ?? 10, indent: 0 });
      return lines;
    });
    const height = Math.max(1, ...set.map((l) => l.length)) * leading + 8;
    const items: RowBox['items'] = [];
    let x = 0;
    set.forEach((lines, c) => {
      const stack = new Stack(widths[c] ?? 10).space(4);
      const align = block.align[c] ?? 'left';
      for (const line of lines) stack.line(line, leading, align === 'center' || align === 'right' ? align : 'left');
      for (const item of stack.items) if (item.kind === 'text') items.push({ ...item, x: item.x + x });
      x += (widths[c] ?? 0) + padding * 2;
    });
    if (rules.top) items.push({ kind: 'rule', x1: 0, y1: 0, x2: grid.width, y2: 0, width: rules.top });
    if (rules.bottom) items.push({ kind: 'rule', x1: 0, y1: height, x2: grid.width, y2: height, width: rules.bottom });
    return { height, items };
  };
  // 三线表: a heavy rule above the header and below the last row, a light one under the header.
  const header = row(block.head, true, { top: 0.75, bottom: 0.4 });
  const rows = block.rows.map((r, i) => row(block.head.map((_, c) => r[c] ?? []), false, i === block.rows.length - 1 ? { bottom: 0.75 } : {}));
  // 表题 above the table (figures have theirs below), kept with the table.
  const title = numberedCaption(block.number, block.caption);
  const head: FlowItem[] = [];
  if (title) {
    const stack = new Stack(grid.width);
    if (block.label) stack.dest(anchorId(block.label));
    stack.space(4).text(title, 'caption', typo, scope.cx.fonts, 'center');
    head.push({ kind: 'box', slots: slotsFor(stack.y, grid.pitch), items: stack.items, keepWithNext: true, blockIndex });
  }
  // 续表 (with the table's number) at the right above the header repeated on a later page.
  const label = new Stack(grid.width).space(2).text(`续${block.number ?? '表'}`, 'caption', typo, scope.cx.fonts, 'right');
  const continued = { height: label.y + 2, items: label.items };
  return [{ kind: 'gap', slots: 1 }, ...head, { kind: 'rows', header, rows, continued, ...(title ? {} : { blockIndex }) }, { kind: 'gap', slots: 1 }];
}

/**
 * A block quotation: indented two characters on both sides, in the quotation style (楷体 in the
 * house design once the role exists), with a whole grid line of space above and below.
 */
function quotation(block: Extract<Block, { type: 'blockquote' }>, scope: ChapterScope, blockIndex: number, inset: number, right: number): FlowItem[] {
  const indent = scope.cx.typo.bodySize * 2;
  const inner = block.children
    .flatMap((b, i) => renderBlock(b, scope, i === 0 ? blockIndex : -2, inset + indent, 'blockquote', right + indent))
    .map((item) => (item.kind === 'para' && item.blockIndex === -2 ? { ...item, blockIndex: undefined } : item));
  // A quotation inside a quotation gets no second space of its own.
  return inset === 0 ? [{ kind: 'gap', slots: 1 }, ...inner, { kind: 'gap', slots: 1 }] : inner;
}

/** `right`: how far the block stays in from the right edge (quotations). */
export function renderBlock(block: Block, scope: ChapterScope, blockIndex: number, inset: number, style: StyleName, right = 0): FlowItem[] {
  const { cx } = scope;
  switch (block.type) {
    case 'paragraph': {
      const image = soleImage(block.children);
      if (image) {
        const box = figure(image, scope, blockIndex, image.title);
        return box ? [box] : [];
      }
      return [paragraph(block.children, style, scope, inset, blockIndex, right)];
    }
    case 'heading':
      return [heading(block, scope, blockIndex)];
    case 'list':
      return list(block, scope, blockIndex, inset, right);
    case 'blockquote':
      return quotation(block, scope, blockIndex, inset, right);
    case 'codeBlock':
      return codeFlow(block.value, { fonts: cx.fonts, grid: cx.grid, style: styleOf(cx.typo, 'code'), padding: cx.typo.bodySize * 0.5 }, blockIndex);
    case 'table':
      return tableRows(block, scope, blockIndex);
    case 'thematicBreak':
      return [headlineBox([THEMATIC_BREAK], 'body', cx, { blockIndex })];
    case 'math': {
      const numberLine = block.number ? naturalLine(block.number, styleOf(cx.typo, 'body'), cx.fonts) : undefined;
      const box = displayMathBox(block, { fonts: cx.fonts, grid: cx.grid, size: cx.typo.bodySize, space: cx.typo.bodySize * 0.5 }, numberLine, blockIndex);
      if (block.label) box.items.unshift({ kind: 'dest', name: anchorId(block.label), x: 0, y: 0 });
      return [box];
    }
    case 'figure': {
      const box = figure(block.image, scope, blockIndex, numberedCaption(block.number, block.caption), block.label ? anchorId(block.label) : undefined);
      return box ? [box] : [];
    }
  }
}

/**
 * Space between two blocks that each want space around them (two code blocks, a table after a
 * listing) is the larger of the two, not their sum: one empty slot, as between text and a block.
 */
export function collapseGaps(items: FlowItem[]): FlowItem[] {
  const out: FlowItem[] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (item.kind === 'gap' && last?.kind === 'gap') out[out.length - 1] = { ...last, slots: Math.max(last.slots, item.slots) };
    else out.push(item);
  }
  return out;
}

export function renderBody(blocks: Block[], scope: ChapterScope): FlowItem[] {
  return collapseGaps(blocks.flatMap((block, i) => renderBlock(block, scope, i, 0, 'body')));
}
