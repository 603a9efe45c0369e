/**
 * Limits on what a YAML file may ask of the parser, so a hostile or broken book.yaml, fonts.yaml
 * or front matter is a positioned error instead of a hang, an exhausted heap or a stack trace:
 * nesting depth, string length, alias use, and escapes that make half a character.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import { loneSurrogateAt } from '../files/text.js';

export const MAX_DEPTH = 32;
export const MAX_STRING = 10_000;
export const MAX_ALIASES = 100;

export interface LimitProblem {
  code: DiagnosticCode;
  message: string;
  hint?: string;
  /** Offset in the YAML text. */
  offset: number;
}

/** Deepest flow nesting ([ and {), roughly: quotes and comments are skipped. */
function flowTooDeep(text: string): LimitProblem | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH * 2) return tooDeep(i);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

function tooDeep(offset: number): LimitProblem {
  return { code: 'yaml/too-deep', message: `The YAML nests deeper than ${MAX_DEPTH} levels here.`, offset };
}

/** Offset of a lone surrogate escape (\uD800 without its pair) inside a scalar's source. */
function surrogateEscape(text: string, start: number, end: number): number {
  const slice = text.slice(start, end);
  const escapes = /\\u([dD][89abAB][0-9a-fA-F]{2})(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|\\u[dD][c-fC-F][0-9a-fA-F]{2}/g;
  for (const m of slice.matchAll(escapes)) {
    const paired = m[0].length === 12;
    if (!paired) return start + (m.index ?? 0);
  }
  return start;
}

/**
 * C0 controls other than tab and line breaks, and U+FFFE/FFFF: a file's bytes cannot carry them
 * (decodeText refuses them), but a YAML escape can ("\x01", "\u0007", "\a"), and XML cannot.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The code points of YAML's one-letter escapes that matter here. */
const LETTER_ESCAPES: Readonly<Record<string, number>> = { '0': 0, a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, e: 0x1b };

/** Where the escape that makes a control character starts in the scalar's source, else its start. */
function controlEscape(text: string, start: number, end: number): number {
  const escapes = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0abtnvfre])/g;
  for (const m of text.slice(start, end).matchAll(escapes)) {
    const letter = m[0].charAt(1);
    const cp = letter === 'x' || letter === 'u' ? Number.parseInt(m[0].slice(2), 16) : LETTER_ESCAPES[letter];
    if (cp !== undefined && CONTROL.test(String.fromCharCode(cp))) return start + (m.index ?? 0);
  }
  return start;
}

function afterParse(doc: Document, text: string): LimitProblem[] {
  const problems: LimitProblem[] = [];
  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      aliases++;
      if (aliases === MAX_ALIASES + 1) {
        problems.push({ code: 'yaml/too-many-aliases', message: `More than ${MAX_ALIASES} aliases (*name) in one file.`, offset: node.range?.[0] ?? 0 });
      }
    },
    Scalar(_key, node, path) {
      const at = node.range?.[0] ?? 0;
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length;
      if (depth > MAX_DEPTH) problems.push(tooDeep(at));
      if (typeof node.value !== 'string') return;
      if (node.value.length > MAX_STRING) {
        problems.push({
          code: 'yaml/string-too-long',
          message: `This value is ${node.value.length} characters long; a YAML value may hold at most ${MAX_STRING}.`,
          offset: at,
        });
      }
      const control = CONTROL.exec(node.value);
      if (control) {
        const cp = control[0].codePointAt(0) ?? 0;
        problems.push({
          code: 'encoding/control-character',
          message: `This value holds the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (written as an escape), which cannot appear in a book.`,
          offset: controlEscape(text, at, node.range?.[1] ?? at),
        });
      }
      if (loneSurrogateAt(node.value) >= 0) {
        problems.push({
          code: 'encoding/lone-surrogate',
          message: 'This value holds half of a UTF-16 surrogate pair (an escape such as \\uD800 without its partner).',
          offset: surrogateEscape(text, at, node.range?.[1] ?? at),
        });
      }
    },
  });
  // One diagnostic per kind is enough to fix the file.
  return problems.filter((p, i) => problems.findIndex((q) => q.code === p.code) === i);
}

/** toJS with alias expansion bounded: an alias bomb is an error at its first alias. */
function toJS(doc: Document): { value: unknown } | { problem: LimitProblem } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return { problem: { code: 'yaml/too-many-aliases', message: 'The aliases (*name) in this file expand to too much data.', offset } };
  }
}

export const yamlLimitProblems = { beforeParse: flowTooDeep, afterParse, toJS };

// Kept for type narrowing in callers that walk nodes themselves.
export function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value) || isPair(value);
}
