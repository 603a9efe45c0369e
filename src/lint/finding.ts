/**
 * What a rule returns: a position inside one prose block, a message, a hint and, when the
 * change cannot alter meaning, a fix. The linter turns findings into Diagnostics.
 */
import type { LintRuleId } from './rule-ids.js';

/** Replace text[from, to) of the file (absolute indices) by `text`. */
export interface Edit {
  from: number;
  to: number;
  text: string;
}

export interface Finding {
  rule: LintRuleId;
  /** Index into the whole file text (absolute): rules that look back across blocks need it. */
  offset: number;
  message: string;
  hint: string;
  /** Absolute edits; present only for meaning-safe fixes. */
  fix?: Edit[];
}
