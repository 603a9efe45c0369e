/**
 * The parse/model stage: turns the loaded project into the typed Book. Pure: no I/O.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedProject, MarkdownSource } from '../load/project.js';
import { resolveSpaces } from '../cjk/spaces.js';
import { numberHeadings } from '../kinds/numbering.js';
import { resolveStructure } from '../kinds/presets.js';
import { parseChapterBody, type ParsedBody } from '../markdown/blocks.js';
import { numberBook } from './numbering.js';
import type { Book, Chapter, ChapterKind, Part } from './book.js';

const IDEOGRAPHIC_SPACE = '\u3000';

/** Parses one chapter's body; the build session passes one that answers from its cache. */
export type ChapterParser = (source: MarkdownSource, id: string) => ParsedBody;

const parseSource: ChapterParser = (source, id) => parseChapterBody(source.body, source.file, source.bodyLineOffset, id);

function chapterFrom(source: MarkdownSource, id: string, defaultKind: ChapterKind, parse: ChapterParser): { chapter: Chapter; diagnostics: Diagnostic[] } {
  const fm = source.frontMatter;
  // Doubled or ASCII spaces inside a title print as one full-width space (src/cjk/spaces.ts).
  const titleLines = (Array.isArray(fm.title) ? fm.title : [fm.title]).map(resolveSpaces);
  const body = parse(source, id);
  return {
    chapter: {
      id,
      kind: fm.kind ?? defaultKind,
      file: source.file,
      label: fm.label,
      titleLines,
      title: titleLines.join(IDEOGRAPHIC_SPACE),
      subtitle: fm.subtitle,
      date: fm.date,
      author: fm.author,
      blocks: body.blocks,
      footnotes: body.footnotes,
      headings: body.headings,
      pos: { file: source.file, line: source.titleLine, column: 1 },
      ...(body.chapterLabel ? { xrefLabel: body.chapterLabel } : {}),
    },
    diagnostics: body.diagnostics,
  };
}

function partMismatch(chapter: Chapter, source: MarkdownSource, partNumber: number): Diagnostic[] {
  const declared = source.frontMatter.part;
  if (declared === undefined || declared === partNumber) return [];
  return [
    {
      code: 'contents/part-mismatch',
      severity: 'error',
      message: `The front matter says \`part: ${declared}\` but book.yaml lists this file in part ${partNumber}.`,
      file: chapter.file,
      line: chapter.pos.line,
      column: 1,
      hint: `Change the front matter to \`part: ${partNumber}\` or move the file in book.yaml's contents.`,
    },
  ];
}

export function assembleBook(project: LoadedProject, parse: ChapterParser = parseSource): { book: Book; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sourceOf = (file: string): MarkdownSource => {
    const source = project.markdown.get(file);
    if (!source) throw new Error(`internal: ${file} was listed but not loaded`);
    return source;
  };
  const front = (project.meta.contents.front ?? []).map((file, i) => {
    const made = chapterFrom(sourceOf(file), `front${String(i + 1).padStart(2, '0')}`, 'preface', parse);
    diagnostics.push(...made.diagnostics);
    return made.chapter;
  });
  let articleNumber = 0;
  const parts: Part[] = project.meta.contents.parts.map((entry, p) => ({
    id: `part${String(p + 1).padStart(2, '0')}`,
    label: entry.label,
    title: entry.title,
    chapters: entry.chapters.map((file) => {
      articleNumber++;
      const source = sourceOf(file);
      const made = chapterFrom(source, `ch${String(articleNumber).padStart(3, '0')}`, 'article', parse);
      diagnostics.push(...made.diagnostics, ...partMismatch(made.chapter, source, p + 1));
      return made.chapter;
    }),
  }));
  let numbered = parts;
  if (resolveStructure(project.design).headingNumbers) {
    // Technical books: headings 1.1, 1.1.1 by chapter, the chapters counted as numberBook counts them.
    let first = 1;
    numbered = parts.map((part) => {
      const chapters = numberHeadings(part.chapters, first);
      first += chapters.length;
      return { ...part, chapters };
    });
  }
  const book: Book = { root: project.root, meta: project.meta, front, parts: numbered, ...(project.design ? { design: project.design } : {}) };
  // Figures, tables and labelled equations numbered per chapter; :numref:/:eqref: resolved.
  diagnostics.push(...numberBook(book));
  return { book, diagnostics };
}
