/**
 * A copy of the sample whose second article has a real body with page-foot notes: every note
 * holds the token 第K条注文 so a reader of the PDF can find each one, some notes are long
 * enough to continue on the next page, and some paragraphs cite two notes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectWith } from './project.js';

const SENTENCE = '全国总工会坚持以改革创新精神推进工会工作，着力增强政治性、先进性、群众性，团结动员广大职工建功立业。';

function noteText(k: number): string {
  const long = k % 7 === 3 ? SENTENCE.repeat(9) : k % 3 === 0 ? SENTENCE.repeat(2) : '';
  return `第${k}条注文：见《中国工会改革创新实录》。${long}`;
}

/** The article's Markdown: `paragraphs` paragraphs, `notes` notes spread over them. */
export function notesArticle(paragraphs: number, notes: number): string {
  const body: string[] = [];
  let k = 0;
  for (let p = 0; p < paragraphs; p++) {
    let text = SENTENCE.repeat(1 + (p % 5));
    const here = Math.round(((p + 1) * notes) / paragraphs) - k;
    for (let j = 0; j < here; j++) {
      k++;
      const at = Math.min(text.length, 20 * (j + 1));
      text = `${text.slice(0, at)}[^n${k}]${text.slice(at)}`;
    }
    body.push(text);
  }
  const defs = Array.from({ length: notes }, (_, i) => `[^n${i + 1}]: ${noteText(i + 1)}`);
  return `${body.join('\n\n')}\n\n${defs.join('\n\n')}\n`;
}

export async function notesBook(paragraphs = 60, notes = 40): Promise<string> {
  const dir = await projectWith();
  const file = path.join(dir, 'chapters/1-02.md');
  const source = await readFile(file, 'utf8');
  const head = source.slice(0, source.indexOf('---', 3) + 3);
  await writeFile(file, `${head}\n\n${notesArticle(paragraphs, notes)}`);
  return dir;
}
