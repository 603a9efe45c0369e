/**
 * Child process for the signal test: writes two outputs into the folder given as argv[2], and
 * stalls after the first new file is in the temporary folder, so the parent can send a signal
 * exactly while the build is writing.
 */
import path from 'node:path';
import { REAL_OPS, writeOutputsAtomically, type OutputOps } from '../../src/pipeline/output.js';

const out = process.argv[2] ?? '.';
let written = 0;
const ops: OutputOps = {
  ...REAL_OPS,
  async writeFile(file, bytes) {
    await REAL_OPS.writeFile(file, bytes);
    if (++written === 1) {
      process.stdout.write('writing\n');
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
  },
};
await writeOutputsAtomically(
  [
    { path: path.join(out, 'book.epub'), bytes: new Uint8Array(1_000_000).fill(1) },
    { path: path.join(out, 'book.pdf'), bytes: new Uint8Array(1_000_000).fill(2) },
  ],
  ops,
);
process.stdout.write('done\n');
