/**
 * Numbers figures, tables and labelled equations per chapter and resolves cross-references,
 * once for both writers. The rule (docs/technical.md): the chapters of the book's parts are
 * numbered 1, 2 … in reading order (front matter has no number); in chapter n, figures are
 * 图n-1, 图n-2 …, tables 表n-1 …, labelled display formulas (n-1) …; an unlabelled formula has
 * no number. In front matter the numbers have no chapter part (图1, 表1, (1)). A reference to a
 * chapter reads 第n章, to a section its title in quotes.
 *
 * Runs on the freshly assembled book and fills its fields in place (number, ref text and target):
 * nothing else holds these objects yet.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { allChapters, type Block, type Book, type Chapter, type Inline } from './book.js';
import { inlineRuns } from './walk.js';

export interface RefTarget {
  text: string;
  chapterId: string;
  /** Element id in the chapter (an anchor the writers set), or the chapter id for the chapter itself. */
  id: string;
}

/** An XML id (and PDF destination name) for a label: letters, digits, _ - . only, never a leading digit. */
export function anchorId(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? `ref-${clean}` : `ref-_${clean}`;
}

function plain(inlines: Inline[]): string {
  return inlines.map((i) => (i.type === 'text' || i.type === 'code' ? i.value : 'children' in i ? plain(i.children) : '')).join('');
}

class Numberer {
  readonly labels = new Map<string, RefTarget>();
  readonly diagnostics: Diagnostic[] = [];
  private counts = { figure: 0, table: 0, equation: 0 };

  constructor(private readonly chapter: Chapter) {}

  private register(label: string | undefined, text: string, id: string, block: Block | Chapter): void {
    if (!label) return;
    if (this.labels.has(label)) {
      const pos = block.pos;
      this.diagnostics.push({ code: 'markdown/duplicate-label', severity: 'warning', message: `The label \`${label}\` is used a second time here; references go to the first.`, ...pos, hint: 'Give each figure, table, equation and section its own label.' });
      return;
    }
    this.labels.set(label, { text, chapterId: this.chapter.id, id });
  }

  private number(n: number): string {
    const chapter = this.chapter.number;
    return chapter === undefined ? String(n) : `${chapter}-${n}`;
  }

  blocks(blocks: Block[]): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'figure':
          block.number = `图${this.number(++this.counts.figure)}`;
          this.register(block.label, block.number, anchorId(block.label ?? ''), block);
          break;
        case 'table':
          block.number = `表${this.number(++this.counts.table)}`;
          this.register(block.label, block.number, anchorId(block.label ?? ''), block);
          break;
        case 'math':
          if (block.label) {
            block.number = `(${this.number(++this.counts.equation)})`;
            this.register(block.label, block.number, anchorId(block.label), block);
          }
          break;
        case 'heading':
          this.register(block.label, `“${plain(block.children)}”`, block.id, block);
          break;
        case 'list':
          for (const item of block.items) this.blocks(item);
          break;
        case 'blockquote':
          this.blocks(block.children);
          break;
        default:
          break;
      }
    }
  }
}

function resolve(inlines: Inline[], labels: Map<string, RefTarget>, unresolved: (label: string) => void): void {
  for (const inline of inlines) {
    if (inline.type === 'ref') {
      const target = labels.get(inline.label);
      if (target) {
        inline.text = target.text;
        inline.target = { chapterId: target.chapterId, id: target.id };
      } else {
        inline.text = inline.label;
        unresolved(inline.label);
      }
    } else if ('children' in inline) resolve(inline.children, labels, unresolved);
  }
}

/** Numbers the book in place; warnings for unresolved references and duplicate labels. */
export function numberBook(book: Book): Diagnostic[] {
  book.parts.flatMap((p) => p.chapters).forEach((chapter, i) => {
    chapter.number = i + 1;
  });
  const labels = new Map<string, RefTarget>();
  const diagnostics: Diagnostic[] = [];
  for (const chapter of allChapters(book)) {
    const numberer = new Numberer(chapter);
    if (chapter.xrefLabel) numberer.labels.set(chapter.xrefLabel, { text: chapter.number ? `第${chapter.number}章` : `“${chapter.title}”`, chapterId: chapter.id, id: chapter.id });
    numberer.blocks(chapter.blocks);
    diagnostics.push(...numberer.diagnostics);
    for (const [label, target] of numberer.labels) if (!labels.has(label)) labels.set(label, target);
  }
  for (const chapter of allChapters(book)) {
    const blocks = [...chapter.blocks, ...chapter.footnotes.flatMap((n) => n.blocks)];
    for (const { inlines, block } of inlineRuns(blocks)) {
      resolve(inlines, labels, (label) =>
        diagnostics.push({
          code: 'markdown/unresolved-ref',
          severity: 'warning',
          message: `Nothing in the book is labelled \`${label}\`; the reference prints the label itself.`,
          ...block.pos,
          hint: 'Check the name against the :label: (or :eqlabel:) it points at, or add the chapter that holds it to book.yaml.',
        }),
      );
    }
  }
  return diagnostics;
}
