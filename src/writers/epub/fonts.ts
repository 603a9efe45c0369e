/**
 * Embedded fonts: one subset per face that draws something (src/fonts/assign.ts decides which
 * face draws each character of each role), plus the @font-face rules that point at them. A
 * role's bold face is embedded only when the book sets that role in bold; otherwise readers
 * would download megabytes for nothing. A one-weight role has no bold @font-face, so the
 * reader emboldens its normal face (CSS font-synthesis), as the PDF does with fill + stroke.
 */
import { readFile } from 'node:fs/promises';
import { assignFaces, type FaceUse } from '../../fonts/assign.js';
import { readCharacterMap, type CharacterMap } from '../../fonts/cmap.js';
import type { FontConfig, FontFace, FontRoleName } from '../../fonts/config.js';
import type { GlyphSets } from '../../fonts/glyphs.js';
import { subsetInThread, type SubsetJob } from '../../fonts/subset-thread.js';

export interface EmbeddedFont {
  /** The CSS families and weights this file serves (one @font-face rule each). */
  uses: FaceUse[];
  /** Package-relative, e.g. fonts/body-regular.ttf */
  href: string;
  bytes: Uint8Array;
}

export const FONT_MEDIA_TYPE = 'font/ttf';

export interface EmbeddedFonts {
  fonts: EmbeddedFont[];
  /** The families each role's characters are embedded in, for its CSS font-family list. */
  familiesOf: Record<FontRoleName, string[]>;
}

/**
 * Reads each source file once even when two roles share it. `thread`: the subsets are made in a
 * thread of their own, which ends when they are made and takes harfbuzz's memory with it;
 * `started` hears when that thread has started.
 */
export async function embedFonts(config: FontConfig, glyphs: GlyphSets, options: { thread?: boolean; started?: () => void } = {}): Promise<EmbeddedFonts> {
  const maps = new Map<string, Promise<CharacterMap>>();
  const mapOf = (face: FontFace): Promise<CharacterMap> => {
    const key = `${face.path}\u0000${face.postscriptName ?? ''}`;
    let map = maps.get(key);
    if (!map) maps.set(key, (map = readCharacterMap(face)));
    return map;
  };
  const { faces, familiesOf } = await assignFaces(config, glyphs, mapOf);
  const sources = new Map<string, Promise<Uint8Array>>();
  const read = (file: string): Promise<Uint8Array> => {
    let bytes = sources.get(file);
    if (!bytes) {
      bytes = readFile(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      sources.set(file, bytes);
    }
    return bytes;
  };
  const jobs: SubsetJob[] = faces.map(({ face, codePoints }) => ({ path: face.path, codePoints: [...codePoints], ...(face.postscriptName ? { postscriptName: face.postscriptName } : {}) }));
  const here = async (job: SubsetJob): Promise<Uint8Array> => {
    // subset-font and its format converters (fontverter, wawoff2, pako) load only where a subset
    // is made here: beside the PDF the subsets are made in their own thread, which loads them.
    const { subsetFont } = await import('../../fonts/subset.js');
    return subsetFont(await read(job.path), job.codePoints, job.postscriptName);
  };
  const subsets: Uint8Array[] = [];
  if (options.thread) subsets.push(...(await subsetInThread(jobs, here, options.started)));
  // Sequential on purpose: subset-font runs one job at a time anyway, and this keeps only one
  // subset's working memory alive.
  else for (const job of jobs) subsets.push(await here(job));
  return { fonts: faces.map((job, i) => ({ uses: job.uses, href: `fonts/${job.stem}.ttf`, bytes: subsets[i] as Uint8Array })), familiesOf };
}
