/**
 * Font configuration: which file renders which role. Read from the book's own fonts.yaml
 * when it has one, else from hanpress's fonts/fonts.yaml, through the same YAML path and schema
 * check as book.yaml (positions, limits, unknown keys; src/validate/fonts-schema.ts). Every font path is resolved through symbolic links and must
 * lead into the project, hanpress's own font packages, or a folder of HANPRESS_FONT_PATH (set by
 * the user, never by the book), and must be a TrueType/OpenType file.
 */
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildFailure, diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import { suggest } from '../diagnostics/suggest.js';
import { realRoot, resolveInside } from '../files/contain.js';
import { failureMessage, readContainedText, YAML_LIMIT } from '../load/read.js';
import { parseYamlSource, type Position, type YamlSource } from '../load/yaml-source.js';
import { FONT_ROLES, ROLE_STANDS_IN, type FontRoleName } from './roles.js';
import { COLLECTION_TAG, postscriptNames } from './sfnt.js';
import type { FaceEntry, FontsFile } from '../validate/fonts-schema.js';
import { checkFonts } from '../validate/schema-check.js';

export interface FontFace {
  /** Absolute path of the font file. */
  path: string;
  /** For .ttc collections: which face. */
  postscriptName?: string;
  /** Where fonts.yaml names this face, for diagnostics about the file. */
  source?: { file: string } & Position;
}

export interface FontRole {
  family: string;
  normal: FontFace;
  /** The normal face itself when fonts.yaml names no bold: see `syntheticBold`. */
  bold: FontFace;
  /**
   * The role has one weight: bold text is drawn emboldened (PDF: fill + stroke, as ctex's
   * AutoFakeBold; EPUB: the reader's font-synthesis) instead of silently set in the normal weight.
   */
  syntheticBold: boolean;
  /** Set when fonts.yaml has no entry for this role and another role's faces stand in. */
  borrowedFrom?: FontRoleName;
}

/** A face that draws the characters the role fonts lack (rare ideographs, symbols). */
export interface FallbackFont extends FontFace {
  family: string;
}

export interface FontConfig {
  body: FontRole;
  heading: FontRole;
  kai: FontRole;
  fangsong: FontRole;
  mono: FontRole;
  /** In order of preference; empty when fonts.yaml names none. */
  fallback: FallbackFont[];
}

export { FONT_ROLES, ROLE_COVER, ROLE_STANDS_IN, roleChain, type FontRoleName } from './roles.js';

export const DEFAULT_FONT_CONFIG = fileURLToPath(new URL('../../fonts/fonts.yaml', import.meta.url));
const HANPRESS_FONTS_DIR = path.dirname(DEFAULT_FONT_CONFIG);

/** sfnt versions of TrueType, OpenType/CFF, Apple TrueType, the collection tag and WOFF 1.0. */
const FONT_SIGNATURES = ['00010000', '4f54544f', '74727565', '74746366', '774f4646'];


interface Reader {
  /** The parsed file, its `file` the real path (fonts are resolved from where it really is). */
  source: YamlSource;
  /** The same, its `file` as diagnostics show it. */
  shownSource: YamlSource;
  /** The folders a font may come from (real paths). */
  roots: string[];
  /** Path shown in diagnostics: relative to the project for the book's own file. */
  shown: string;
}

function fail(reader: Reader, jsonPath: (string | number)[], code: DiagnosticCode, message: string, hint?: string): never {
  const d: Diagnostic = diagnostic(code, { message, file: reader.shown, ...reader.source.positionOf(jsonPath), ...(hint ? { hint } : {}) });
  throw new BuildFailure([d]);
}

async function isFontFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && FONT_SIGNATURES.includes(head.toString('hex'));
  } finally {
    await handle.close();
  }
}

/**
 * Where `spec` leads: next to the config, else a package of hanpress's own install — the
 * faces fonts/fonts.yaml names, so a copy of it next to book.yaml works as it is. Package names
 * are never looked up in the book folder or above it: a book cannot swap a shipped face.
 */
function candidate(spec: string, reader: Reader): string | undefined {
  const configFile = reader.source.file;
  const relative = path.resolve(path.dirname(configFile), spec);
  if (spec.startsWith('.') || path.isAbsolute(spec) || existsSync(relative)) return relative;
  try {
    return createRequire(DEFAULT_FONT_CONFIG).resolve(spec);
  } catch {
    return undefined;
  }
}

