/**
 * Each test file makes its scratch folders (TMPDIR, which os.tmpdir() and the hanpress processes
 * it starts read) in a folder of its own inside the run's (test/global-setup.ts), removed when
 * the file's tests end: the disk holds the scratch of the files running now, not of the whole
 * run (a package install alone is half a gigabyte).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';

const runTemp = process.env.HANPRESS_TEST_RUN_TEMP;
if (runTemp) {
  const fileTemp = mkdtempSync(path.join(runTemp, 'file-'));
  process.env.TMPDIR = fileTemp;
  afterAll(() => {
    process.env.TMPDIR = runTemp;
    rmSync(fileTemp, { recursive: true, force: true });
  });
}
