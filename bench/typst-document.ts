/**
 * The same text as a hanpress corpus project, as one simple Typst document: the chapters as
 * headings and their paragraphs, set in the Noto faces hanpress itself uses (fonts/fonts.yaml:
 * 宋 Noto Serif SC for the text, 黑 Noto Sans SC for the headings), on a 16开 page (170 × 240
 * mm) with 2 em paragraph indents. Text goes in as Typst string literals, so no character of
 * the novel is read as markup.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** The four faces fonts/fonts.yaml gives the body and heading roles. */
export const TYPST_FACES = [
  '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
];

const PREAMBLE = [
  '#set document(title: "水浒传")',
  '#set page(width: 170mm, height: 240mm, margin: (x: 20mm, top: 22mm, bottom: 24mm), numbering: "1")',
  '#set text(font: "Noto Serif SC", size: 10.5pt, lang: "zh", region: "cn")',
  '#set par(justify: true, leading: 0.9em, spacing: 0.9em, first-line-indent: (amount: 2em, all: true))',
  '#show heading: set text(font: "Noto Sans SC", size: 16pt, weight: "bold")',
  '#show heading: it => { pagebreak(weak: true); it }',
  '#outline()',
  '',
].join('\n');

function literal(text: string): string {
  return `#"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A chapter file of a corpus project: its title (front matter) and paragraphs. */
function chapterTypst(markdown: string): string {
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? [];
  const { title } = parse(front) as { title: string };
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return [`= ${literal(title)}`, ...paragraphs.map(literal)].join('\n\n');
}

/**
 * Writes `<dir>/book.typ` from the project's chapters in book.yaml's order and `<dir>/fonts/`
 * (links to the four faces); returns the paths the compiler needs.
 */
export async function typstProject(projectDir: string, dir: string): Promise<{ main: string; fonts: string }> {
  const meta = parse(await readFile(path.join(projectDir, 'book.yaml'), 'utf8')) as { contents: { parts: { chapters: string[] }[] } };
  const files = meta.contents.parts.flatMap((p) => p.chapters);
  const chapters = await Promise.all(files.map(async (f) => chapterTypst(await readFile(path.join(projectDir, f), 'utf8'))));
  const main = path.join(dir, 'book.typ');
  await writeFile(main, `${PREAMBLE}\n${chapters.join('\n\n')}\n`);
  const fonts = path.join(dir, 'fonts');
  await mkdir(fonts, { recursive: true });
  for (const face of TYPST_FACES) await symlink(require.resolve(face), path.join(fonts, path.basename(face)));
  return { main, fonts };
}
