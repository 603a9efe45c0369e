/**
 * The load stage: reads book.yaml and every Markdown file it lists. All file reading of a
 * build's inputs happens here; later stages work on the returned texts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BookMetadata } from '../model/metadata.js';
import type { FrontMatter } from '../validate/book-schema.js';
import { crossFieldDiagnostics, type RuleContext } from '../validate/rules.js';
import { checkBookMetadata, checkFrontMatter } from '../validate/schema-check.js';
import { splitFrontMatter } from './front-matter.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export const BOOK_FILE = 'book.yaml';

export interface MarkdownSource {
  /** Relative to the project root, forward slashes. */
  file: string;
  text: string;
  frontMatter: FrontMatter;
  /** Line of the `title:` key, for diagnostics about the chapter as a whole. */
  titleLine: number;
  body: string;
  bodyLineOffset: number;
}

export interface LoadedProject {
  root: string;
  meta: BookMetadata;
  metaSource: YamlSource;
  /** Keyed by the path as written in book.yaml. */
  markdown: Map<string, MarkdownSource>;
  diagnostics: Diagnostic[];
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every Markdown path listed in book.yaml with its JSON path there (for positions). */
function listedFiles(meta: BookMetadata): { file: string; jsonPath: (string | number)[] }[] {
  const front = (meta.contents.front ?? []).map((file, i) => ({ file, jsonPath: ['contents', 'front', i] }));
  const parts = meta.contents.parts.flatMap((part, p) =>
    part.chapters.map((file, c) => ({ file, jsonPath: ['contents', 'parts', p, 'chapters', c] })),
  );
  return [...front, ...parts];
}

function insideProject(root: string, file: string): boolean {
  const resolved = path.resolve(root, file);
  return resolved.startsWith(path.resolve(root) + path.sep);
}

async function loadMarkdown(root: string, file: string): Promise<{ source?: MarkdownSource; diagnostics: Diagnostic[] }> {
  const text = (await readText(path.join(root, file))) ?? '';
  const split = splitFrontMatter(text);
  if (split.frontMatter === undefined) {
    return {
      diagnostics: [
        {
          code: 'front-matter/missing',
          severity: 'error',
          message: 'This chapter has no YAML front matter.',
          file,
          line: 1,
          column: 1,
          hint: 'Start the file with ---, a line `title: …`, and a closing ---.',
        },
      ],
    };
  }
  const parsed = parseYamlSource(split.frontMatter, file, split.frontMatterLineOffset);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const checked = checkFrontMatter(parsed.source);
  if (!checked.frontMatter) return { diagnostics: checked.diagnostics };
  return {
    source: {
      file,
      text,
      frontMatter: checked.frontMatter,
      titleLine: parsed.source.positionOf(['title'], 'key').line,
      body: split.body,
      bodyLineOffset: split.bodyLineOffset,
    },
    diagnostics: [],
  };
}

function fileProblem(source: YamlSource, jsonPath: (string | number)[], d: Omit<Diagnostic, 'severity' | 'file'>): Diagnostic {
  return { severity: 'error', file: source.file, ...source.positionOf(jsonPath), ...d };
}

/** Missing, duplicate and escaping paths in the reading order, each pointed at in book.yaml. */
async function checkListedFiles(root: string, meta: BookMetadata, source: YamlSource): Promise<Diagnostic[]> {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, jsonPath } of listedFiles(meta)) {
    if (!insideProject(root, file)) {
      diagnostics.push(fileProblem(source, jsonPath, {
        code: 'contents/outside-project',
        message: `\`${file}\` points outside the book project.`,
        hint: 'Keep chapter files inside the project folder and list them relative to book.yaml.',
      }));
    } else if (seen.has(file)) {
      diagnostics.push(fileProblem(source, jsonPath, {
        code: 'contents/duplicate',
        message: `\`${file}\` is listed twice in the reading order.`,
        hint: 'Remove one of the two entries.',
      }));
    } else if ((await readText(path.join(root, file))) === undefined) {
      diagnostics.push(fileProblem(source, jsonPath, {
        code: 'contents/missing-file',
        message: `\`${file}\` is listed in the reading order but does not exist.`,
        hint: 'Create the file or correct the path (paths are relative to book.yaml).',
      }));
    }
    seen.add(file);
  }
  return diagnostics;
}

export async function loadProject(
  root: string,
  cx: RuleContext = { now: new Date() },
): Promise<{ project?: LoadedProject; diagnostics: Diagnostic[] }> {
  const text = await readText(path.join(root, BOOK_FILE));
  if (text === undefined) {
    return {
      diagnostics: [
        {
          code: 'load/no-book-yaml',
          severity: 'error',
          message: `No ${BOOK_FILE} in ${root} or the folders above it.`,
          hint: 'Run hanpress in a book project folder (or a folder inside it), pass its path (hanpress build mybook), or start a new one: hanpress init mybook',
        },
      ],
    };
  }
  const parsed = parseYamlSource(text, BOOK_FILE);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const checked = checkBookMetadata(parsed.source);
  if (!checked.meta) return { diagnostics: checked.diagnostics };
  const meta = checked.meta;
  const diagnostics = [...crossFieldDiagnostics(meta, parsed.source, cx), ...(await checkListedFiles(root, meta, parsed.source))];
  if (diagnostics.length > 0) return { diagnostics };
  const markdown = new Map<string, MarkdownSource>();
  for (const { file } of listedFiles(meta)) {
    const loaded = await loadMarkdown(root, file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source) markdown.set(file, loaded.source);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { project: { root, meta, metaSource: parsed.source, markdown, diagnostics }, diagnostics };
}
