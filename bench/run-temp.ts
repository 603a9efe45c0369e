/**
 * Imported first by bench/run.ts: the bench's scratch folders (book copies, caches, outputs of
 * every build it times, in this process and the ones it starts) go under one folder of this
 * run, removed when the process exits, so repeated benches do not fill the disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runTemp = mkdtempSync(path.join(os.tmpdir(), 'hanpress-bench-run-'));
process.env.TMPDIR = runTemp;
process.on('exit', () => rmSync(runTemp, { recursive: true, force: true }));
// Interrupted, it still removes them (the exit handler), with the shell's code for the signal.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
