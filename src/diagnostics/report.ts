/**
 * Prints diagnostics for people (text with code frames), for tools (JSON) and for GitHub
 * Actions (workflow annotations). Reading the source files for code frames happens here, at
 * the edge. In text, errors are always printed in full; many warnings are summarised by rule
 * (count, the first positions, one hint) so a long book's report fits on a screen.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { realRootSync, resolveInsideSync } from '../files/contain.js';
import { normaliseNewlines } from '../files/text.js';
import { docsLink } from './catalogue.js';
import { codeFrame } from './codeframe.js';
import type { Diagnostic } from './diagnostic.js';

export type ReportFormat = 'text' | 'json' | 'github';

export interface ReportOptions {
  /** Project directory the diagnostics' file paths are relative to. */
  root: string;
  /** Directory paths are shown relative to (the user's cwd). */
  cwd: string;
  /** ANSI colours (only on a terminal; NO_COLOR turns them off). */
  color?: boolean;
}

export interface TextReportOptions extends ReportOptions {
  /** Every warning in full instead of a summary by rule. */
  verbose?: boolean;
  /** Leave warnings out. */
  quiet?: boolean;
}

/** Up to this many warnings are printed in full; more are summarised by rule. */
export const FULL_WARNINGS = 5;
/** Positions listed for a summarised rule. */
export const POSITIONS_SHOWN = 3;
/** Rules summarised in three lines each; any more share one line, so a summary fits a screen. */
export const RULES_SHOWN = 10;

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

function paint(text: string, style: Style, options: ReportOptions): string {
  return options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

function severityWord(d: Diagnostic, options: ReportOptions): string {
  return paint(d.severity, d.severity === 'error' ? 'red' : 'yellow', options);
}

function shownPath(d: Diagnostic, options: ReportOptions): string | undefined {
  if (!d.file) return undefined;
  return path.relative(options.cwd, path.resolve(options.root, d.file)) || d.file;
}

/** hanpress's own files (templates, the default fonts.yaml) may be shown too. */
const INSTALL_ROOT = realRootSync(fileURLToPath(new URL('../..', import.meta.url)));
const FRAME_LIMIT = 16 * 1024 * 1024;

/**
 * The text a code frame is cut from: only a regular file inside the project (after symbolic
 * links) or hanpress's own, so printing a diagnostic never reads anything else. A file that is
 * not UTF-8 is shown as well as it decodes, to point at the bad byte.
 */
function sourceText(d: Diagnostic, options: ReportOptions): string | undefined {
  if (!d.file || d.code === 'encoding/utf16') return undefined;
  const resolved = resolveInsideSync([realRootSync(options.root), INSTALL_ROOT], path.resolve(options.root, d.file));
  if (resolved.kind !== 'file') return undefined;
  try {
    if (statSync(resolved.path).size > FRAME_LIMIT) return undefined;
    return normaliseNewlines(new TextDecoder().decode(readFileSync(resolved.path)));
  } catch {
    return undefined;
  }
}

function location(d: Diagnostic, options: ReportOptions): string {
  const file = shownPath(d, options);
  if (!file) return '';
  return [file, d.line, d.column].filter((x) => x !== undefined).join(':');
}

export function formatText(d: Diagnostic, options: ReportOptions): string {
  const lines = [`${severityWord(d, options)} ${paint(d.code, 'bold', options)}: ${d.message}`];
  const where = location(d, options);
  if (where) lines.push(`  ${paint('-->', 'cyan', options)} ${where}`);
  const source = sourceText(d, options);
  if (source !== undefined && d.line !== undefined) {
    const frame = codeFrame(source, d.line, d.column ?? 1).replace(/^/gm, '  ');
    lines.push(options.color ? frame.replace(/\^$/m, paint('^', d.severity === 'error' ? 'red' : 'yellow', options)) : frame);
  }
  if (d.hint) lines.push(`  ${paint('hint:', 'cyan', options)} ${d.hint}`);
  return lines.join('\n');
}

/** 3826 → "3,826": counts in a summary are read at a glance. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** One rule's warnings in three lines: first message with the count, first positions, hint. */
function formatRule(group: Diagnostic[], options: ReportOptions): string {
  const first = group[0] as Diagnostic;
  const lines = [`${severityWord(first, options)} ${paint(first.code, 'bold', options)}: ${first.message}${group.length > 1 ? paint(` (×${count(group.length)})`, 'bold', options) : ''}`];
  const positions = group.map((d) => location(d, options)).filter(Boolean);
  if (positions.length > 0) {
    const more = group.length - Math.min(POSITIONS_SHOWN, positions.length);
    lines.push(`  ${paint('at', 'cyan', options)} ${positions.slice(0, POSITIONS_SHOWN).join(', ')}${more > 0 ? ` and ${count(more)} more` : ''}`);
  }
  if (first.hint) lines.push(`  ${paint('hint:', 'cyan', options)} ${first.hint}`);
  return lines.join('\n');
}

function byCode(diagnostics: Diagnostic[]): Diagnostic[][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) groups.set(d.code, [...(groups.get(d.code) ?? []), d]);
  return [...groups.values()];
}

