/**
 * 民法典 as a temporary law book project: the corpus (../shared/corpus/minfadian) is read in
 * place and never copied into the repository. One chapter per 编, in the code's order, with the
 * source's site header (title repeated, dates, <!-- INFO END -->) left out; `kind: law`.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { tempDir } from './project.js';
import { SAMPLE_DIR } from './sample.js';

export const MINFADIAN = path.resolve(import.meta.dirname, '../../../shared/corpus/minfadian');

const PARTS: Array<[file: string, title: string]> = [
  ['总则', '第一编　总则'],
  ['物权编', '第二编　物权'],
  ['合同编', '第三编　合同'],
  ['人格权编', '第四编　人格权'],
  ['婚姻家庭编', '第五编　婚姻家庭'],
  ['继承编', '第六编　继承'],
  ['侵权责任编', '第七编　侵权责任'],
  ['附则', '附　　则'],
];

function body(source: string): string {
  const at = source.indexOf('<!-- INFO END -->');
  const rest = at >= 0 ? source.slice(at + '<!-- INFO END -->'.length) : source;
  // An empty `##` (附则) is not a heading.
  return rest.split('\n').filter((line) => !/^#+\s*$/.test(line)).join('\n');
}

/** `parts`: how many 编 to include (all eight by default). */
export async function minfadianProject(parts = PARTS.length, design: Record<string, unknown> = { kind: 'law' }): Promise<string> {
  const dir = await tempDir('hanpress-mfd-');
  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  const chapters: string[] = [];
  let characters = 0;
  for (const [i, [file, title]] of PARTS.slice(0, parts).entries()) {
    const text = body(await readFile(path.join(MINFADIAN, `${file}.md`), 'utf8'));
    characters += Array.from(text).length;
    const name = `chapters/${String(i + 1).padStart(2, '0')}.md`;
    await writeFile(path.join(dir, name), `---\n${stringify({ title })}---\n${text}\n`);
    chapters.push(name);
  }
  const meta = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
  meta.slug = 'minfadian';
  meta.title = { main: '中华人民共和国民法典' };
  meta.contributors = [{ name: '本书编写组', role: '编', primary: true }];
  meta.contents = { front: [], parts: [{ label: '正文', title: '中华人民共和国民法典', chapters }] };
  const print = meta.print as Record<string, unknown>;
  print.kiloCharacters = Math.ceil(characters / 1000);
  delete print.sheets;
  await writeFile(path.join(dir, 'book.yaml'), stringify(meta));
  await writeFile(path.join(dir, 'design.yaml'), stringify(design));
  return dir;
}
