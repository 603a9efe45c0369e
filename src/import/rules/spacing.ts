/**
 * Spaces between Chinese characters mean two different things in print, and the import keeps
 * them apart: letter-spacing inside a short label or name (`前 言`, `主 编`, `杨 力`) is layout
 * and goes; a gap between phrases of a headline (`高度重视 科学指导`) is meaning and becomes
 * an ideographic space U+3000.
 */
import { result, type RuleResult } from '../types.js';

const LETTER_SPACED = /^\p{Script=Han}(?:[ \t\u3000]+\p{Script=Han}){1,4}$/u;

export function isLetterSpaced(text: string): boolean {
  return LETTER_SPACED.test(text.trim());
}

export function collapseLetterSpacing(text: string, line: number): RuleResult<string> {
  if (!isLetterSpaced(text)) return result(text);
  const after = text.replace(/[ \t\u3000]+/g, '').trim();
  return result(after, [{ rule: 'letter-spacing', line, before: text, after }]);
}

const PHRASE_GAP = /(?<=[\p{Script=Han}”》）])[ \t\u3000]+(?=[\p{Script=Han}“《（])/gu;

/** `高度重视 科学指导` → `高度重视　科学指导`. */
export function ideographicGaps(text: string): string {
  return text.trim().replace(PHRASE_GAP, '\u3000');
}
