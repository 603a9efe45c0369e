/**
 * `hanpress import <ocr.txt|file.docx> --out <dir>`: writes a book project made from OCR text
 * or a Word manuscript, and import-report.md. Refuses to write into a folder that already holds files unless --force;
 * all files are written atomically (none when one fails).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOutputsAtomically } from '../../pipeline/output.js';
import { BuildFailure, diagnostic } from '../../diagnostics/diagnostic.js';
import { decodeText } from '../../files/text.js';
import { projectFiles } from '../../import/files.js';
import { importOcr } from '../../import/import-ocr.js';
import { importStats } from '../../import/report.js';
import { onlyPositionals, outputSettings, reportFailure, stringOption, UsageError, type CommandSpec, type Io, type OptionValues } from '../io.js';

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

/** The OCR text through the one text reader: UTF-16 or GBK output of an OCR tool is named. */
async function readSource(file: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new BuildFailure([
      { code: 'import/no-source', severity: 'error', message: `Cannot read the OCR text ${shown}.`, file: shown, hint: 'Give the path of a UTF-8 text file.' },
    ]);
  }
  const decoded = decodeText(bytes, { pageBreaks: true });
  if ('problem' in decoded) throw new BuildFailure([diagnostic(decoded.problem.code, { ...decoded.problem, file: shown })]);
  return decoded.text;
}

function refuseOverwrite(shown: string): never {
  throw new BuildFailure([
    {
      code: 'import/out-not-empty',
      severity: 'error',
      message: `The folder ${shown} already holds files; importing would overwrite them.`,
      file: shown,
      hint: 'Choose an empty or new folder, or add --force to write over it.',
    },
  ]);
}

async function importDocxCommand(source: string, shown: string, outDir: string, values: OptionValues, io: Io): Promise<number> {
  // The .docx readers (xmldom, fflate, sharp for the images) load only for a .docx.
  const { importWordFile, readStyleMap } = await import('./import-docx.js');
  const mapArg = stringOption(values, 'style-map');
  const styleMap = await readStyleMap(mapArg === undefined ? undefined : path.resolve(io.cwd, mapArg), mapArg);
  const { book, files } = await importWordFile(source, shown, outDir, { acceptChanges: values['accept-changes'] === true, styleMap });
  const rel = path.relative(io.cwd, outDir) || '.';
  const chapters = book.chapters.filter((c) => c.kind === 'chapter').length;
  io.out(
    [
      `imported ${shown} into ${rel}: ${files} files, ${chapters} chapters in ${book.parts.length} parts, ${book.images.length} images`,
      `${book.counts.footnotes + book.counts.endnotes} notes, ${book.counts.tables} tables; ${book.unsure.length} unsure places, ${book.dropped.length} dropped items: see ${path.join(rel, 'import-report.md')}`,
      ...(book.revisions.length + book.comments.length > 0 ? [`accepted ${book.revisions.length} tracked changes, dropped ${book.comments.length} comments (listed in the report)`] : []),
      ...(book.missing.length > 0 ? [`to fill in book.yaml: ${book.missing.map((m) => m.field).join(', ')}`] : []),
    ].join('\n'),
  );
  return 0;
}

export const importCommand: CommandSpec = {
  details:
    'Writes book.yaml, front/, chapters/ and import-report.md (what changed, what to check, what to fill in). A .docx is refused while it holds tracked changes or comments; docs/import.md tells what becomes what.',
  options: {
    out: { type: 'string', short: 'o', value: '<dir>', description: 'folder of the new book project (required)' },
    force: { type: 'boolean', description: 'write into a folder that already holds files' },
    'accept-changes': { type: 'boolean', description: '.docx: accept tracked changes and drop comments (the report lists them)' },
    'style-map': { type: 'string', value: '<map.yaml>', description: '.docx: Word style names → roles (章标题: chapter)' },
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const [sourceArg] = positionals;
    const outArg = stringOption(values, 'out');
    if (sourceArg === undefined) throw new UsageError('Missing the OCR text or .docx file to import.');
    if (outArg === undefined) throw new UsageError('Missing --out <dir> for the new book project.');
    const source = path.resolve(io.cwd, sourceArg);
    const outDir = path.resolve(io.cwd, outArg);
    const settings = outputSettings({}, io, io.cwd);
    return reportFailure('import', settings, io, async () => {
      if (values.force !== true && (await isNonEmptyDir(outDir))) refuseOverwrite(path.relative(io.cwd, outDir) || outDir);
      if (/\.docx$/i.test(source)) return importDocxCommand(source, sourceArg, outDir, values, io);
      if (values['accept-changes'] !== undefined || values['style-map'] !== undefined) throw new UsageError('--accept-changes and --style-map apply to .docx files only.');
      const book = importOcr(await readSource(source, sourceArg), path.basename(source));
      const files = projectFiles(book);
      await writeOutputsAtomically(files.map((f) => ({ path: path.join(outDir, f.path), bytes: Buffer.from(f.text, 'utf8') })));
      const stats = importStats(book);
      const rel = path.relative(io.cwd, outDir) || '.';
      io.out(
        [
          `imported ${sourceArg} into ${rel}: ${files.length} files, ${book.chapters.length} chapters in ${book.parts.length} parts`,
          `${book.changes.length} changes, ${book.unsure.length} unsure places: see ${path.join(rel, 'import-report.md')}`,
          ...(book.missing.length > 0 ? [`to fill in book.yaml: ${book.missing.map((m) => m.field).join(', ')}`] : []),
          ...(stats.textFound < book.chapters.length ? [`${book.chapters.length - stats.textFound} chapters have no text in the OCR`] : []),
        ].join('\n'),
      );
      return 0;
    });
  },
};
