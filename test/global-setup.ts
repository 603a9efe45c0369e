/**
 * Tests that run bin/hanpress.js as a user does run the compiled lib/, so src/ is compiled
 * once before any test, as npm's prepare does at install: a test never runs yesterday's lib/.
 *
 * Every test, and every hanpress process a test starts, makes its scratch folders under one
 * folder of this run (TMPDIR, which os.tmpdir() reads), removed when the run ends.
 * Builds of whole books, installs of the package and EPUBCheck's unpacking leave about a
 * gigabyte a run; left in the system's temporary folder, repeated runs filled the disk until a
 * later run failed with ENOSPC.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setUp(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/compile.js'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const runTemp = mkdtempSync(path.join(os.tmpdir(), 'hanpress-test-run-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = runTemp;
  // test/setup-temp.ts gives each test file a folder of its own in here.
  process.env.HANPRESS_TEST_RUN_TEMP = runTemp;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    delete process.env.HANPRESS_TEST_RUN_TEMP;
    rmSync(runTemp, { recursive: true, force: true });
  };
}
