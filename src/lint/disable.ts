/**
 * `<!-- hanpress-lint-disable-next-line quote-direction straight-quote -->` on a line of its own
 * switches the named rules (all rules when none is named) off for the next line that is not
 * blank. The comment is read from the source text here; the Markdown parser drops such lines,
 * so they never reach the book (src/markdown/lint-comments.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isLintRuleId, type LintRuleId } from './rule-ids.js';

export const DISABLE_COMMENT = /^[ \t]*<!--[ \t]*hanpress-lint-disable-next-line\b([^>]*?)-->[ \t]*\r?$/;

export interface Suppressions {
  /** 1-based line → rules off there (undefined: all rules). */
  lines: Map<number, Set<LintRuleId> | undefined>;
  diagnostics: Diagnostic[];
}

function parseRules(list: string, file: string, line: number, diagnostics: Diagnostic[]): Set<LintRuleId> | undefined {
  const names = list.split(/[\s,]+/).filter(Boolean).map((name) => name.replace(/^lint\//, ''));
  if (names.length === 0) return undefined;
  const rules = new Set<LintRuleId>();
  for (const name of names) {
    if (isLintRuleId(name)) rules.add(name);
    else {
      diagnostics.push({
        code: 'lint/unknown-rule',
        severity: 'warning',
        message: `The lint comment names \`${name}\`, which is not a lint rule.`,
        file,
        line,
        column: 1,
        hint: 'See docs/lint.md for the rule ids, e.g. quote-direction.',
      });
    }
  }
  return rules;
}

export function suppressions(text: string, file: string): Suppressions {
  const result: Suppressions = { lines: new Map(), diagnostics: [] };
  // Most files hold no such comment: no need to split them into lines to look.
  if (!text.includes('hanpress-lint-disable-next-line')) return result;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const match = DISABLE_COMMENT.exec(line);
    if (!match) return;
    let target = i + 1;
    while (target < lines.length && (lines[target] ?? '').trim() === '') target++;
    result.lines.set(target + 1, parseRules(match[1] ?? '', file, i + 1, result.diagnostics));
  });
  return result;
}

export function isSuppressed(s: Suppressions, line: number, rule: LintRuleId): boolean {
  if (!s.lines.has(line)) return false;
  const rules = s.lines.get(line);
  return rules === undefined || rules.has(rule);
}
