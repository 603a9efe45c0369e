/**
 * The permanent ids of the lint rules and their default levels. Data only, without imports, so
 * the book.yaml schema can list the ids without pulling in the linter.
 */
export type LintLevel = 'off' | 'warning' | 'error';

export const LINT_RULES = {
  'pair-balance': 'error',
  'quote-direction': 'error',
  'quote-nesting': 'error',
  'straight-quote': 'error',
  'half-width-punctuation': 'error',
  'lookalike-mark': 'error',
  'full-width-alphanumeric': 'warning',
  'cjk-space': 'warning',
  'ellipsis-form': 'error',
  'dash-form': 'error',
  'doubled-mark': 'error',
  'line-start-mark': 'error',
  'literal-emphasis': 'error',
} as const satisfies Record<string, LintLevel>;

export type LintRuleId = keyof typeof LINT_RULES;

export const LINT_RULE_IDS = Object.keys(LINT_RULES) as LintRuleId[];

export function isLintRuleId(id: string): id is LintRuleId {
  return Object.hasOwn(LINT_RULES, id);
}
