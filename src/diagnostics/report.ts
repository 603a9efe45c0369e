/**
 * Prints diagnostics for people (text with code frames), for tools (JSON) and for GitHub
 * Actions (workflow annotations). Reading the source files for code frames happens here, at
 * the edge.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { docsLink } from './catalogue.js';
import { codeFrame } from './codeframe.js';
import type { Diagnostic } from './diagnostic.js';

export type ReportFormat = 'text' | 'json' | 'github';

export interface ReportOptions {
  /** Project directory the diagnostics' file paths are relative to. */
  root: string;
  /** Directory paths are shown relative to (the user's cwd). */
  cwd: string;
}

function shownPath(d: Diagnostic, options: ReportOptions): string | undefined {
  if (!d.file) return undefined;
  return path.relative(options.cwd, path.resolve(options.root, d.file)) || d.file;
}

function sourceText(d: Diagnostic, options: ReportOptions): string | undefined {
  if (!d.file) return undefined;
  try {
    return readFileSync(path.resolve(options.root, d.file), 'utf8');
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
  const lines = [`${d.severity} ${d.code}: ${d.message}`];
  const where = location(d, options);
  if (where) lines.push(`  --> ${where}`);
  const source = sourceText(d, options);
  if (source !== undefined && d.line !== undefined) {
    lines.push(codeFrame(source, d.line, d.column ?? 1).replace(/^/gm, '  '));
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
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

export function formatDiagnostics(diagnostics: Diagnostic[], format: ReportFormat, options: ReportOptions): string {
  if (format === 'json') {
    const entries = diagnostics.map((d) => ({ ...d, file: shownPath(d, options) ?? d.file, docs: docsLink(d.code) }));
    return JSON.stringify(entries, null, 2);
  }
  const formatOne = format === 'github' ? formatGithub : formatText;
  return diagnostics.map((d) => formatOne(d, options)).join(format === 'github' ? '\n' : '\n\n');
}
