/**
 * English words in Chinese text, marked for the reading system's hyphenation. A reader
 * hyphenates only text whose language it knows and has patterns for, and the chapter's
 * language is Chinese: runs of English words get `lang="en"`, where the stylesheet turns on
 * `hyphens: auto`. Marked are the runs the PDF would hyphenate (src/cjk/hyphenate.ts
 * `divisionOf`): words of letters, not URLs, code, identifiers, numbers or acronyms, and
 * only runs with a word long enough to divide (six letters or more).
 */
import { divisionOf } from '../../cjk/hyphenate.js';

export interface TextPiece {
  text: string;
  english: boolean;
}

/** Runs of printable ASCII separated by single spaces: the Latin stretches of a Chinese text. */
const LATIN = /[\x21-\x7e]+(?: [\x21-\x7e]+)*/g;
const LONG_WORD = /[A-Za-z]{6}/;

function englishRuns(chunk: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let end = -1;
  let long = false;
  let at = 0;
  const close = (): void => {
    if (start >= 0 && long) runs.push([start, end]);
    start = -1;
    long = false;
  };
  for (const token of chunk.split(' ')) {
    if (divisionOf(token) === 'hyphenate') {
      if (start < 0) start = at;
      end = at + token.length;
      long ||= LONG_WORD.test(token);
    } else close();
    at += token.length + 1;
  }
  close();
  return runs;
}

export function markEnglish(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let done = 0;
  for (const match of text.matchAll(LATIN)) {
    for (const [from, to] of englishRuns(match[0])) {
      const start = match.index + from;
      if (start > done) pieces.push({ text: text.slice(done, start), english: false });
      pieces.push({ text: text.slice(start, match.index + to), english: true });
      done = match.index + to;
    }
  }
  if (done < text.length) pieces.push({ text: text.slice(done), english: false });
  return pieces;
}
