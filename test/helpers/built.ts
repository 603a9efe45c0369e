/**
 * Builds a project's PDF and EPUB in process (the writers the CLI calls) and reads both back:
 * the PDF's text runs with their fonts, the EPUB's files and its EPUBCheck report.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { writeEpub } from '../../src/writers/epub/index.js';
import { writePdf } from '../../src/writers/pdf/index.js';
import { runEpubcheck, type EpubcheckReport } from './epubcheck.js';
import { fontRuns, type FontRun } from './pdf-fonts.js';
import { tempDir } from './project.js';
import { loadBook, type LoadedBook } from './sample.js';

export interface BuiltBook {
  loaded: LoadedBook;
  pdf: Uint8Array;
  pdfFile: string;
  runs: FontRun[][];
  epubFiles: Record<string, Uint8Array>;
  epubcheck?: EpubcheckReport;
  xhtml(name: string): string;
}

export async function buildBoth(dir: string, options: { epubcheck?: boolean } = {}): Promise<BuiltBook> {
  const loaded = await loadBook(dir);
  const pdf = (await writePdf(loaded.book, loaded.front, loaded.ctx)).bytes;
  const epub = await writeEpub(loaded.book, loaded.front, loaded.ctx);
  const out = await tempDir('hanpress-built-');
  const pdfFile = path.join(out, 'book.pdf');
  const epubFile = path.join(out, 'book.epub');
  await Promise.all([writeFile(pdfFile, pdf), writeFile(epubFile, epub)]);
  const epubFiles = unzipSync(epub);
  const decoder = new TextDecoder();
  return {
    loaded,
    pdf,
    pdfFile,
    runs: await fontRuns(pdf),
    epubFiles,
    ...(options.epubcheck === false ? {} : { epubcheck: await runEpubcheck(epubFile) }),
    xhtml(name) {
      const data = epubFiles[`OEBPS/text/${name}.xhtml`];
      if (!data) throw new Error(`${name} is not in the EPUB (${Object.keys(epubFiles).join(', ')})`);
      return decoder.decode(data);
    },
  };
}

/** A page's runs grouped into visual lines (same baseline), top to bottom, left to right. */
export function runLines(runs: FontRun[]): FontRun[][] {
  const sorted = runs.filter((r) => r.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const out: FontRun[][] = [];
  for (const run of sorted) {
    const last = out.at(-1);
    if (last && Math.abs((last[0]?.y ?? 0) - run.y) < 1) last.push(run);
    else out.push([run]);
  }
  return out;
}

export function lineString(line: FontRun[]): string {
  return line.map((r) => r.str).join('');
}
