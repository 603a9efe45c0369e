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

/** A face that draws the characters the role fonts lack (rare ideographs, symbols). */
export interface FallbackFont extends FontFace {
  family: string;
}

export interface FontConfig {
  body: FontRole;
  heading: FontRole;
  /** In order of preference; empty when fonts.yaml names none. */
  fallback: FallbackFont[];
}

export type FontRoleName = 'body' | 'heading';

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

/** `fallback:` is a list of `{ family, path }` (or `{ family, path, postscriptName }`). */
function resolveFallbacks(raw: unknown, configFile: string): FallbackFont[] {
  if (raw === undefined || raw === null) return [];
  const entries = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return entries.map((entry, i) => {
    const item = entry as { family?: unknown; path?: unknown; postscriptName?: unknown } | null;
    if (typeof item?.path !== 'string') {
      throw new BuildFailure([
        {
          code: 'fonts/bad-fallback',
          severity: 'error',
          message: `fonts.yaml \`fallback\` entry ${i + 1} has no \`path\`.`,
          file: configFile,
          hint: 'Write each fallback as `- { family: Name, path: file.ttf }`.',
        },
      ]);
    }
    const postscriptName = typeof item.postscriptName === 'string' ? item.postscriptName : undefined;
    const face = resolveFace({ path: item.path, postscriptName }, configFile);
    return { ...face, family: typeof item.family === 'string' ? item.family : `hanpress fallback ${i + 1}` };
  });
}

export async function loadFontConfig(bookRoot: string): Promise<FontConfig> {
  const own = path.join(bookRoot, 'fonts.yaml');
  const configFile = existsSync(own) ? own : DEFAULT_FONT_CONFIG;
  const raw = parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
  return {
    body: resolveRole(raw.body, 'body', configFile),
    heading: resolveRole(raw.heading, 'heading', configFile),
    fallback: resolveFallbacks(raw.fallback, configFile),
  };
}
