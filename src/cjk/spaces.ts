/**
 * The composer's rule for source spaces (src/cjk/units.ts) applied to a whole string, for text
 * set outside the composer (headings, titles, running heads): one full-width space between
 * ideographs however many the source had, one word space between Latin words, none next to
 * punctuation or between Chinese and Latin.
 */
import { charKind } from './classes.js';

export function resolveSpaces(text: string): string {
  return text.trim().replace(/(\S)[ \t\u3000]+(?=(\S))/gu, (_match, before: string, after: string) => {
    const a = charKind(before);
    const b = charKind(after);
    if (a === 'latin' && b === 'latin') return `${before} `;
    if (a === 'cjk' && (b === 'cjk' || b === 'open')) return `${before}\u3000`;
    return before;
  });
}
