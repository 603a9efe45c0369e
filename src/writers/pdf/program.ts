/**
 * A face's font program as the PDF writer embeds it: TrueType outlines as a CIDFontType2
 * (CIDs are glyph ids), CFF outlines as a CIDFontType0 (CIDs from the CFF's charset). Either
 * way a page shows a glyph by a code fixed by the font file alone (`code`), and the subset
 * keeps every glyph where it was.
 */
import type { Face } from '../../typeset/fonts.js';
import { readCff } from './cff.js';
import { faceMetrics, readFont, subsetKeepingIds, type FaceMetrics } from './truetype.js';

export interface FontProgram {
  kind: 'truetype' | 'cff';
  postscriptName?: string;
  metrics: FaceMetrics;
  /** The code (CID) a page shows glyph `gid` by. */
  code(gid: number): number;
  /** The glyph of a code. */
  gid(code: number): number;
  cidSystemInfo: { Registry: string; Ordering: string; Supplement: number };
  /** The program with only these glyphs drawn (ids kept). */
  subset(gids: number[]): Uint8Array;
}

const IDENTITY = { Registry: 'Adobe', Ordering: 'Identity', Supplement: 0 };

function openProgram(face: Face): FontProgram {
  // The bytes the face was measured from: the file is not read a second time (36 MB for the default fonts).
  const font = readFont(face.file, face.source.postscriptName);
  const common = { ...(font.postscriptName ? { postscriptName: font.postscriptName } : {}), metrics: faceMetrics(font) };
  if (font.tables.has('glyf')) {
    return { kind: 'truetype', ...common, code: (gid) => gid, gid: (code) => code, cidSystemInfo: IDENTITY, subset: (gids) => subsetKeepingIds(font, gids) };
  }
  const cffTable = font.tables.get('CFF ');
  if (!cffTable) throw new Error(`${face.source.path}: the PDF writer embeds TrueType (glyf) and CFF outlines; this face has neither (CFF2 variable fonts are not supported)`);
  const cff = readCff(cffTable);
  const gids = new Map<number, number>();
  cff.cids.forEach((cid, gid) => {
    if (!gids.has(cid)) gids.set(cid, gid);
  });
  return {
    kind: 'cff',
    ...common,
    code: (gid) => cff.cids[gid] ?? 0,
    gid: (code) => gids.get(code) ?? 0,
    cidSystemInfo: cff.ros ? { Registry: cff.ros[0], Ordering: cff.ros[1], Supplement: cff.ros[2] } : IDENTITY,
    subset: (used) => cff.subset(used),
  };
}

const programs = new WeakMap<Face, FontProgram>();

/** The face's program, read once per face. */
export function fontProgram(face: Face): FontProgram {
  let program = programs.get(face);
  if (!program) programs.set(face, (program = openProgram(face)));
  return program;
}