async function resolveFace(entry: FaceEntry, reader: Reader, jsonPath: (string | number)[]): Promise<FontFace> {
  const spec = typeof entry === 'string' ? entry : entry.path;
  const specPath = typeof entry === 'string' ? jsonPath : [...jsonPath, 'path'];
  const postscriptName = typeof entry === 'string' ? undefined : entry.postscriptName;
  const file = candidate(spec, reader);
  const notFound = (): never =>
    fail(reader, specPath, 'fonts/not-found', `The font \`${spec}\` was found neither next to ${path.basename(reader.shown)} nor in node_modules.`);
  if (!file) notFound();
  const resolved = await resolveInside(reader.roots, file as string);
  if (resolved.kind === 'missing') notFound();
  if (resolved.kind === 'outside') {
    fail(reader, specPath, 'fonts/outside-folders', `The font \`${spec}\` leads to ${resolved.path}, outside the project and the font folders.`);
  }
  if (resolved.kind !== 'file') {
    const message = resolved.kind === 'not-a-file' ? failureMessage({ kind: 'not-a-file', real: resolved.path }, spec) : failureMessage(resolved, spec);
    fail(reader, specPath, resolved.kind === 'not-a-file' ? 'load/not-a-file' : 'load/unreadable', message);
  }
  const real = (resolved as { path: string }).path;
  if (!(await isFontFile(real))) {
    fail(reader, specPath, 'fonts/not-a-font', `\`${spec}\` is not a TrueType or OpenType font file.`);
  }
  if (await isCollection(real)) await checkCollectionFace(reader, real, postscriptName, jsonPath, entry);
  return { path: real, postscriptName, source: { file: reader.shown, ...reader.source.positionOf(specPath) } };
}

async function isCollection(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.toString('latin1') === COLLECTION_TAG;
  } finally {
    await handle.close();
  }
}

/**
 * A face of a .ttc is picked by its PostScript name; without one, the first face would be taken
 * silently (often the Japanese or Korean face of a Noto CJK collection), so the name is required.
 */
async function checkCollectionFace(reader: Reader, file: string, postscriptName: string | undefined, jsonPath: (string | number)[], entry: FaceEntry): Promise<void> {
  let names: string[];
  try {
    names = postscriptNames(await readFile(file));
  } catch {
    fail(reader, typeof entry === 'string' ? jsonPath : [...jsonPath, 'path'], 'fonts/not-a-font', `\`${path.basename(file)}\` is not a usable font collection: its tables are cut short.`);
  }
  if (postscriptName !== undefined && names.includes(postscriptName)) return;
  const listed = names.length > 0 ? names.map((n) => `\`${n}\``).join(', ') : 'no faces';
  const at = postscriptName === undefined ? jsonPath : [...jsonPath, 'postscriptName'];
  const near = postscriptName ? suggest(postscriptName, names) : undefined;
  fail(
    reader,
    at,
    'fonts/no-such-face',
    postscriptName === undefined
      ? `\`${path.basename(file)}\` is a font collection; fonts.yaml must say which face to use (it has ${listed}).`
      : `\`${path.basename(file)}\` has no face \`${postscriptName}\` (it has ${listed}).`,
    near ? `Did you mean \`${near}\`?` : `Write the face as \`{ path: ${path.basename(file)}, postscriptName: ${names[0] ?? 'NAME'} }\`.`,
  );
}

async function resolveRole(raw: FontsFile, role: FontRoleName, reader: Reader): Promise<FontRole | undefined> {
  const entry = raw[role];
  if (!entry) return undefined;
  const normal = await resolveFace(entry.normal, reader, [role, 'normal']);
  const family = entry.family ?? role;
  if (!entry.bold) return { family, normal, bold: normal, syntheticBold: true };
  return { family, normal, bold: await resolveFace(entry.bold, reader, [role, 'bold']), syntheticBold: false };
}

