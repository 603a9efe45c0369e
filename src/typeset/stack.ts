/**
 * A vertical stack of lines and rules with real leadings, for blocks that sit off the grid
 * inside a box (titles, headings, captions, table cells, the copyright page).
 */
import type { Alignment, StyleName, Typography } from './design.js';
import type { FontBook } from './fonts.js';
import { centredBaseline } from './grid.js';
import { balanceHeadline } from './headline.js';
import type { PageItem, RunStyle, TextLine } from './model.js';
import { lineWidth, naturalLine } from './text.js';

export function styleOf(typo: Typography, name: StyleName): RunStyle {
  const spec = typo.spec(name);
  return { font: spec.font ?? 'body', bold: spec.bold ?? false, size: typo.size(name) };
}

export class Stack {
  readonly items: PageItem[] = [];
  y = 0;

  constructor(readonly width: number) {}

  space(points: number): this {
    this.y += points;
    return this;
  }

  /** One line in a band of `leading` points, aligned in the stack's width (offset by `inset`). */
  line(line: TextLine, leading: number, align: Alignment = 'left', inset = 0): this {
    const w = lineWidth(line);
    const free = this.width - inset - w;
    const x = inset + (align === 'center' ? free / 2 : align === 'right' ? free : 0);
    this.items.push({ kind: 'text', x, baseline: centredBaseline(this.y, leading, line.size), line });
    this.y += leading;
    return this;
  }

  /**
   * Plain text in a design style: one line, or balanced lines when it is wider than the stack
   * (a long subtitle on a 32开 page), so nothing runs past the text block.
   */
  text(text: string, name: StyleName, typo: Typography, fonts: FontBook, align?: Alignment): this {
    const style = styleOf(typo, name);
    const whole = naturalLine(text, style, fonts);
    const parts = lineWidth(whole) <= this.width ? [text] : balanceHeadline(text, (this.width / style.size) * 0.98);
    for (const part of parts) {
      this.line(parts.length === 1 ? whole : naturalLine(part, style, fonts), typo.leading(name), align ?? typo.spec(name).align ?? 'left');
    }
    return this;
  }

  rule(x1: number, x2: number, width: number): this {
    this.items.push({ kind: 'rule', x1, y1: this.y, x2, y2: this.y, width });
    return this;
  }

  dest(name: string): this {
    this.items.push({ kind: 'dest', name, x: 0, y: this.y });
    return this;
  }
}
