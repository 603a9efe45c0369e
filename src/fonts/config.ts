/**
 * Font configuration: which file renders which role. Read from the book's own fonts.yaml
 * when it has one, else from hanpress's fonts/fonts.yaml.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BuildFailure } from '../diagnostics/diagnostic.js';

export interface FontFace {
  /** Absolute path of the font file. */
  path: string;
  /** For .ttc collections: which face. */
  postscriptName?: string;
}

export interface FontRole {
  family: string;
  normal: FontFace;
  bold: FontFace;
}

export interface FontConfig {
  body: FontRole;
  heading: FontRole;
}

export type FontRoleName = keyof FontConfig;

export const DEFAULT_FONT_CONFIG = fileURLToPath(new URL('../../fonts/fonts.yaml', import.meta.url));

type FaceEntry = string | { path: string; postscriptName?: string };

function resolveFace(entry: FaceEntry, configFile: string): FontFace {
  const spec = typeof entry === 'string' ? entry : entry.path;
  const postscriptName = typeof entry === 'string' ? undefined : entry.postscriptName;
  const relative = path.resolve(path.dirname(configFile), spec);
  if (spec.startsWith('.') || path.isAbsolute(spec) || existsSync(relative)) {
    return { path: relative, postscriptName };
  }
  try {
    const require = createRequire(configFile);
    return { path: require.resolve(spec), postscriptName };
  } catch {
    throw new BuildFailure([
      {
        code: 'fonts/not-found',
        severity: 'error',
        message: `The font \`${spec}\` was found neither next to the config nor in node_modules.`,
        file: configFile,
        hint: 'Run npm install, or correct the path in fonts.yaml.',
      },
    ]);
  }
}

function resolveRole(raw: unknown, role: string, configFile: string): FontRole {
  const entry = raw as { family?: string; normal?: FaceEntry; bold?: FaceEntry } | undefined;
  if (!entry?.normal) {
    throw new BuildFailure([
      {
        code: 'fonts/missing-role',
        severity: 'error',
        message: `fonts.yaml has no \`${role}.normal\` font.`,
        file: configFile,
        hint: `Add a \`${role}:\` entry with \`family\` and \`normal\` (and \`bold\`).`,
      },
    ]);
  }
  const normal = resolveFace(entry.normal, configFile);
  return {
    family: entry.family ?? role,
    normal,
    bold: entry.bold ? resolveFace(entry.bold, configFile) : normal,
  };
}

export async function loadFontConfig(bookRoot: string): Promise<FontConfig> {
  const own = path.join(bookRoot, 'fonts.yaml');
  const configFile = existsSync(own) ? own : DEFAULT_FONT_CONFIG;
  const raw = parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
  return {
    body: resolveRole(raw.body, 'body', configFile),
    heading: resolveRole(raw.heading, 'heading', configFile),
  };
}
