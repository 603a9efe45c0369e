/**
 * Chosen chapters of 水浒传 (../shared/corpus/shuihuzhuan, read in place, never copied into the
 * repository) as a novel project on 正32开: the conversion of bench/corpus-project.ts, for named
 * chapters (楔子 is 000), with `kind: novel` unless another design is given.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { CORPUS } from '../../bench/corpus-project.js';
import { tempDir } from './project.js';
import { SAMPLE_DIR } from './sample.js';

export async function novelProject(numbers: number[], design: Record<string, unknown> = { kind: 'novel' }): Promise<string> {
  const dir = await tempDir('hanpress-novel-');
  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  const chapters: string[] = [];
  let characters = 0;
  for (const n of numbers) {
    const [heading = '', ...rest] = (await readFile(path.join(CORPUS, `${String(n).padStart(3, '0')}.txt`), 'utf8')).split('\n');
    // The corpus indents paragraphs with spaces and tabs; Markdown would read them as code.
    const paragraphs = rest.map((line) => line.trim()).filter(Boolean);
    characters += Array.from(heading + paragraphs.join('')).length;
    const name = `chapters/${String(n).padStart(3, '0')}.md`;
    await writeFile(path.join(dir, name), `---\n${stringify({ title: heading.trim() })}---\n\n${paragraphs.join('\n\n')}\n`);
    chapters.push(name);
  }
  const meta = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
  meta.slug = 'shuihuzhuan';
  meta.title = { main: '水浒传' };
  meta.contributors = [{ name: '施耐庵', role: '著', primary: true }];
  meta.contents = { front: [], parts: [{ label: '正文', title: '水浒传', chapters }] };
  meta.print = { paper: { width: 787, height: 1092 }, fold: 32, kiloCharacters: Math.ceil(characters / 1000) };
  await writeFile(path.join(dir, 'book.yaml'), stringify(meta));
  await writeFile(path.join(dir, 'design.yaml'), stringify(design));
  return dir;
}
