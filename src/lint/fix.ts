/**
 * --fix: applies the safe edits of a file's findings, from the end backwards, skipping any edit
 * that overlaps one already taken. One fix can make another possible (, , → ，， → ，), so the
 * file is linted and fixed again until nothing changes: running --fix twice changes nothing.
 */
import type { Edit } from './finding.js';
import { lintMarkdown, type LintLevels, type MarkdownInput } from './lint.js';

export interface AppliedFix {
  code: string;
  line: number;
  column: number;
  before: string;
  after: string;
}

/** Applies non-overlapping edits; returns the new text and the fixes taken. */
function applyOnce(input: MarkdownInput, levels: LintLevels): { text: string; applied: AppliedFix[] } {
  const { findings } = lintMarkdown(input, levels);
  const taken: { edits: Edit[]; fix: AppliedFix }[] = [];
  const used: Edit[] = [];
  const overlaps = (e: Edit): boolean => used.some((u) => e.from < u.to && u.from < e.to);
  for (const { diagnostic, fix } of findings) {
    if (!fix || fix.some(overlaps)) continue;
    used.push(...fix);
    const span = (e: Edit): [string, string] => [input.text.slice(e.from, e.to), e.text];
    const [before, after] = fix.map(span).reduce(([b, a], [b2, a2]) => [`${b}${b ? '…' : ''}${b2}`, `${a}${a ? '…' : ''}${a2}`], ['', '']);
    taken.push({ edits: fix, fix: { code: diagnostic.code, line: diagnostic.line ?? 0, column: diagnostic.column ?? 0, before, after } });
  }
  let text = input.text;
  for (const edit of [...used].sort((a, b) => b.from - a.from)) text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
  return { text, applied: taken.map((t) => t.fix) };
}

const MAX_PASSES = 5;

export function fixMarkdown(input: MarkdownInput, levels: LintLevels): { text: string; applied: AppliedFix[] } {
  let current = input;
  const applied: AppliedFix[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = applyOnce(current, levels);
    if (result.applied.length === 0) break;
    applied.push(...result.applied);
    current = { ...current, text: result.text };
  }
  return { text: current.text, applied };
}
