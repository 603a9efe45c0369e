/**
 * The diagnostics catalogue is complete and documented: every code the sources can emit is in
 * it (literal codes, lint rule codes, schema keyword codes), every code in it is emitted
 * somewhere, and docs/diagnostics.md holds the generated table with an anchor for each code.
 * UPDATE_DOCS=1 rewrites the table.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, docsAnchor, isDiagnosticCode, schemaCode } from '../src/diagnostics/catalogue.js';
import { withCatalogue } from '../src/diagnostics/catalogue-doc.js';
import { LINT_RULE_IDS } from '../src/lint/rule-ids.js';
import { bookSchema, frontMatterSchema } from '../src/validate/book-schema.js';
import { designSchema } from '../src/validate/design-schema.js';
import { REPO_ROOT } from './helpers/sample.js';

const DOC = path.join(REPO_ROOT, 'docs/diagnostics.md');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

async function allSources(): Promise<Map<string, string>> {
  const files = await sourceFiles(path.join(REPO_ROOT, 'src'));
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(f, 'utf8')] as [string, string])));
}

/** JSON Schema keywords a schema uses (the keys of every subschema). */
function keywords(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => keywords(s, out));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      out.add(key);
      if (key === 'properties' || key === '$defs') Object.values(value as object).forEach((s) => keywords(s, out));
      else keywords(value, out);
    }
  }
  return out;
}

/** Keywords that never produce a validation error of their own. */
const ANNOTATIONS = new Set(['$id', '$schema', 'properties', 'items', 'default', 'title', 'description', '$defs', 'isbn13', 'clc', 'bcp47', 'role', 'volumeNumber']);

describe('diagnostics catalogue', () => {
  it('has every code literal the sources write in a `code:` field or diagnostic() call', async () => {
    const found: string[] = [];
    for (const [file, text] of await allSources()) {
      for (const m of text.matchAll(/(?:\bcode: |\bdiagnostic\(|\binternal\()'([a-z0-9-]+\/[a-zA-Z0-9-]+)'/g)) {
        if (!isDiagnosticCode(m[1] ?? '')) found.push(`${path.relative(REPO_ROOT, file)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has a code for every lint rule and every schema keyword', () => {
    expect(LINT_RULE_IDS.filter((id) => !isDiagnosticCode(`lint/${id}`))).toEqual([]);
    for (const [prefix, schema] of [['book', bookSchema], ['front-matter', frontMatterSchema], ['design', designSchema]] as const) {
      const used = [...keywords(schema)].filter((k) => !ANNOTATIONS.has(k));
      expect(used.filter((k) => schemaCode(prefix, k) !== `${prefix}/${k}`), prefix).toEqual([]);
    }
  });

  it('emits every code it lists (no dead entries)', async () => {
    const text = [...(await allSources())].filter(([f]) => !f.endsWith(path.join('diagnostics', 'catalogue.ts'))).map(([, t]) => t).join('\n');
    const dynamic = (code: string): boolean => {
      const [area, name = ''] = code.split('/');
      if (area === 'lint') return (LINT_RULE_IDS as string[]).includes(name) || text.includes(`'${code}'`);
      const schemas = { book: bookSchema, 'front-matter': frontMatterSchema, design: designSchema } as const;
      if (area === 'book' || area === 'front-matter' || area === 'design') return name === 'invalid' || keywords(schemas[area]).has(name) || text.includes(`'${code}'`);
      return text.includes(`'${code}'`);
    };
    expect(Object.keys(CATALOGUE).filter((code) => !dynamic(code))).toEqual([]);
  });

  it('documents every code in docs/diagnostics.md with its anchor', async () => {
    const doc = await readFile(DOC, 'utf8');
    const current = withCatalogue(doc);
    if (process.env.UPDATE_DOCS === '1' && current !== doc) await writeFile(DOC, current);
    expect(doc, 'docs/diagnostics.md is out of date: run UPDATE_DOCS=1 npx vitest run test/diagnostics-catalogue.test.ts').toBe(current);
    for (const code of Object.keys(CATALOGUE)) expect(doc).toContain(`<a id="${docsAnchor(code)}"></a>\`${code}\``);
  });

  it('gives every code a title and a hint, and a known severity', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(entry.title.length, code).toBeGreaterThan(3);
      expect(entry.hint.length, code).toBeGreaterThan(3);
      expect(['error', 'warning']).toContain(entry.severity);
    }
  });
});
