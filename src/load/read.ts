/**
 * Reading a text file of the book project: resolved through symbolic links and refused when it
 * leaves the folders it may come from, refused when it is not a regular file or too large, then
 * decoded by the one text reader (src/files/text.ts). Failures are data; each caller turns them
 * into diagnostics positioned where the path is written.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolveInside } from '../files/contain.js';
import { decodeText, type TextProblem } from '../files/text.js';

/** A YAML file (book.yaml, fonts.yaml) is metadata: a megabyte is far more than any needs. */
export const YAML_LIMIT = 1024 * 1024;
/** A chapter may be a whole novel, but not a disk image. */
export const MARKDOWN_LIMIT = 64 * 1024 * 1024;

export type ReadFailure =
  | { kind: 'missing' }
  | { kind: 'outside'; real: string }
  | { kind: 'not-a-file'; real: string }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'too-large'; bytes: number; limit: number }
  | { kind: 'encoding'; problem: TextProblem };

export type ReadResult = { text: string; real: string } | { failure: ReadFailure };

export async function readContainedText(roots: readonly string[], file: string, limit: number): Promise<ReadResult> {
  const resolved = await resolveInside(roots, file);
  switch (resolved.kind) {
    case 'missing':
      return { failure: { kind: 'missing' } };
    case 'outside':
      return { failure: { kind: 'outside', real: resolved.path } };
    case 'not-a-file':
      return { failure: { kind: 'not-a-file', real: resolved.path } };
    case 'unreadable':
      return { failure: resolved };
    case 'file':
      break;
  }
  try {
    const { size } = await stat(resolved.path);
    if (size > limit) return { failure: { kind: 'too-large', bytes: size, limit } };
    const decoded = decodeText(await readFile(resolved.path));
    if ('problem' in decoded) return { failure: { kind: 'encoding', problem: decoded.problem } };
    return { text: decoded.text, real: resolved.path };
  } catch (error) {
    return { failure: { kind: 'unreadable', reason: (error as Error).message.split('\n')[0] ?? '' } };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the failure says, for a diagnostic's message; `shown` is the path as the user wrote it. */
export function failureMessage(failure: Exclude<ReadFailure, { kind: 'encoding' }>, shown: string): string {
  switch (failure.kind) {
    case 'missing':
      return `\`${shown}\` does not exist.`;
    case 'outside':
      return `\`${shown}\` leads outside the book project (to ${failure.real}); hanpress reads nothing there.`;
    case 'not-a-file':
      return `\`${shown}\` is not a regular file (it is a folder, a device or a pipe).`;
    case 'unreadable':
      return `\`${shown}\` cannot be read: ${failure.reason}.`;
    case 'too-large':
      return `\`${shown}\` is ${megabytes(failure.bytes)}; hanpress reads at most ${megabytes(failure.limit)} from such a file.`;
  }
}
