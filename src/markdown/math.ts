/**
 * TeX maths in Markdown: `$…$` inline, `$$…$$` display (on its own line it is a display
 * block). The rule runs before markdown-it's escapes and emphasis, so `\\`, `_` and `*`
 * inside a formula stay TeX. Pandoc's rules keep prices and shell variables out of maths: an
 * opening `$` must not be followed by white space, a closing one must not follow white space
 * nor be followed by a digit, and `\$` is a literal dollar.
 */
import type { MarkdownIt as MarkdownItInstance, StateInline } from 'markdown-it';

export interface MathTokenMeta {
  /** Offset of the formula's first character in the inline source (for line and column). */
  offset: number;
}

const DOLLAR = 0x24;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Index of the closing delimiter of a formula whose content starts at `from`, or -1. */
function closing(src: string, from: number, display: boolean): number {
  for (let i = from; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if (code === 0x5c) {
      i++; // \$ and \\ are part of the formula
      continue;
    }
    if (code !== DOLLAR) continue;
    if (display) {
      if (src.charCodeAt(i + 1) === DOLLAR) return i;
      continue;
    }
    if (!isSpace(src.charCodeAt(i - 1)) && !isDigit(src.charCodeAt(i + 1))) return i;
  }
  return -1;
}

function mathRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  const display = src.charCodeAt(pos + 1) === DOLLAR;
  const open = display ? 2 : 1;
  const from = pos + open;
  if (from >= src.length || (!display && isSpace(src.charCodeAt(from)))) return false;
  const end = closing(src, from, display);
  if (end < 0 || end === from) return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.content = src.slice(from, end);
    token.meta = { offset: from } satisfies MathTokenMeta;
  }
  state.pos = end + open;
  return true;
}

export function mathPlugin(md: MarkdownItInstance): void {
  md.inline.ruler.before('escape', 'math', mathRule);
}
