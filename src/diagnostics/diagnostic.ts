/**
 * Diagnostics are data until the CLI prints them. Every code is permanent; the message says
 * what happened, the hint what to write instead; the position is shown by the code frame.
 */
import { CATALOGUE, type DiagnosticCode } from './catalogue.js';

export type { DiagnosticCode } from './catalogue.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** A code of src/diagnostics/catalogue.ts. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Path relative to the project root (or absolute when outside it). */
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/**
 * A diagnostic whose severity and hint default to the catalogue's, for places that have no more
 * specific hint to give.
 */
export function diagnostic(
  code: DiagnosticCode,
  fields: Omit<Diagnostic, 'code' | 'severity' | 'hint'> & Partial<Pick<Diagnostic, 'severity' | 'hint'>>,
): Diagnostic {
  const entry = CATALOGUE[code];
  return { code, severity: entry.severity, hint: entry.hint, ...fields };
}

/** Collects diagnostics for one build; stages push, the CLI reads. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  error(d: Omit<Diagnostic, 'severity'>): void {
    this.add({ ...d, severity: 'error' });
  }

  warning(d: Omit<Diagnostic, 'severity'>): void {
    this.add({ ...d, severity: 'warning' });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/**
 * Thrown when a stage cannot go on; carries the diagnostics that explain why. The CLI prints
 * them instead of a stack trace.
 */
export class BuildFailure extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    this.name = 'BuildFailure';
  }
}
