/**
 * Shared shapes of the OCR import. Every cleaning rule is a pure function that returns its
 * result together with what it changed and where it was unsure, so `import-report.md` can list
 * every change with its line in the OCR source: nothing is dropped silently.
 */

/** One line of the OCR source; `no` is 1-based, as editors count. */
export interface SourceLine {
  no: number;
  text: string;
}

/** The rules, as they are named in the report. */
export type RuleId =
  | 'running-head'
  | 'folio'
  | 'logo-mark'
  | 'page-join'
  | 'line-join'
  | 'punctuation'
  | 'digit-space'
  | 'dash'
  | 'heading'
  | 'letter-spacing'
  | 'superscript'
  | 'toc'
  | 'title-lines'
  | 'metadata'
  | 'cataloguing';

export interface Change {
  rule: RuleId;
  /** Line in the OCR source where the change happened. */
  line: number;
  before: string;
  /** Empty when the text was removed. */
  after: string;
  /** Why, when the before/after pair alone does not say it. */
  note?: string;
}

/** A place the import could not decide; the editor should look at it. */
export interface Unsure {
  rule: RuleId;
  line: number;
  message: string;
}

export interface RuleResult<T> {
  value: T;
  changes: Change[];
  unsure: Unsure[];
}

export function result<T>(value: T, changes: Change[] = [], unsure: Unsure[] = []): RuleResult<T> {
  return { value, changes, unsure };
}

/** Collects the records of several rules run one after another. */
export class ChangeLog {
  readonly changes: Change[] = [];
  readonly unsure: Unsure[] = [];

  take<T>(r: RuleResult<T>): T {
    this.changes.push(...r.changes);
    this.unsure.push(...r.unsure);
    return r.value;
  }
}

export function toLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ no: i + 1, text: line.replace(/\s+$/, '') }));
}
