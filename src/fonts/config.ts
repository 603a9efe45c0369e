/**
 * Font configuration: which file renders which role. Read from the book's own fonts.yaml
 * when it has one, else from hanpress's fonts/fonts.yaml, through the same YAML path as
 * book.yaml (positions, limits). Every font path is resolved through symbolic links and must
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
import { COLLECTION_TAG, postscriptNames } from './sfnt.js';

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

/** 宋 body, 黑 heading, 楷 kai, 仿宋 fangsong, 等宽 mono. */
export type FontRoleName = 'body' | 'heading' | 'kai' | 'fangsong' | 'mono';

export const FONT_ROLES: readonly FontRoleName[] = ['body', 'heading', 'kai', 'fangsong', 'mono'];

/** Roles fonts.yaml must name; the others may be left out and borrow (ROLE_STANDS_IN). */
const REQUIRED_ROLES: readonly FontRoleName[] = ['body', 'heading'];

/**
 * The role whose faces an optional role borrows when fonts.yaml leaves it out: 仿宋 is set in
 * 楷 (the nearest hand-written style), 楷 in 宋, code in 宋 (docs/fonts.md).
 */
export const ROLE_STANDS_IN: Readonly<Record<FontRoleName, FontRoleName | undefined>> = {
  body: undefined,
  heading: undefined,
  kai: 'body',
  fangsong: 'kai',
  mono: 'body',
};

/**
 * The roles that draw a character of the book's own text that a role's face lacks, before the
 * `fallback:` faces. A Latin monospace face (Noto Sans Mono) has no ideographs: the Chinese
 * comments of a code block are set in 黑体, as printed programming books do. The other roles
 * borrow nothing: a character missing from 宋体 or 楷体 is an error unless a `fallback:` has it,
 * because a 黑体 glyph in the middle of 宋体 text is a visible fault. Characters hanpress itself
 * inserts (src/fonts/inserted.ts) may come from any role's face.
 */
export const ROLE_COVER: Readonly<Record<FontRoleName, readonly FontRoleName[]>> = {
  body: [],
  heading: [],
  kai: [],
  fangsong: [],
  mono: ['heading', 'body'],
};

/** `role`, then the roles that may draw what it lacks (all of them for inserted characters), each once. */
export function roleChain(role: FontRoleName, inserted = false): FontRoleName[] {
  const chain = [role, ...(inserted ? FONT_ROLES : ROLE_COVER[role])];
  return chain.filter((r, i) => chain.indexOf(r) === i);
}

export const DEFAULT_FONT_CONFIG = fileURLToPath(new URL('../../fonts/fonts.yaml', import.meta.url));
const HANPRESS_FONTS_DIR = path.dirname(DEFAULT_FONT_CONFIG);

/** sfnt versions of TrueType, OpenType/CFF, Apple TrueType, the collection tag and WOFF 1.0. */
const FONT_SIGNATURES = ['00010000', '4f54544f', '74727565', '74746366', '774f4646'];

type FaceEntry = string | { path?: unknown; postscriptName?: unknown };

