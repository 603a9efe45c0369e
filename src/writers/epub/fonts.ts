/**
 * Embedded fonts: one subset per role and weight actually used, plus the @font-face rules
 * that point at them. The bold face is embedded only when the book sets that role in bold;
 * otherwise readers would download megabytes for nothing.
 */
import { readFile } from 'node:fs/promises';
import type { FontConfig, FontFace, FontRoleName } from '../../fonts/config.js';
import type { FaceGlyphs, GlyphSets } from '../../fonts/glyphs.js';
import { subsetFont } from '../../fonts/subset.js';

export interface EmbeddedFont {
  role: FontRoleName;
  family: string;
  weight: 'normal' | 'bold';
  /** Package-relative, e.g. fonts/body-regular.ttf */
  href: string;
  bytes: Uint8Array;
}

export const FONT_MEDIA_TYPE = 'font/ttf';

interface FaceJob {
  role: FontRoleName;
  weight: 'normal' | 'bold';
  face: FontFace;
  codePoints: Set<number>;
}

function faceJobs(role: FontRoleName, config: FontConfig, glyphs: FaceGlyphs): FaceJob[] {
  const { normal, bold } = config[role];
  const jobs: FaceJob[] = [{ role, weight: 'normal', face: normal, codePoints: glyphs.regular }];
  // A role without its own bold file falls back to the regular face; the reader emboldens it.
  if (glyphs.bold.size > 0 && bold.path !== normal.path) {
    jobs.push({ role, weight: 'bold', face: bold, codePoints: glyphs.bold });
  }
  return jobs;
}

/** Reads each source file once even when two roles share it. */
export async function embedFonts(config: FontConfig, glyphs: GlyphSets): Promise<EmbeddedFont[]> {
  const jobs = [...faceJobs('body', config, glyphs.body), ...faceJobs('heading', config, glyphs.heading)];
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
    fonts.push({
      role: job.role,
      family: config[job.role].family,
      weight: job.weight,
      href: `fonts/${job.role}-${job.weight === 'bold' ? 'bold' : 'regular'}.ttf`,
      bytes,
    });
  }
  return fonts;
}
