/**
 * The .docx side of `hanpress import`: reads the Word file and the optional style map, refuses
 * a document with tracked changes or comments unless --accept-changes, and writes the project
 * atomically. Errors are diagnostics naming the file; nothing is written when one is raised.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { writeOutputsAtomically } from '../../pipeline/output.js';
import { BuildFailure, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { docxProjectFiles } from '../../import/docx/files.js';
import { importDocx, type DocxBook } from '../../import/docx/import-docx.js';
import { DocxError } from '../../import/docx/ooxml.js';
import type { StyleMap } from '../../import/docx/structure.js';
import { STYLE_ROLES, type StyleRole } from '../../import/docx/styles.js';
import type { Revision } from '../../import/docx/document.js';

function fail(diagnostics: Diagnostic[]): never {
  throw new BuildFailure(diagnostics);
}

export async function readStyleMap(file: string | undefined, shown: string | undefined): Promise<StyleMap> {
  const map: StyleMap = new Map();
  if (file === undefined) return map;
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (e) {
    fail([{ code: 'import/style-map', severity: 'error', message: `Cannot read the style map ${shown}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, file: shown, hint: 'Write one line per Word style: `章标题: chapter`.' }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail([{ code: 'import/style-map', severity: 'error', message: `The style map ${shown} is not a mapping of style names to roles.`, file: shown, hint: 'Write one line per Word style: `章标题: chapter`.' }]);
  }
  for (const [name, role] of Object.entries(data)) {
    if (!STYLE_ROLES.includes(role as StyleRole)) {
      fail([{ code: 'import/style-map', severity: 'error', message: `The style map gives \`${name}\` the role \`${String(role)}\`, which hanpress does not know.`, file: shown, hint: `Use one of: ${STYLE_ROLES.join(', ')}.` }]);
    }
    map.set(name.toLowerCase(), role as StyleRole);
  }
  return map;
}

function where(r: { para: number }): string {
  return r.para > 0 ? `paragraph ${r.para}` : 'the document';
}

function refusal(shown: string, revisions: Revision[], comments: { para: number; author: string; text: string }[]): Diagnostic[] {
  const list = [
    ...revisions.map((r) => `  ${where(r)}: ${r.kind}${r.author ? ` by ${r.author}` : ''}${r.text ? `: ${r.text.slice(0, 60)}` : ''}`),
    ...comments.map((c) => `  ${where(c)}: comment${c.author ? ` by ${c.author}` : ''}: ${c.text.slice(0, 60)}`),
  ];
  const out: Diagnostic[] = [];
  if (revisions.length > 0) {
    out.push({
      code: 'import/tracked-changes',
      severity: 'error',
      message: `${shown} holds ${revisions.length} tracked change(s); hanpress never accepts them silently.`,
      file: shown,
      hint: 'Accept or reject them in Word (Review › Accept/Reject), or run again with --accept-changes to accept every one (the report lists them).',
    });
  }
  if (comments.length > 0) {
    out.push({
      code: 'import/comments',
      severity: 'error',
      message: `${shown} holds ${comments.length} comment(s), which have no place in the book.`,
      file: shown,
      hint: 'Resolve and delete them in Word, or run again with --accept-changes to drop them (the report lists them).',
    });
  }
  if (out[0]) out[0].message += `\n${list.join('\n')}`;
  return out;
}

export async function importWordFile(source: string, shown: string, outDir: string, options: { acceptChanges: boolean; styleMap: StyleMap }): Promise<{ book: DocxBook; files: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch {
    fail([{ code: 'import/no-source', severity: 'error', message: `Cannot read the Word file ${shown}.`, file: shown, hint: 'Give the path of a .docx file.' }]);
  }
  let result: ReturnType<typeof importDocx>;
  try {
    result = importDocx(bytes, { source: path.basename(source), ...options });
  } catch (e) {
    if (!(e instanceof DocxError)) throw e;
    fail([{ code: 'import/not-docx', severity: 'error', message: `${shown} cannot be read as a Word document: ${e.message}.`, file: shown, hint: 'Open it in Word or WPS and save it as .docx (Word Document), then import that file.' }]);
  }
  if (result.refused) fail(refusal(shown, result.revisions, result.comments));
  const files = docxProjectFiles(result.book);
  await writeOutputsAtomically(files.map((f) => ({ path: path.join(outDir, f.path), bytes: f.bytes })));
  return { book: result.book, files: files.length };
}
