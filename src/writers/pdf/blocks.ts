/**
 * Block AST → pdfmake nodes. Paragraphs (body, quotations, notes) go through the CJK composer;
 * headings are kept with the first lines that follow them; an article's notes are set after
 * its body as 篇末注, each linked to its reference and back (see docs/print.md for why).
 */
import type { Measure } from '../../cjk/index.js';
import type { Block, Footnote, Inline } from '../../model/book.js';
import { FONT_KEYS, type StyleName, type Typography } from './design.js';
import { balanceHeadline } from './headline.js';
import { circledNumber, inlineText, renderInlines } from './inlines.js';
import { composedParagraph, flattenInlines, noteDestination, type RunStyle } from './paragraph.js';
import { figureSize, imageKey, type PdfImages } from './images.js';
import type { Content, Node } from './pdfmake.js';
import { tableNode } from './tables.js';

export interface BlockContext {
  typo: Typography;
  /** Width of the text block in points. */
  textWidth: number;
  /** Width of text through pdfmake's own font objects. */
  measure: Measure<RunStyle>;
  /** Leave paragraphs to pdfmake's own line breaking (the benchmark's baseline only). */
  plain?: boolean;
  /** Height of the text block in points: no figure is taller. */
  textHeight?: number;
  /** The book's figures, prepared by images.ts. */
  images?: PdfImages;
}

/** Where each top-level block of a chapter starts: its first laid-out node. */
export interface BlockAnchor {
  blockIndex: number;
  node: Node;
}

function headingStyle(level: number): StyleName {
  if (level === 2) return 'h2';
  if (level === 3) return 'h3';
  return 'h4';
}

export function rule(width: number, thickness = 0.5): Node {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: thickness }] };
}

/** One chapter's rendering state: the note prefix and the anchors of shared reference lines. */
interface ChapterScope {
  cx: BlockContext;
  chapterId: string;
  /** A reference whose line already carries another reference's destination. */
  sharedAnchors: Map<string, string>;
}

function paragraph(inlines: Inline[], style: StyleName, scope: ChapterScope, options: { indent?: number; inset?: number; lead?: Inline[] } = {}): Node[] {
  const { typo } = scope.cx;
  if (scope.cx.plain) return [{ ...typo.styled(style), text: renderInlines([...(options.lead ?? []), ...inlines]) }];
  const spec = typo.spec(style);
  const size = spec.size ?? typo.bodySize;
  const base: RunStyle = { font: FONT_KEYS[spec.font ?? 'body'], bold: spec.bold ?? false, size };
  const flat = { emphasisFont: FONT_KEYS.heading, notePrefix: scope.chapterId };
  const runs = flattenInlines([...(options.lead ?? []), ...inlines], base, flat);
  const lineStyle = typo.textStyle(style);
  delete lineStyle.alignment;
  delete lineStyle.leadingIndent;
  const inset = options.inset ?? 0;
  const composed = composedParagraph(
    runs,
    { base, indent: options.indent ?? (spec.indent ?? 0) * size, measure: scope.cx.textWidth - inset, lineStyle },
    scope.cx.measure,
  );
  for (const [from, to] of composed.sharedAnchors) scope.sharedAnchors.set(from, to);
  const margin = typo.space(style);
  if (inset === 0 && margin[1] === 0 && margin[3] === 0) return composed.nodes;
  return [{ stack: composed.nodes, margin: [inset, margin[1], 0, margin[3]] }];
}

function heading(block: Extract<Block, { type: 'heading' }>, cx: BlockContext): Node {
  const { typo } = cx;
  const style = headingStyle(block.level);
  const size = typo.spec(style).size ?? typo.bodySize;
  const plain = block.children.every((c) => c.type === 'text');
  // Plain headings are broken evenly; marked-up ones are left to pdfmake's greedy breaking.
  const text = plain
    ? balanceHeadline(inlineText(block.children), (cx.textWidth / size) * 0.98).join('\n')
    : renderInlines(block.children);
  // The id lets the TOC point at sections; it is unique in the book (chapter-prefixed).
  return { ...typo.styled(style), text, id: block.id };
}

function renderBlock(block: Block, scope: ChapterScope, inherited: StyleName): Node[] {
  const { cx } = scope;
  const { typo } = cx;
  switch (block.type) {
    case 'paragraph': {
      const image = soleImage(block.children);
      if (image) return figure(image, scope);
      return paragraph(block.children, inherited, scope, inherited === 'blockquote' ? { inset: typo.bodySize * 2 } : {});
    }
    case 'heading':
      return [heading(block, cx)];
    case 'list': {
      const items = block.items.map((item) => ({ stack: item.map((b) => renderListItem(b, cx)) }));
      return [
        block.ordered
          ? { ol: items, start: block.start, margin: [typo.bodySize * 2, 0, 0, 0] }
          : { ul: items, margin: [typo.bodySize * 2, 0, 0, 0] },
      ];
    }
    case 'blockquote':
      return block.children.flatMap((b) => renderBlock(b, scope, 'blockquote'));
    case 'codeBlock':
      return [{ ...typo.styled('code'), text: block.value.replace(/\n$/, ''), preserveLeadingSpaces: true }];
    case 'table':
      return [tableNode(block, cx)];
    case 'thematicBreak':
      return [{ text: '＊　＊　＊', alignment: 'center', margin: [0, 6, 0, 6] }];
  }
}

type ImageInline = Extract<Inline, { type: 'image' }>;

/** A paragraph that holds one image and nothing else (but white space) is a figure. */
function soleImage(inlines: Inline[]): ImageInline | undefined {
  const rest = inlines.filter((i) => !(i.type === 'text' && i.value.trim() === '') && i.type !== 'break');
  const only = rest.length === 1 ? rest[0] : undefined;
  return only?.type === 'image' ? only : undefined;
}

