/**
 * A paragraph that is one `$$…$$` formula is a display block. The label marker d2l-book
 * writes on the line after it (`:eqlabel:` followed by the name in backticks) names the
 * equation, so it is numbered and `:eqref:` can point at it.
 */
import type { Block, Inline, SourcePosition } from '../model/book.js';

const LABEL_MARKER = /^\s*:eqlabel:\s*$/;

function blank(inline: Inline): boolean {
  return (inline.type === 'text' && inline.value.trim() === '') || inline.type === 'break';
}

export function displayMath(children: Inline[], pos: SourcePosition): Extract<Block, { type: 'math' }> | undefined {
  const rest = children.filter((c) => !blank(c));
  const [first, marker, name, ...more] = rest;
  if (first?.type !== 'math' || !first.display) return undefined;
  if (rest.length === 1) return { type: 'math', tex: first.tex, pos };
  if (more.length === 0 && marker?.type === 'text' && LABEL_MARKER.test(marker.value) && name?.type === 'code') {
    return { type: 'math', tex: first.tex, label: name.value.trim(), pos };
  }
  return undefined;
}
