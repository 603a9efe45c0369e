/**
 * Turns the d2l-zh chapters (../shared/corpus/d2l-zh, read in place) into a temporary book
 * project: Markdown with Latin text, code, math and images, as a technical book has. Only the
 * d2l-book tool markers hanpress does not know are rewritten (`:label:` lines dropped; `:eqlabel:`
 * is hanpress syntax and stays;
 * `:numref:`/`:eqref:`/`:cite:` roles turned into their plain target). Everything else stays
 * as written, including the two image links that dangle on purpose — unless the caller asks
 * to drop them (for a build), after `check` has reported them.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SAMPLE_DIR } from './sample.js';

export const D2L = path.resolve(SAMPLE_DIR, '../../shared/corpus/d2l-zh');

/** Reading order of the chapters in the corpus. */
export const D2L_CHAPTERS = [
  'chapter_preface/index.md',
  'chapter_notation/index.md',
  'chapter_introduction/index.md',
  'chapter_preliminaries/ndarray.md',
  'chapter_linear-networks/linear-regression.md',
  'chapter_recurrent-modern/beam-search.md',
  'chapter_computational-performance/hardware.md',
  'chapter_natural-language-processing-pretraining/bert.md',
  'chapter_appendix-tools-for-deep-learning/contributing.md',
];

/** The image links in the corpus that point at files it does not have. */
export const D2L_DANGLING = ['../img/stackedanimals.png', '../img/turing.png'];

const MARKER_LINE = /^\s*:(label|width|begin_tab|end_tab|bibliography):.*$/;
const ROLE = /:(numref|eqref|cite|ref|numref):`([^`]*)`/g;

/** `:label:` and the roles are hanpress syntax too (docs/technical.md); `keepMarkers` leaves them. */
const KEPT_MARKER_LINE = /^\s*:(width|begin_tab|end_tab|bibliography):.*$/;

function chapterMarkdown(text: string, dropDangling: boolean, keepMarkers = false): string {
  const lines = text.split('\n');
  const headingAt = lines.findIndex((l) => /^#\s/.test(l));
  const title = (lines[headingAt] ?? '# 无题').replace(/^#\s+/, '').trim();
  const body = lines
    .slice(headingAt + 1)
    .filter((l) => !(keepMarkers ? KEPT_MARKER_LINE : MARKER_LINE).test(l))
    .filter((l) => !(dropDangling && D2L_DANGLING.some((src) => l.includes(`](${src})`))))
    .map((l) => (keepMarkers ? l : l.replace(ROLE, (_, _role: string, target: string) => target)));
  return `---\n${stringify({ title })}---\n${body.join('\n')}`;
}

export interface D2lProject {
  dir: string;
  /** Chapter files as listed in book.yaml. */
  chapters: string[];
}

/** `chapters`: a subset of D2L_CHAPTERS in reading order (default: all). */
export async function d2lProject(target: string, options: { dropDangling: boolean; chapters?: string[]; keepMarkers?: boolean }): Promise<D2lProject> {
  const chapters = options.chapters ?? D2L_CHAPTERS;
  await mkdir(target, { recursive: true });
  await cp(path.join(D2L, 'img'), path.join(target, 'img'), { recursive: true });
  for (const file of chapters) {
    await mkdir(path.join(target, path.dirname(file)), { recursive: true });
    const text = await readFile(path.join(D2L, file), 'utf8');
    await writeFile(path.join(target, file), chapterMarkdown(text, options.dropDangling, options.keepMarkers));
  }
  const meta = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
  meta.slug = 'd2l-zh';
  meta.title = { main: '动手学深度学习' };
  meta.contributors = [
    { name: '阿斯顿·张', role: '著', primary: true },
    { name: '李沐', role: '著', primary: true },
  ];
  meta.contents = { front: [], parts: [{ label: '正文', title: '动手学深度学习', chapters }] };
  await writeFile(path.join(target, 'book.yaml'), stringify(meta));
  return { dir: target, chapters };
}
