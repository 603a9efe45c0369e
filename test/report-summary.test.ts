/**
 * The text report's summary of many warnings: a rule in three lines, the book's own warnings
 * (a short page, the print specification) before the punctuation lint, and rules past the
 * first ten named on one line, so a long book's report still fits a screen.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, DiagnosticCode } from '../src/diagnostics/diagnostic.js';
import { formatReport, RULES_SHOWN } from '../src/diagnostics/report.js';

const LINT: DiagnosticCode[] = [
  'lint/pair-balance',
  'lint/quote-direction',
  'lint/quote-nesting',
  'lint/straight-quote',
  'lint/half-width-punctuation',
  'lint/lookalike-mark',
  'lint/full-width-alphanumeric',
  'lint/cjk-space',
  'lint/ellipsis-form',
  'lint/dash-form',
  'lint/doubled-mark',
  'lint/line-start-mark',
];

function warning(code: DiagnosticCode, n: number): Diagnostic {
  return { code, severity: 'warning', message: `${code} number ${n}`, file: `chapters/${String(n).padStart(3, '0')}.md`, line: n, column: 1, hint: `Fix ${code}.` };
}

describe('the summary of many warnings', () => {
  const lint = LINT.flatMap((code, i) => Array.from({ length: i + 1 }, (_, n) => warning(code, n + 1)));
  const book = [warning('pdf/short-page', 1), warning('pdf/short-page', 2), warning('print/odd-pages', 1)];
  const text = formatReport([...lint, ...book], { root: '/nowhere', cwd: '/nowhere' });
  const lines = text.split('\n');

  it('puts the book\'s own warnings first, then the lint, a rule in at most three lines', () => {
    expect(lines[0]).toBe('warning pdf/short-page: pdf/short-page number 1 (×2)');
    expect(lines[1]).toBe('  at chapters/001.md:1:1, chapters/002.md:2:1');
    expect(lines[3]).toMatch(/^warning print\/odd-pages: /);
    expect(lines[6]).toMatch(/^warning lint\/pair-balance: /);
  });

  it('names the rules past the first ten on one line, with their counts', () => {
    expect(lines.filter((l) => l.startsWith('warning ')).length).toBe(RULES_SHOWN);
    const more = lines.at(-1) ?? '';
    expect(more).toMatch(/^and 4 more rules: lint\/ellipsis-form ×9, lint\/dash-form ×10, lint\/doubled-mark ×11, lint\/line-start-mark ×12$/);
    expect(lines.length).toBe(3 * RULES_SHOWN + 1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
  });

  it('prints every warning in full with --verbose', () => {
    const verbose = formatReport([...lint, ...book], { root: '/nowhere', cwd: '/nowhere', verbose: true });
    expect(verbose.match(/^warning /gm)?.length).toBe(lint.length + book.length);
  });
});
