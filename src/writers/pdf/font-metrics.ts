/**
 * pdfmake sets a line at `lineHeight × (ascender − descender + lineGap)` of the font, so the
 * leading a design asks for (in ems) has to be divided by the font's own line height. Reading
 * the two header tables directly keeps that exact for whatever font fonts.yaml names.
 */
import { open } from 'node:fs/promises';
import type { FontFace } from '../../fonts/config.js';

async function readAt(file: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new Error('truncated font file');
  return buffer;
}

/** Natural line height of a face in ems, as pdfkit computes it (hhea metrics over unitsPerEm). */
export async function naturalLineHeight(face: FontFace): Promise<number> {
  const file = await open(face.path, 'r');
  try {
    let base = 0;
    const header = await readAt(file, 0, 12);
    if (header.toString('latin1', 0, 4) === 'ttcf') {
      // Faces of one CJK collection share vertical metrics; the first face stands for all.
      base = (await readAt(file, 12, 4)).readUInt32BE(0);
    }
    const offsetTable = await readAt(file, base, 12);
    const numTables = offsetTable.readUInt16BE(4);
    const directory = await readAt(file, base + 12, numTables * 16);
    const tables = new Map<string, number>();
    for (let i = 0; i < numTables; i++) {
      tables.set(directory.toString('latin1', i * 16, i * 16 + 4), directory.readUInt32BE(i * 16 + 8));
    }
    const head = tables.get('head');
    const hhea = tables.get('hhea');
    if (head === undefined || hhea === undefined) throw new Error('no head/hhea table');
    const unitsPerEm = (await readAt(file, head + 18, 2)).readUInt16BE(0);
    const metrics = await readAt(file, hhea + 4, 6);
    const ascender = metrics.readInt16BE(0);
    const descender = metrics.readInt16BE(2);
    const lineGap = metrics.readInt16BE(4);
    return (ascender - descender + lineGap) / unitsPerEm;
  } catch (error) {
    throw new Error(`cannot read the metrics of ${face.path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await file.close();
  }
}