/** Every role, the optional ones left out of fonts.yaml borrowing their stand-in's faces. */
async function resolveRoles(raw: FontsFile, reader: Reader): Promise<Record<FontRoleName, FontRole>> {
  const named = new Map<FontRoleName, FontRole>();
  for (const role of FONT_ROLES) {
    const resolved = await resolveRole(raw, role, reader);
    if (resolved) named.set(role, resolved);
  }
  const roleOf = (role: FontRoleName): FontRole => {
    const own = named.get(role);
    if (own) return own;
    const lender = ROLE_STANDS_IN[role] ?? 'body';
    const lent = roleOf(lender);
    return { ...lent, borrowedFrom: lent.borrowedFrom ?? lender };
  };
  return Object.fromEntries(FONT_ROLES.map((role) => [role, roleOf(role)])) as Record<FontRoleName, FontRole>;
}

/** `fallback:` is a list of `{ family, path }` (or `{ family, path, postscriptName }`). */
async function resolveFallbacks(raw: FontsFile['fallback'], reader: Reader): Promise<FallbackFont[]> {
  const out: FallbackFont[] = [];
  for (const [i, item] of (raw ?? []).entries()) {
    const face = await resolveFace({ path: item.path, postscriptName: item.postscriptName }, reader, ['fallback', i]);
    out.push({ ...face, family: item.family ?? `hanpress fallback ${i + 1}` });
  }
  return out;
}

/** npm packages of the faces fonts/fonts.yaml names (licences in docs/fonts.md). */
const SHIPPED_FONT_PACKAGES = ['@expo-google-fonts/noto-serif-sc', '@expo-google-fonts/noto-sans-sc', '@fontsource/lxgw-wenkai', '@expo-google-fonts/noto-sans-mono'];

/** The package folder (nearest package.json) of each shipped font: fonts a book may name too. */
let shippedFontDirs: Promise<string[]> | undefined;
function shippedFolders(): Promise<string[]> {
  shippedFontDirs ??= (async () => {
    const dirs = new Set<string>([await realRoot(HANPRESS_FONTS_DIR)]);
    const require = createRequire(DEFAULT_FONT_CONFIG);
    for (const name of SHIPPED_FONT_PACKAGES) {
      try {
        dirs.add(await realRoot(path.dirname(require.resolve(`${name}/package.json`))));
      } catch {
        // Not installed: `fonts/not-found` names the font that needs it.
      }
    }
    return [...dirs];
  })();
  return shippedFontDirs;
}

/** Folders the user (not the book) allows fonts from: HANPRESS_FONT_PATH, like PATH. */
async function userFolders(env: NodeJS.ProcessEnv): Promise<string[]> {
  const list = (env.HANPRESS_FONT_PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d));
  return Promise.all(list.map(realRoot));
}

async function readConfig(bookRoot: string, env: NodeJS.ProcessEnv): Promise<Reader> {
  const projectReal = await realRoot(bookRoot);
  const roots = [projectReal, ...(await shippedFolders()), ...(await userFolders(env))];
  const own = path.join(bookRoot, 'fonts.yaml');
  const ownExists = await resolveInside([projectReal], own);
  const configFile = ownExists.kind === 'missing' ? DEFAULT_FONT_CONFIG : own;
  const shown = ownExists.kind === 'missing' ? DEFAULT_FONT_CONFIG : 'fonts.yaml';
  const read = await readContainedText(ownExists.kind === 'missing' ? [await realRoot(HANPRESS_FONTS_DIR)] : [projectReal], configFile, YAML_LIMIT);
  if ('failure' in read) {
    const { failure } = read;
    if (failure.kind === 'encoding') throw new BuildFailure([diagnostic(failure.problem.code, { ...failure.problem, file: shown })]);
    const code = failure.kind === 'outside' ? 'load/outside-project' : failure.kind === 'not-a-file' ? 'load/not-a-file' : failure.kind === 'too-large' ? 'load/too-large' : 'load/unreadable';
    throw new BuildFailure([diagnostic(code, { message: failureMessage(failure, shown), file: shown })]);
  }
  const parsed = parseYamlSource(read.text, shown);
  if (!parsed.source) throw new BuildFailure(parsed.diagnostics);
  // Paths in the file are relative to where it really is.
  return { source: { ...parsed.source, file: read.real }, shownSource: parsed.source, roots, shown };
}

export async function loadFontConfig(bookRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<FontConfig> {
  const reader = await readConfig(bookRoot, env);
  const { fonts: raw, diagnostics } = checkFonts(reader.shownSource);
  if (!raw) throw new BuildFailure(diagnostics);
  return { ...(await resolveRoles(raw, reader)), fallback: await resolveFallbacks(raw.fallback, reader) };
}