interface Reader {
  source: YamlSource;
  /** The folders a font may come from (real paths). */
  roots: string[];
  /** Path shown in diagnostics: relative to the project for the book's own file. */
  shown: string;
  bookRoot: string;
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
  if (typeof spec !== 'string' || spec === '') {
    fail(reader, specPath, 'fonts/bad-entry', 'A font must be a path, or `{ path: …, postscriptName: … }`.');
  }
  const postscriptName = typeof entry === 'object' && typeof entry.postscriptName === 'string' ? entry.postscriptName : undefined;
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

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

async function resolveRole(raw: Record<string, unknown>, role: FontRoleName, reader: Reader): Promise<FontRole | undefined> {
  const entry = record(raw[role]);
  if (!entry?.normal) {
    if (!entry && !REQUIRED_ROLES.includes(role)) return undefined;
    fail(reader, entry ? [role] : [], 'fonts/missing-role', `${path.basename(reader.shown)} has no \`${role}.normal\` font.`, `Add a \`${role}:\` entry with \`family\` and \`normal\` (and \`bold\`).`);
  }
  const normal = await resolveFace(entry.normal as FaceEntry, reader, [role, 'normal']);
  const family = typeof entry.family === 'string' ? entry.family : role;
  if (!entry.bold) return { family, normal, bold: normal, syntheticBold: true };
  return { family, normal, bold: await resolveFace(entry.bold as FaceEntry, reader, [role, 'bold']), syntheticBold: false };
}

/** Every role, the optional ones left out of fonts.yaml borrowing their stand-in's faces. */
async function resolveRoles(raw: Record<string, unknown>, reader: Reader): Promise<Record<FontRoleName, FontRole>> {
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
async function resolveFallbacks(raw: unknown, reader: Reader): Promise<FallbackFont[]> {
  if (raw === undefined || raw === null) return [];
  const entries = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const out: FallbackFont[] = [];
  for (const [i, entry] of entries.entries()) {
    const item = record(entry);
    const at = Array.isArray(raw) ? ['fallback', i] : ['fallback'];
    if (typeof item?.path !== 'string') {
      fail(reader, at, 'fonts/bad-fallback', `fonts.yaml \`fallback\` entry ${i + 1} has no \`path\`.`, 'Write each fallback as `- { family: Name, path: file.ttf }`.');
    }
    const face = await resolveFace({ path: item.path, postscriptName: item.postscriptName }, reader, at);
    out.push({ ...face, family: typeof item.family === 'string' ? item.family : `hanpress fallback ${i + 1}` });
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
  return { source: { ...parsed.source, file: read.real }, roots, shown, bookRoot };
}

const TOP_KEYS = [...FONT_ROLES, 'fallback'];
const ROLE_KEYS = ['family', 'normal', 'bold'];
const FACE_KEYS = ['path', 'postscriptName'];
const FALLBACK_KEYS = ['family', 'path', 'postscriptName'];

/** A misspelt key (`fallbak:`) would otherwise be ignored without a word. */
function checkKeys(reader: Reader, value: unknown, allowed: string[], at: (string | number)[]): void {
  const map = record(value);
  if (!map) return;
  for (const key of Object.keys(map)) {
    if (allowed.includes(key)) continue;
    const near = suggest(key, allowed);
    const d: Diagnostic = diagnostic('fonts/unknown-field', {
      message: `Unknown field \`${key}\` in ${path.basename(reader.shown)}.`,
      file: reader.shown,
      ...reader.source.positionOf([...at, key], 'key'),
      hint: near ? `Did you mean \`${near}\`?` : `Use ${allowed.map((k) => `\`${k}\``).join(', ')}.`,
    });
    throw new BuildFailure([d]);
  }
}

function checkAllKeys(reader: Reader, raw: Record<string, unknown>): void {
  checkKeys(reader, raw, TOP_KEYS, []);
  for (const role of FONT_ROLES) {
    checkKeys(reader, raw[role], ROLE_KEYS, [role]);
    for (const weight of ['normal', 'bold']) checkKeys(reader, record(raw[role])?.[weight], FACE_KEYS, [role, weight]);
  }
  if (Array.isArray(raw.fallback)) raw.fallback.forEach((entry, i) => checkKeys(reader, entry, FALLBACK_KEYS, ['fallback', i]));
  else checkKeys(reader, raw.fallback, FALLBACK_KEYS, ['fallback']);
}

export async function loadFontConfig(bookRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<FontConfig> {
  const reader = await readConfig(bookRoot, env);
  const raw = record(reader.source.value);
  if (!raw) fail(reader, [], 'fonts/bad-entry', `${path.basename(reader.shown)} must be a mapping with \`body:\` and \`heading:\`.`);
  checkAllKeys(reader, raw);
  return { ...(await resolveRoles(raw, reader)), fallback: await resolveFallbacks(raw.fallback, reader) };
}
