/**
 * What identifies a face's glyphs for a cache key: its file's name, size and whole-file
 * checksum (head.checkSumAdjustment) and the face's PostScript name: a font edited in place
 * changes them, and no 10 MB font is hashed on every build.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Face } from '../../typeset/fonts.js';
import { readFont } from './truetype.js';

const identities = new WeakMap<Face, string>();

export function faceIdentity(face: Face): string {
  let identity = identities.get(face);
  if (identity !== undefined) return identity;
  const { path: file, postscriptName } = face.source;
  const size = statSync(file).size;
  const head = readFont(file, postscriptName).tables.get('head');
  const checksum = head ? Buffer.from(head.subarray(8, 12)).toString('hex') : 'none';
  identity = `${path.basename(file)}|${postscriptName ?? ''}|${size}|${checksum}`;
  identities.set(face, identity);
  return identity;
}
