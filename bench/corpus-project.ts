/**
 * Turns the 水浒传 corpus (../shared/corpus/shuihuzhuan, read in place, never copied into the
 * repository) into a temporary hanpress book project for benchmarks.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';

export const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus/shuihuzhuan');

function chapterMarkdown(text: string): { markdown: string; characters: number } {
  const [heading = '', ...rest] = text.split('\n');
  // The corpus indents paragraphs with spaces and tabs; Markdown would read them as code.
  const paragraphs = rest.map((line) => line.trim()).filter(Boolean);
  const body = paragraphs.join('\n\n');
  const title = heading.trim();
  return {
    markdown: `---\n${stringify({ title })}---\n\n${body}\n`,
    characters: Array.from(title + paragraphs.join('')).length,
  };
}

export async function corpusProject(target: string, chapterCount: number, sampleBookYaml: string): Promise<number> {
  const files = (await readdir(CORPUS)).filter((f) => /^\d{3}\.txt$/.test(f)).sort().slice(0, chapterCount);
  await mkdir(path.join(target, 'chapters'), { recursive: true });
  let characters = 0;
  const chapters: string[] = [];
  for (const file of files) {
    const { markdown, characters: n } = chapterMarkdown(await readFile(path.join(CORPUS, file), 'utf8'));
    const name = `chapters/${file.replace('.txt', '.md')}`;
    await writeFile(path.join(target, name), markdown);
    chapters.push(name);
    characters += n;
  }
  const meta = parse(await readFile(sampleBookYaml, 'utf8')) as Record<string, unknown>;
  meta.slug = 'shuihuzhuan';
  meta.title = { main: '水浒传' };
  meta.contributors = [{ name: '施耐庵', role: '著', primary: true }];
  meta.contents = { front: [], parts: [{ label: '正文', title: '水浒传', chapters }] };
  // 字数 must not be below the text (print/word-count); 印张 stays given so one render suffices.
  const print = meta.print as Record<string, unknown>;
  print.kiloCharacters = Math.ceil(characters / 1000);
  await writeFile(path.join(target, 'book.yaml'), stringify(meta));
  return characters;
}