/**
 * A figure: the image centred, fitted to the measure and the text height (less the caption's
 * room), its title as the caption below. Alt text is for screens; print shows the picture.
 * Image and caption never part.
 */
function figure(image: ImageInline, scope: ChapterScope): Node[] {
  const { cx } = scope;
  const prepared = cx.images?.get(imageKey(scope.chapterId, image.src));
  if (!prepared) return [];
  const captionStyle = cx.typo.styled('tableCell');
  const captionHeight = image.title ? (captionStyle.fontSize ?? 9) * (captionStyle.lineHeight ?? 1.5) * 2 + 6 : 0;
  // Room for pdfmake's rounding and the figure's own margins.
  const maxHeight = (cx.textHeight ?? Number.POSITIVE_INFINITY) - captionHeight - 14;
  const size = figureSize(prepared, cx.textWidth, maxHeight);
  const stack: Content[] = [{ image: prepared.dataUrl, width: size.width, height: size.height, alignment: 'center' }];
  if (image.title) stack.push({ ...captionStyle, text: image.title, alignment: 'center', margin: [0, 6, 0, 0] });
  return [{ stack, unbreakable: true, margin: [0, 6, 0, 6] }];
}

/** List items are set by pdfmake beside their marker, without a first-line indent. */
function renderListItem(block: Block, cx: BlockContext): Content {
  if (block.type === 'paragraph') {
    return { ...cx.typo.textStyle('body'), alignment: 'left', leadingIndent: 0, text: renderInlines(block.children) };
  }
  return { text: inlineText(block.type === 'heading' ? block.children : []) };
}

/**
 * A chapter's body blocks. A heading travels with the first group of lines after it, so it is
 * never the last thing on a page.
 */
export function renderBody(
  blocks: Block[],
  cx: BlockContext,
  chapterId: string,
): { content: Content[]; anchors: BlockAnchor[]; sharedAnchors: Map<string, string> } {
  const scope = newScope(cx, chapterId);
  const content: Content[] = [];
  const anchors: BlockAnchor[] = [];
  let pendingHeading: Node[] = [];
  blocks.forEach((block, blockIndex) => {
    const nodes = renderBlock(block, scope, 'body');
    const first = firstLeaf(nodes[0]);
    if (first) {
      // pdfmake corrects the page of a moved unbreakable group's lines only for nodes with an
      // id; the id also gives every block a named destination.
      first.id ??= `${chapterId}-b${blockIndex}`;
      anchors.push({ blockIndex, node: first });
    }
    if (block.type === 'heading') {
      pendingHeading.push(...nodes);
      return;
    }
    if (pendingHeading.length > 0) {
      const [lead, ...rest] = nodes;
      // One unbreakable level: pdfmake misplaces the pages of groups nested in groups.
      const leadLines = lead?.unbreakable && lead.stack ? lead.stack : lead ? [lead] : [];
      content.push({ stack: [...pendingHeading, ...leadLines], unbreakable: true }, ...rest);
      pendingHeading = [];
      return;
    }
    content.push(...nodes);
  });
  content.push(...pendingHeading);
  return { content, anchors, sharedAnchors: scope.sharedAnchors };
}

/** The first leaf (text) node: stacks around it keep stale pages when a group moves. */
function firstLeaf(node: Node | undefined): Node | undefined {
  let leaf = node;
  while (leaf?.stack) leaf = leaf.stack[0] as Node | undefined;
  return leaf;
}

function newScope(cx: BlockContext, chapterId: string): ChapterScope {
  return { cx, chapterId, sharedAnchors: new Map() };
}

/** Notes after the body (篇末注): a short rule, then each note led by its circled number. */
export function renderNotes(notes: Footnote[], cx: BlockContext, chapterId: string, sharedAnchors: ReadonlyMap<string, string>): Content[] {
  if (notes.length === 0) return [];
  const { typo } = cx;
  const scope = newScope(cx, chapterId);
  const ruleSpec = typo.spec('footnoteRule');
  const out: Content[] = [
    { ...rule(cx.textWidth / 4), margin: [0, ruleSpec.spaceBefore ?? 0, 0, ruleSpec.spaceAfter ?? 0] },
  ];
  for (const note of notes) {
    const firstRef = note.refIds[0];
    const back = firstRef && (sharedAnchors.get(firstRef) ?? firstRef);
    // The number links back to the (first) reference; the note's first line is its destination.
    const marker: Inline = back
      ? { type: 'link', href: '', children: [{ type: 'text', value: `${circledNumber(note.number)}\u3000` }] }
      : { type: 'text', value: `${circledNumber(note.number)}\u3000` };
    note.blocks.forEach((block, i) => {
      const nodes =
        block.type === 'paragraph'
          ? paragraph(block.children, 'footnote', scope, { indent: 0, ...(i === 0 ? { lead: [marker] } : {}) })
          : renderBlock(block, scope, 'footnote');
      if (i === 0) markNote(nodes, noteDestination(chapterId, note.id), back);
      out.push(...nodes);
    });
  }
  return out;
}

/** Gives a note's first line its destination id and turns its number into a link back. */
function markNote(nodes: Node[], id: string, backTo: string | undefined): void {
  const first = firstLeaf(nodes[0]);
  if (!first) return;
  first.id ??= id;
  if (!backTo || !Array.isArray(first.text)) return;
  const head = first.text[0];
  if (head && typeof head !== 'string') {
    delete head.link;
    head.linkToDestination = backTo;
  }
}
