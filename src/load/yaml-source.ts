/**
 * YAML parsed with its source positions kept, so a validation error on a value can point at
 * the line and column where that value is written.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { yamlLimitProblems, type LimitProblem } from './yaml-limits.js';

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: (string | number)[], at?: 'key' | 'value'): Position;
}

export interface YamlParseResult {
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

interface Located {
  node: Node | null;
  keyNode: Node | null;
}

/** Walks the document along a JSON path; stops at the deepest node that exists. */
function nodeAt(doc: Document, path: (string | number)[]): Located {
  let located: Located = { node: doc.contents, keyNode: null };
  for (const step of path) {
    const { node } = located;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as Node;
      located = { node: (pair.value as Node | null) ?? keyNode, keyNode };
    } else if (isSeq(node)) {
      const item = node.items[Number(step)] as Node | undefined;
      if (!item) break;
      located = { node: item, keyNode: null };
    } else {
      break;
    }
  }
  return located;
}

/**
 * An unclosed quote makes YAML read to the end of the file and report the error there; the
 * place to fix is the line whose quotes do not pair up.
 */
function unclosedQuoteOffset(text: string): number | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\s#.*$/, '');
    for (const quote of ['"', "'"]) {
      const count = content.split(quote).length - 1;
      if (count % 2 === 1) return offset + content.indexOf(quote);
    }
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * @param lineOffset lines before this YAML text in its file (front matter starts after `---`)
 */
export function parseYamlSource(text: string, file: string, lineOffset = 0): YamlParseResult {
  const lineCounter = new LineCounter();
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problem = (p: LimitProblem): Diagnostic => ({ severity: 'error', file, ...toPosition(p.offset), code: p.code, message: p.message, hint: p.hint });
  // Flow nesting is checked before parsing: the parser itself runs out of memory on it.
  const tooDeep = yamlLimitProblems.beforeParse(text);
  if (tooDeep) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return { diagnostics: [problem(tooDeep)] };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const quoteAt = error.code === 'MISSING_CHAR' && /quote/.test(error.message) ? unclosedQuoteOffset(text) : undefined;
    const position = toPosition(quoteAt ?? error.pos[0]);
    return {
      code: 'yaml/syntax',
      severity: 'error',
      message: `YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}.`,
      file,
      ...position,
      hint: 'Check indentation and quoting; values with : or # inside need quotes.',
    };
  });
  if (diagnostics.length > 0) return { diagnostics };
  const limits = yamlLimitProblems.afterParse(doc, text);
  if (limits.length > 0) return { diagnostics: limits.map(problem) };
  const value = yamlLimitProblems.toJS(doc);
  if ('problem' in value) return { diagnostics: [problem(value.problem)] };
  const source: YamlSource = {
    file,
    text,
    value: value.value,
    positionOf(path, at = 'value') {
      const { node, keyNode } = nodeAt(doc, path);
      const target = at === 'key' && keyNode ? keyNode : node;
      const offset = target?.range?.[0] ?? 0;
      return toPosition(offset);
    },
  };
  return { source, diagnostics };
}
