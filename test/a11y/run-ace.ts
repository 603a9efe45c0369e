/**
 * npm run test:a11y: builds the sample book and runs DAISY Ace (the accessibility checker
 * the EPUB stores and publishers use) on its EPUB. Fails when Ace reports any violation,
 * printing each with its rule, impact and file. Ace drives a headless Chromium through
 * puppeteer; hanpress never downloads one: set PUPPETEER_EXECUTABLE_PATH, or install
 * Debian's chromium (/usr/bin/chromium, used when present).
 *
 * Usage: tsx test/a11y/run-ace.ts [book-dir]   (default: manuscript/)
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildBook } from '../../src/pipeline/build.js';
import { REPO_ROOT, SAMPLE_DIR } from '../helpers/sample.js';

interface AceAssertion {
  'earl:test': { 'dct:title': string; 'earl:impact': string; 'dct:description'?: string };
  'earl:result': { 'earl:outcome': string; 'earl:pointer'?: { css?: string[] }; 'dct:description'?: string };
}
interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: Array<{ 'earl:testSubject': { url: string }; assertions: AceAssertion[] }>;
}

const ACE = path.join(REPO_ROOT, 'node_modules/@daisy/ace-cli/bin/ace.js');

function chromium(env: NodeJS.ProcessEnv): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) return configured;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium: set PUPPETEER_EXECUTABLE_PATH or install chromium (apt-get install chromium).');
}

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? SAMPLE_DIR);
  const work = await mkdtemp(path.join(os.tmpdir(), 'hanpress-ace-'));
  try {
    const built = await buildBook({ dir, outDir: path.join(work, 'dist'), env: { SOURCE_DATE_EPOCH: '1504224000' } });
    const out = path.join(work, 'ace');
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium(process.env), PUPPETEER_SKIP_DOWNLOAD: '1' };
    await promisify(execFile)(process.execPath, [ACE, '--silent', '--force', '--outdir', out, built.epub.path], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as AceReport;
    const violations = report.assertions.flatMap((doc) =>
      doc.assertions
        .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
        .map((a) => ({ file: doc['earl:testSubject'].url, rule: a['earl:test']['dct:title'], impact: a['earl:test']['earl:impact'], detail: a['earl:result']['dct:description'] ?? '' })),
    );
    for (const v of violations) console.log(`${v.impact} ${v.rule} ${v.file}: ${v.detail}`);
    console.log(`Ace on ${path.basename(built.epub.path)}: ${report['earl:result']['earl:outcome']}, ${violations.length} violations`);
    return violations.length === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
