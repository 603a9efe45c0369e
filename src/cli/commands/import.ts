/**
 * `hanpress import <ocr.txt> --out <dir>`: writes a book project made from OCR text, and
 * import-report.md. Refuses to write into a folder that already holds files unless --force;
 * all files are written atomically (none when one fails).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOutputsAtomically } from '../../build/output.js';
import { BuildFailure } from '../../diagnostics/diagnostic.js';
import { projectFiles } from '../../import/files.js';
import { importOcr } from '../../import/import-ocr.js';
import { importStats } from '../../import/report.js';
import { onlyPositionals, outputSettings, reportFailure, stringOption, UsageError, type Command } from '../io.js';

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

async function readSource(file: string, shown: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new BuildFailure([
      { code: 'import/no-source', severity: 'error', message: `Cannot read the OCR text ${shown}.`, file: shown, hint: 'Give the path of a UTF-8 text file.' },
    ]);
  }
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

export const importCommand: Command = {
  name: 'import',
  args: '<ocr.txt>',
  summary: 'turn the OCR text of a printed book into a book project',
  details: 'Writes book.yaml, front/, chapters/ and import-report.md (what changed, what to check, what to fill in).',
  options: {
    out: { type: 'string', short: 'o', value: '<dir>', description: 'folder of the new book project (required)' },
    force: { type: 'boolean', description: 'write into a folder that already holds files' },
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const [sourceArg] = positionals;
    const outArg = stringOption(values, 'out');
    if (sourceArg === undefined) throw new UsageError('Missing the OCR text file to import.');
    if (outArg === undefined) throw new UsageError('Missing --out <dir> for the new book project.');
    const source = path.resolve(io.cwd, sourceArg);
    const outDir = path.resolve(io.cwd, outArg);
    const settings = outputSettings({}, io, io.cwd);
    return reportFailure('import', settings, io, async () => {
      if (values.force !== true && (await isNonEmptyDir(outDir))) refuseOverwrite(path.relative(io.cwd, outDir) || outDir);
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
