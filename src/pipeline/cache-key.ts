/**
 * Keys of the cache across runs. Every key starts from the settings key: hanpress's version
 * and code, book.yaml, the book's design and the font files. Anything that can change every
 * chapter's result invalidates every entry, so a stale hit needs a change the key missed in the
 * chapter's own inputs, which the stage names.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentName, nameContent } from './content-identity.js';

export function hashOf(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : stableJson(part)).update('\u0000');
  return hash.digest('hex');
}

/** JSON with Maps and Sets as their entries; a function in the inputs is a bug of the caller. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { '\u0000map': [...v.entries()] };
    if (v instanceof Set) return { '\u0000set': [...v.values()] };
    if (typeof v === 'function') throw new Error('internal: a cache key cannot hold a function');
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

/**
 * A hash of a value's content, made once per object: the chapter model goes into the keys of
 * two steps (its composition and its XHTML), and writing a whole book out as JSON twice cost a
 * rebuild a tenth of a second. The value is named by it (frozen under HANPRESS_FREEZE_NAMED, as
 * the tests run), so a stage that changed the model after the first key fails a test.
 */
export function digestOf(value: object): string {
  let digest = contentName(value);
  if (digest === undefined) nameContent(value, (digest = `sha256:${hashOf(value)}`));
  return digest;
}

let code: string | undefined;

/**
 * hanpress's version and its code: the version alone would let a checkout serve results of
 * code edited since. Size and modification time of every file of the installed code (src/ in
 * a checkout, the compiled folder in a package) and of templates/ (the house design) are
 * enough and take a few milliseconds.
 */
export function codeKey(): string {
  if (code !== undefined) return code;
  const here = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  hash.update(pkg.version);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const stat = statSync(file);
        hash.update(`${path.relative(here, file)}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
      }
    }
  };
  walk(here);
  const templates = fileURLToPath(new URL('../../templates', import.meta.url));
  if (existsSync(templates)) walk(templates);
  code = hash.digest('hex');
  return code;
}

/** Every absolute font path named in a font config, with size and time: a replaced font file changes the key. */
export function fontFilesKey(fonts: unknown): string {
  const files = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'path' && typeof x === 'string') files.add(x);
        else visit(x);
      }
    }
  };
  visit(fonts);
  return hashOf(
    [...files].sort().map((file) => {
      try {
        const stat = statSync(file);
        return [file, stat.size, stat.mtimeMs];
      } catch {
        return [file, -1];
      }
    }),
  );
}
