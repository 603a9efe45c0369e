/**
 * Block AST → pdfmake nodes, and an article's notes set after its body (page-foot notes are a
 * later issue).
 */
import type { Block, Footnote } from '../../model/book.js';
import type { StyleName, Typography } from './design.js';
import { balanceHeadline } from './headline.js';
import { circledNumber, inlineText, renderInlines } from './inlines.js';
import type { Content, Node, TextRun } from './pdfmake.js';

export interface BlockContext {
  typo: Typography;
  /** Width of the text block in points, for rules. */
  textWidth: number;
}

function headingStyle(level: number): StyleName {
  if (level === 2) return 'h2';
  if (level === 3) return 'h3';
  return 'h4';
}

export function rule(width: number, thickness = 0.5): Node {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: thickness }] };
}

function renderBlock(block: Block, cx: BlockContext, inherited: StyleName): Content {
  const { typo } = cx;
  switch (block.type) {
    case 'paragraph':
      return { ...typo.styled(inherited), text: renderInlines(block.children) };
    case 'heading': {
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
    case 'list': {
      const items = block.items.map((item) => ({ stack: item.map((b) => renderListItem(b, cx)) }));
      return block.ordered
        ? { ol: items, start: block.start, margin: [typo.bodySize * 2, 0, 0, 0] }
        : { ul: items, margin: [typo.bodySize * 2, 0, 0, 0] };
    }
    case 'blockquote':
      return {
        stack: block.children.map((b) => renderBlock(b, cx, 'blockquote')),
        margin: [typo.bodySize * 2, 0, 0, 0],
      };
    case 'codeBlock':
      return { ...typo.styled('code'), text: block.value.replace(/\n$/, ''), preserveLeadingSpaces: true };
    case 'table': {
      const cell = (inlines: Parameters<typeof renderInlines>[0]): Node => ({
        ...typo.styled('tableCell'),
        text: renderInlines(inlines),
      });
      const head = block.head.map((c) => ({ ...cell(c), bold: true }));
      return {
        table: { widths: block.head.map(() => '*'), body: [head, ...block.rows.map((r) => r.map(cell))] },
        layout: 'lightHorizontalLines',
        margin: [0, 6, 0, 6],
      };
    }
    case 'thematicBreak':
      return { text: '＊　＊　＊', alignment: 'center', margin: [0, 6, 0, 6] };
  }
}

/** List items are not indented paragraphs: the marker already sets them off. */
function renderListItem(block: Block, cx: BlockContext): Content {
  const node = renderBlock(block, cx, 'body');
  if (typeof node !== 'string' && block.type === 'paragraph') delete node.leadingIndent;
  return node;
}

export function renderBlocks(blocks: Block[], cx: BlockContext): Content[] {
  return blocks.map((b) => renderBlock(b, cx, 'body'));
}

/** Notes after the body: a short rule, then each note led by its circled number. */
export function renderFootnotes(notes: Footnote[], cx: BlockContext): Content[] {
  if (notes.length === 0) return [];
  const { typo } = cx;
  const ruleSpec = typo.spec('footnoteRule');
  const out: Content[] = [
    { ...rule(cx.textWidth / 4), margin: [0, ruleSpec.spaceBefore ?? 0, 0, ruleSpec.spaceAfter ?? 0] },
  ];
  for (const note of notes) {
    const marker: TextRun = { text: `${circledNumber(note.number)}\u3000` };
    note.blocks.forEach((block, i) => {
      const runs =
        block.type === 'paragraph' ? renderInlines(block.children) : [];
      if (block.type === 'paragraph') {
        out.push({ ...typo.styled('footnote'), text: i === 0 ? [marker, ...runs] : runs });
      } else {
        const node = renderBlock(block, cx, 'footnote');
        out.push(i === 0 ? { stack: [{ ...typo.styled('footnote'), text: [marker] }, node] } : node);
      }
    });
  }
  return out;
}
