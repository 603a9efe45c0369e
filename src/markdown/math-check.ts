/**
 * Every formula of a block is parsed when the chapter is read, so `check` and `build` both
 * report a formula that does not parse at its file, line and column (pointing at its opening
 * `$`), with MathJax's reason, before any output is written.
 */
import type { Token } from 'markdown-it';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderTex, TexError } from '../maths/tex.js';
import type { SourcePosition } from '../model/book.js';
import type { MathTokenMeta } from './math.js';

/** Line and column of `offset` in an inline source that starts at `base` (line, column 1). */
function positionAt(source: string, offset: number, base: SourcePosition): SourcePosition {
  const before = source.slice(0, offset);
  const lines = before.split('\n');
  const line = base.line + lines.length - 1;
  const column = (lines.length === 1 ? base.column - 1 : 0) + (lines.at(-1)?.length ?? 0) + 1;
  return { file: base.file, line, column };
}

export function checkMaths(inline: Token, base: SourcePosition): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const child of inline.children ?? []) {
    if (child.type !== 'math_inline' && child.type !== 'math_display') continue;
    const display = child.type === 'math_display';
    try {
      renderTex(child.content, display);
    } catch (error) {
      if (!(error instanceof TexError)) throw error;
      const offset = (child.meta as MathTokenMeta | null)?.offset ?? 0;
      const at = positionAt(inline.content, Math.max(0, offset - (display ? 2 : 1)), base);
      out.push({
        code: 'markdown/math-error',
        severity: 'error',
        message: `This formula does not parse: ${error.message}.`,
        ...at,
        hint: 'Correct the TeX between the $ signs (docs/technical.md lists what is supported); write a literal dollar sign as \\$.',
      });
    }
  }
  return out;
}
