/**
 * Writing outputs so that a failed build never leaves a half-written file: every output goes
 * to a temporary file beside its target first, and all are renamed only when all are written.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

function temporaryPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export async function writeOutputsAtomically(files: OutputFile[]): Promise<void> {
  const written: string[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = temporaryPath(file.path);
      written.push(temp);
      await writeFile(temp, file.bytes);
    }
    for (const file of files) await rename(temporaryPath(file.path), file.path);
  } catch (error) {
    await Promise.all(written.map((temp) => rm(temp, { force: true })));
    throw error;
  }
}
