/**
 * `npx tsx bench/docx-import.ts`: the .docx import on 水浒传 as a Word manuscript (one
 * Heading 1 per chapter, one paragraph per corpus paragraph, written by the `docx` package),
 * a quarter and all of it. Prints the import time per 1000 characters and the whole/quarter
 * ratio of time per character: close to 1 means the import stays linear as books grow.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { importDocx } from '../src/import/docx/import-docx.js';
import { CORPUS } from './corpus-project.js';

async function manuscript(chapters: number): Promise<{ bytes: Uint8Array; characters: number }> {
  const files = (await readdir(CORPUS)).filter((f) => /^\d{3}\.txt$/.test(f)).sort().slice(0, chapters);
  const children: Paragraph[] = [];
  let characters = 0;
  for (const file of files) {
    const [heading = '', ...rest] = (await readFile(path.join(CORPUS, file), 'utf8')).split('\n');
    children.push(new Paragraph({ text: heading.trim(), heading: HeadingLevel.HEADING_1 }));
    for (const line of rest.map((l) => l.trim()).filter(Boolean)) {
      children.push(new Paragraph(line));
      characters += [...line].length;
    }
  }
  const doc = new Document({ title: '水浒传', creator: '施耐庵', sections: [{ children }] });
  return { bytes: new Uint8Array(await Packer.toBuffer(doc)), characters };
}

function time(bytes: Uint8Array): { ms: number; chapters: number } {
  // The best of three runs: the machine is shared, the minimum is the import's own cost.
  let best = Infinity;
  let chapters = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const result = importDocx(bytes, { source: 'shuihuzhuan.docx', acceptChanges: false, styleMap: new Map() });
    best = Math.min(best, performance.now() - start);
    if (!result.refused) chapters = result.book.chapters.length;
  }
  return { ms: best, chapters };
}

const all = (await readdir(CORPUS)).filter((f) => /^\d{3}\.txt$/.test(f)).length;
const quarter = await manuscript(Math.ceil(all / 4));
const whole = await manuscript(all);
// One warm-up run first, so neither case pays for compiling the code.
time(quarter.bytes);
const q = time(quarter.bytes);
const w = time(whole.bytes);
const perK = (ms: number, chars: number): number => (ms / chars) * 1000;
console.log('case            chars   docx KB  chapters  import ms  ms/1000 chars');
for (const [name, m, r] of [['quarter', quarter, q], ['whole', whole, w]] as const) {
  console.log(`${name.padEnd(10)}${String(m.characters).padStart(10)}${(m.bytes.length / 1024).toFixed(0).padStart(10)}${String(r.chapters).padStart(10)}${r.ms.toFixed(0).padStart(11)}${perK(r.ms, m.characters).toFixed(3).padStart(15)}`);
}
console.log(`whole/quarter time per character: ${(perK(w.ms, whole.characters) / perK(q.ms, quarter.characters)).toFixed(2)}`);