/**
 * Warnings by rule: the book's own (print, PDF layout …) before the punctuation lint, which is
 * the longest list; rules past the first RULES_SHOWN are named with their counts on one line.
 */
function summary(warnings: Diagnostic[], options: ReportOptions): string {
  const groups = byCode(warnings);
  const ordered = [...groups.filter((g) => !g[0]?.code.startsWith('lint/')), ...groups.filter((g) => g[0]?.code.startsWith('lint/'))];
  const shown = ordered.slice(0, RULES_SHOWN).map((g) => formatRule(g, options));
  const rest = ordered.slice(RULES_SHOWN);
  if (rest.length > 0) {
    const names = rest.map((g) => `${g[0]?.code ?? ''} ×${count(g.length)}`);
    // As many as fit one line of a terminal; --verbose prints them all.
    const fit = names.filter((_, i) => names.slice(0, i + 1).join(', ').length <= 110);
    shown.push(`${paint('and', 'cyan', options)} ${plural(rest.length, 'more rule')}: ${fit.join(', ')}${fit.length < names.length ? ', …' : ''}`);
  }
  return shown.join('\n');
}

/** Whether formatReport summarised (some) warnings instead of printing each in full. */
export function summarisesWarnings(diagnostics: Diagnostic[], options: Pick<TextReportOptions, 'verbose' | 'quiet'>): boolean {
  return !options.verbose && !options.quiet && diagnostics.filter((d) => d.severity === 'warning').length > FULL_WARNINGS;
}

/** Text for people: errors in full, then warnings in full or summarised by rule. */
export function formatReport(diagnostics: Diagnostic[], options: TextReportOptions): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = options.quiet ? [] : diagnostics.filter((d) => d.severity === 'warning');
  const blocks = errors.map((d) => formatText(d, options));
  // Summarised rules are two or three lines each, set without blank lines between them.
  if (summarisesWarnings(diagnostics, options)) blocks.push(summary(warnings, options));
  else blocks.push(...warnings.map((d) => formatText(d, options)));
  return blocks.filter(Boolean).join('\n\n');
}

function escapeGithub(text: string, property = false): string {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? escaped.replace(/:/g, '%3A').replace(/,/g, '%2C') : escaped;
}

export function formatGithub(d: Diagnostic, options: ReportOptions): string {
  const props: string[] = [];
  const file = shownPath(d, options);
  if (file) props.push(`file=${escapeGithub(file, true)}`);
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  props.push(`title=${escapeGithub(d.code, true)}`);
  const message = d.hint ? `${d.message} ${d.hint}` : d.message;
  return `::${d.severity} ${props.join(',')}::${escapeGithub(message)}`;
}

/** Every diagnostic, one by one (JSON, GitHub annotations, or text in full). */
export function formatDiagnostics(diagnostics: Diagnostic[], format: ReportFormat, options: ReportOptions): string {
  if (format === 'json') {
    const entries = diagnostics.map((d) => ({ ...d, file: shownPath(d, options) ?? d.file, docs: docsLink(d.code) }));
    return JSON.stringify(entries, null, 2);
  }
  const formatOne = format === 'github' ? formatGithub : formatText;
  return diagnostics.map((d) => formatOne(d, options)).join(format === 'github' ? '\n' : '\n\n');
}
