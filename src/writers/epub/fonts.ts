/**
 * Embedded fonts: one subset per role and weight actually used, plus the @font-face rules
 * that point at them. The bold face is embedded only when the book sets that role in bold;
 * otherwise readers would download megabytes for nothing.
 */
import { readFile } from 'node:fs/promises';
import type { FontConfig, FontFace, FontRoleName } from '../../fonts/config.js';
import type { FaceGlyphs, GlyphSets } from '../../fonts/glyphs.js';
import { readCharacterMap } from '../../fonts/cmap.js';
import { subsetFont } from '../../fonts/subset.js';

export interface EmbeddedFont {
  role: FontRoleName | 'fallback';
  family: string;
  weight: 'normal' | 'bold';
  /** Package-relative, e.g. fonts/body-regular.ttf */
  href: string;
  bytes: Uint8Array;
}

export const FONT_MEDIA_TYPE = 'font/ttf';

interface FaceJob {
  role: FontRoleName | 'fallback';
  family: string;
  /** fonts/<stem>.ttf */
  stem: string;
  weight: 'normal' | 'bold';
  face: FontFace;
  codePoints: Set<number>;
}

function faceJobs(role: FontRoleName, config: FontConfig, glyphs: FaceGlyphs): FaceJob[] {
  const { normal, bold, family } = config[role];
  const jobs: FaceJob[] = [{ role, family, stem: `${role}-regular`, weight: 'normal', face: normal, codePoints: glyphs.regular }];
  // A role without its own bold file falls back to the regular face; the reader emboldens it.
  if (glyphs.bold.size > 0 && bold.path !== normal.path) {
    jobs.push({ role, family, stem: `${role}-bold`, weight: 'bold', face: bold, codePoints: glyphs.bold });
  }
  return jobs;
}

/**
 * The characters the role faces lack go to the first fallback that has them (the coverage
 * gate has already refused a book with characters no face has). Each fallback is embedded
 * once, regular weight, subset to just those characters.
 */
async function fallbackJobs(config: FontConfig, jobs: FaceJob[]): Promise<FaceJob[]> {
  if (config.fallback.length === 0) return [];
  const lacking = new Set<number>();
  for (const job of jobs) {
    const map = await readCharacterMap(job.face);
    for (const cp of job.codePoints) if (!map.has(cp)) lacking.add(cp);
  }
  const out: FaceJob[] = [];
  for (const [i, face] of config.fallback.entries()) {
    if (lacking.size === 0) break;
    const map = await readCharacterMap(face);
    const mine = new Set([...lacking].filter((cp) => map.has(cp)));
    if (mine.size === 0) continue;
    for (const cp of mine) lacking.delete(cp);
    out.push({ role: 'fallback', family: face.family, stem: `fallback-${i + 1}`, weight: 'normal', face, codePoints: mine });
  }
  return out;
}

/** Reads each source file once even when two roles share it. */
export async function embedFonts(config: FontConfig, glyphs: GlyphSets): Promise<EmbeddedFont[]> {
  const roleJobs = [...faceJobs('body', config, glyphs.body), ...faceJobs('heading', config, glyphs.heading)];
  const jobs = [...roleJobs, ...(await fallbackJobs(config, roleJobs))];
  const sources = new Map<string, Promise<Uint8Array>>();
  const read = (file: string): Promise<Uint8Array> => {
    let bytes = sources.get(file);
    if (!bytes) {
      bytes = readFile(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      sources.set(file, bytes);
    }
    return bytes;
  };
  const fonts: EmbeddedFont[] = [];
  // Sequential on purpose: subset-font runs one job at a time anyway, and this keeps only one
  // subset's working memory alive.
  for (const job of jobs) {
    const bytes = await subsetFont(await read(job.face.path), job.codePoints, job.face.path);
    fonts.push({ role: job.role, family: job.family, weight: job.weight, href: `fonts/${job.stem}.ttf`, bytes });
  }
  return fonts;
}
