/**
 * The composer's rule for source spaces (src/cjk/units.ts) applied to a whole string, for text
 * set outside the composer (headings, titles, running heads): one full-width space between
 * ideographs however many the source had, one word space between Latin words, none next to
 * punctuation or between Chinese and Latin. A run holding an ideographic space becomes one.
 */
import { charKind } from './classes.js';

export function resolveSpaces(text: string): string {
  return text.trim().replace(/(\S)([ \t\u3000]+)(?=(\S))/gu, (_match, before: string, spaces: string, after: string) => {
    // An ideographic space was written on purpose (2.1　数据操作): one is kept, wherever it is.
    if (spaces.includes('\u3000')) return `${before}\u3000`;
    const a = charKind(before);
    const b = charKind(after);
    if (a === 'latin' && b === 'latin') return `${before} `;
    if (a === 'cjk' && (b === 'cjk' || b === 'open')) return `${before}\u3000`;
    return before;
  });
}
