/**
 * `hanpress init [dir]`: a new book project that checks clean and builds at once. Never writes
 * over a file that is already there (unless --force); writes all files or none.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOutputsAtomically } from '../../pipeline/output.js';
import { BuildFailure } from '../../diagnostics/diagnostic.js';
import { initProject, mergedGitignore, type ProjectFile } from '../../init/template.js';
import { onlyPositionals, outputSettings, reportFailure, shown, type CommandSpec, type Io } from '../io.js';

/** SOURCE_DATE_EPOCH makes the dates in the new book.yaml reproducible (tests, demos). */
function today(io: Io): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

const GITIGNORE = '.gitignore';

async function withOwnGitignore(files: ProjectFile[], dir: string): Promise<ProjectFile[]> {
  const existing = await readFile(path.join(dir, GITIGNORE), 'utf8').catch(() => undefined);
  if (existing === undefined) return files;
  const merged = mergedGitignore(existing);
  return files.flatMap((f) => (f.path !== GITIGNORE ? [f] : merged === undefined ? [] : [{ ...f, text: merged }]));
}

export const initCommand: CommandSpec = {
  details: [
    'Writes book.yaml (every required field, commented, TODO where you must decide), a preface,',
    'one part of two chapters and a .gitignore. It checks clean and builds at once:',
    '  hanpress init mybook && cd mybook && hanpress check && hanpress build',
  ].join('\n'),
  options: {
    force: { type: 'boolean', description: 'write over files of the same names that are already there' },
  },
  async run(positionals, values, io) {
    onlyPositionals(positionals, 1);
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    const made = initProject({ folderName: path.basename(dir), now: today(io) });
    return reportFailure('init', outputSettings({}, io, dir), io, async () => {
      // An existing .gitignore (a repository's) is kept and gets the lines hanpress needs.
      const files = await withOwnGitignore(made, dir);
      const existing = files.filter((f) => f.path !== GITIGNORE && existsSync(path.join(dir, f.path)));
      if (existing.length > 0 && values.force !== true) {
        throw new BuildFailure([
          {
            code: 'init/exists',
            severity: 'error',
            message: `${shown(path.join(dir, (existing[0] as { path: string }).path), io)} is already there; init writes over nothing.`,
            hint: 'Choose a new folder (hanpress init mybook), or add --force to replace these files.',
          },
        ]);
      }
      await writeOutputsAtomically(files.map((f) => ({ path: path.join(dir, f.path), bytes: Buffer.from(f.text, 'utf8') })));
      const where = shown(dir, io);
      io.out(
        [
          `created a book project in ${where}: ${files.map((f) => f.path).join(', ')}`,
          'next: fill in the TODO lines of book.yaml, write the chapters, then',
          ...(where === '.' ? [] : [`  cd ${where}`]),
          '  hanpress check     # what is wrong, with the line to fix',
          '  hanpress build     # dist/<slug>.epub and dist/<slug>.pdf',
          '  hanpress proof     # a PNG of the main pages, to look at',
        ].join('\n'),
      );
      return 0;
    });
  },
};
