/**
 * The load stage: reads book.yaml and every Markdown file it lists. All file reading of a
 * build's inputs happens here; later stages work on the returned texts.
 */
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { mapConcurrently } from '../files/concurrent.js';
import { realRoot, resolveInside } from '../files/contain.js';
import type { BookMetadata } from '../model/metadata.js';
import type { FrontMatter } from '../validate/book-schema.js';
import { crossFieldDiagnostics, type RuleContext } from '../validate/rules.js';
import { checkBookMetadata, checkFrontMatter } from '../validate/schema-check.js';
import { splitFrontMatter } from './front-matter.js';
import { failureMessage, MARKDOWN_LIMIT, readContainedText, YAML_LIMIT, type ReadFailure } from './read.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { loadBookDesign } from './design.js';
import type { DesignOverrides } from '../typeset/design.js';

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
  /** The project folder with every symbolic link resolved: what the build may read from. */
  realRoot: string;
  meta: BookMetadata;
  metaSource: YamlSource;
  /** Keyed by the path as written in book.yaml. */
  markdown: Map<string, MarkdownSource>;
  /** The book's own design.yaml over the house design, when there is one (src/load/design.ts). */
  design?: DesignOverrides;
  designSource?: YamlSource;
  diagnostics: Diagnostic[];
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

/** A file that cannot be read, as a diagnostic; encoding problems point into the file itself. */
export function readFailureDiagnostic(failure: ReadFailure, file: string): Diagnostic {
  if (failure.kind === 'encoding') return diagnostic(failure.problem.code, { ...failure.problem, file });
  const code = { missing: 'contents/missing-file', outside: 'load/outside-project', 'not-a-file': 'load/not-a-file', unreadable: 'load/unreadable', 'too-large': 'load/too-large' } as const;
  return diagnostic(code[failure.kind], { message: failureMessage(failure, file), file });
}

async function loadMarkdown(root: string, rootReal: string, file: string): Promise<{ source?: MarkdownSource; diagnostics: Diagnostic[] }> {
  const read = await readContainedText([rootReal], path.join(root, file), MARKDOWN_LIMIT);
  if ('failure' in read) return { diagnostics: [readFailureDiagnostic(read.failure, file)] };
  const text = read.text;
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
/** Files read at once while loading: enough to keep libuv's four threads busy. */
const FILES_AT_ONCE = 16;

async function checkListedFiles(root: string, rootReal: string, meta: BookMetadata, source: YamlSource): Promise<Diagnostic[]> {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const listed = listedFiles(meta);
  // Resolved all at once, reported in the reading order.
  const resolvedAll = await mapConcurrently(listed, FILES_AT_ONCE, async ({ file }) => (insideProject(root, file) ? resolveInside([rootReal], path.join(root, file)) : undefined));
  for (const [i, { file, jsonPath }] of listed.entries()) {
    const resolved = resolvedAll[i];
    if (!resolved) {
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
    } else {
      if (resolved.kind === 'missing') {
        diagnostics.push(fileProblem(source, jsonPath, {
          code: 'contents/missing-file',
          message: `\`${file}\` is listed in the reading order but does not exist.`,
          hint: 'Create the file or correct the path (paths are relative to book.yaml).',
        }));
      } else if (resolved.kind === 'outside') {
        diagnostics.push(fileProblem(source, jsonPath, {
          code: 'contents/outside-project',
          message: `\`${file}\` is a symbolic link that leads outside the book project (to ${resolved.path}).`,
          hint: 'Copy the chapter into the project instead of linking to it; hanpress reads nothing outside the project.',
        }));
      } else if (resolved.kind !== 'file') {
        const failure = resolved.kind === 'not-a-file' ? { kind: resolved.kind, real: resolved.path } : resolved;
        const d = readFailureDiagnostic(failure, file);
        diagnostics.push(fileProblem(source, jsonPath, { code: d.code, message: d.message, hint: d.hint }));
      }
    }
    seen.add(file);
  }
  return diagnostics;
}

export interface LoadOptions {
  /** false: book.yaml and the design only, the chapters are not read (`export onix`). */
  chapters?: boolean;
}

export async function loadProject(
  root: string,
  cx: RuleContext = { now: new Date() },
  options: LoadOptions = {},
): Promise<{ project?: LoadedProject; diagnostics: Diagnostic[] }> {
  const rootReal = await realRoot(root);
  const read = await readContainedText([rootReal], path.join(root, BOOK_FILE), YAML_LIMIT);
  if ('failure' in read && read.failure.kind === 'missing') {
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
  if ('failure' in read) return { diagnostics: [readFailureDiagnostic(read.failure, BOOK_FILE)] };
  const text = read.text;
  const parsed = parseYamlSource(text, BOOK_FILE);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const checked = checkBookMetadata(parsed.source);
  if (!checked.meta) return { diagnostics: checked.diagnostics };
  const meta = checked.meta;
  const diagnostics = [...crossFieldDiagnostics(meta, parsed.source, cx), ...(await checkListedFiles(root, rootReal, meta, parsed.source))];
  if (diagnostics.length > 0) return { diagnostics };
  const design = await loadBookDesign(root, rootReal, readFailureDiagnostic);
  diagnostics.push(...design.diagnostics);
  const markdown = new Map<string, MarkdownSource>();
  const chapters = options.chapters === false ? [] : listedFiles(meta);
  const loadedAll = await mapConcurrently(chapters, FILES_AT_ONCE, ({ file }) => loadMarkdown(root, rootReal, file));
  for (const [i, { file }] of chapters.entries()) {
    const loaded = loadedAll[i] as Awaited<ReturnType<typeof loadMarkdown>>;
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source) markdown.set(file, loaded.source);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const project: LoadedProject = { root, realRoot: rootReal, meta, metaSource: parsed.source, markdown, diagnostics };
  if (design.overrides) Object.assign(project, { design: design.overrides, designSource: design.source });
  return { project, diagnostics };
}
