/**
 * Lints one Markdown file's prose: runs every rule, drops what book.yaml switched off or a
 * comment disabled, and returns diagnostics plus the safe fixes of what remains.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Edit, Finding } from './finding.js';
import { isSuppressed, suppressions } from './disable.js';
import { lineStarts, proseBlocks, type ProseBlock } from './prose.js';
import { LINT_RULES, type LintLevel, type LintRuleId } from './rule-ids.js';
import { brackets } from './rules/brackets.js';
import { literalEmphasis } from './rules/emphasis.js';
import { dashForm, ellipsisForm } from './rules/forms.js';
import { lineStartMark } from './rules/line-start.js';
import { doubledMark, lookalikeMark } from './rules/marks.js';
import { quotes } from './rules/quotes.js';
import { cjkSpace, fullWidthAlphanumeric, halfWidthPunctuation } from './rules/width.js';

export type LintLevels = Record<LintRuleId, LintLevel>;

const RULES: ((blocks: ProseBlock[]) => Finding[])[] = [
  lineStartMark,
  quotes,
  brackets,
  halfWidthPunctuation,
  lookalikeMark,
  fullWidthAlphanumeric,
  cjkSpace,
  ellipsisForm,
  dashForm,
  doubledMark,
  literalEmphasis,
];

export interface LintedFinding {
  diagnostic: Diagnostic;
  fix?: Edit[];
}

export interface MarkdownInput {
  /** Path relative to the project root, as diagnostics name it. */
  file: string;
  text: string;
  /** Lines before the body (the front matter), from splitFrontMatter. */
  bodyLineOffset: number;
}

/** Levels for `hanpress lint`: each rule's default, then book.yaml's settings. */
export function lintLevels(settings: Partial<Record<string, LintLevel>> = {}, fallback?: LintLevel): LintLevels {
  const levels = {} as LintLevels;
  for (const [id, level] of Object.entries(LINT_RULES) as [LintRuleId, LintLevel][]) {
    levels[id] = settings[id] ?? fallback ?? level;
  }
  return levels;
}

/** 1-based line and column (UTF-16 code units) of an offset. */
function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

export function lintMarkdown(input: MarkdownInput, levels: LintLevels): { findings: LintedFinding[]; diagnostics: Diagnostic[] } {
  const starts = lineStarts(input.text);
  const blocks = proseBlocks(input.text, input.bodyLineOffset, starts);
  const off = suppressions(input.text, input.file);
  const findings: LintedFinding[] = [];
  for (const finding of RULES.flatMap((rule) => rule(blocks))) {
    const level = levels[finding.rule];
    const at = position(starts, finding.offset);
    if (level === 'off' || isSuppressed(off, at.line, finding.rule)) continue;
    const diagnostic: Diagnostic = {
      code: `lint/${finding.rule}`,
      severity: level satisfies Severity,
      message: finding.message,
      file: input.file,
      ...at,
      hint: finding.hint,
    };
    findings.push(finding.fix ? { diagnostic, fix: finding.fix } : { diagnostic });
  }
  findings.sort((a, b) => (a.diagnostic.line ?? 0) - (b.diagnostic.line ?? 0) || (a.diagnostic.column ?? 0) - (b.diagnostic.column ?? 0));
  return { findings, diagnostics: off.diagnostics };
}
