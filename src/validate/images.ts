/**
 * Image references checked before a build, so `build` never meets an image it cannot use: a
 * local image must resolve (after symbolic links) to a regular file inside the project, decode
 * as the build will decode it, and — for SVG — pass the sanitiser; a remote one is never
 * fetched during a build.
 */
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFiles } from '../diagnostics/locate.js';
import { realRoot, resolveInside } from '../files/contain.js';
import { probeRaster } from '../images/probe.js';
import { IMAGE_EXTENSIONS } from '../images/names.js';
import { allChapters, type Book, type Chapter } from '../model/book.js';
import { chapterImages, type ImageNode } from '../model/walk.js';

const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

type Problem = Omit<Diagnostic, 'file' | 'line' | 'column'>;

/** The file part of an image `src`, %-escapes decoded; undefined when an escape is malformed. */
export function imagePath(src: string): string | undefined {
  try {
    return decodeURI(src.split(/[?#]/)[0] ?? '');
  } catch {
    return undefined;
  }
}

interface Checked {
  /** About the reference, positioned at the image in the Markdown. */
  problem?: Problem;
  /** About the file's content, positioned in the image file itself (SVG). */
  inFile: Diagnostic[];
}

class ImageChecks {
  private readonly byFile = new Map<string, Promise<Checked>>();

  constructor(private readonly book: Book, private readonly rootReal: string) {}

  async check(chapter: Chapter, image: ImageNode): Promise<Checked> {
    if (REMOTE.test(image.src)) {
      return { inFile: [], problem: diagnostic('image/remote', { message: `The image \`${image.src}\` is remote; hanpress never downloads during a build, so it is left out.` }) };
    }
    const relative = imagePath(image.src);
    if (relative === undefined) {
      return { inFile: [], problem: diagnostic('image/bad-escape', { message: `The image path \`${image.src}\` has a %-escape that does not decode to a file name.` }) };
    }
    const file = path.resolve(this.book.root, path.dirname(chapter.file), relative);
    if (!file.startsWith(path.resolve(this.book.root) + path.sep)) return { inFile: [], problem: outside(image.src) };
    let checked = this.byFile.get(file);
    if (!checked) {
      checked = this.checkFile(file, image.src, chapter);
      this.byFile.set(file, checked);
    }
    return checked;
  }

  private async checkFile(file: string, src: string, chapter: Chapter): Promise<Checked> {
    const resolved = await resolveInside([this.rootReal], file);
    switch (resolved.kind) {
      case 'missing':
        return { inFile: [], problem: diagnostic('image/missing', { message: `The image \`${src}\` does not exist.`, hint: `Paths are relative to ${chapter.file}; check the spelling and the folder.` }) };
      case 'outside':
        return { inFile: [], problem: outside(src, resolved.path) };
      case 'not-a-file':
        return { inFile: [], problem: diagnostic('load/not-a-file', { message: `The image \`${src}\` is not a regular file (it is a folder, a device or a pipe).` }) };
      case 'unreadable':
        return { inFile: [], problem: diagnostic('load/unreadable', { message: `The image \`${src}\` cannot be read: ${resolved.reason}.` }) };
      case 'file':
        break;
    }
    const ext = path.extname(file).toLowerCase();
    if (!IMAGE_EXTENSIONS.has(ext)) {
      return { inFile: [], problem: diagnostic('image/unsupported-type', { message: `The image \`${src}\` is not PNG, JPEG, GIF, WebP, TIFF or SVG; it is left out.` }) };
    }
    const shown = path.relative(this.book.root, file).split(path.sep).join('/');
    if (ext === '.svg') {
      // The SVG sanitiser and the vector conversion (sax, svgpath) load only for a book that has an SVG.
      const checked = await (await import('../images/svg.js')).svgDiagnostics(resolved.path, shown);
      if (checked.inFile.some((d) => d.severity === 'error')) return checked;
      const problem = await (await import('../images/svg-print.js')).svgPrintProblem(resolved.path, src);
      return problem ? { ...checked, problem } : checked;
    }
    const problem = await probeRaster(resolved.path);
    if (!problem) return { inFile: [] };
    const code = problem.kind === 'too-large' ? 'image/too-large' : 'image/corrupt';
    return { inFile: [], problem: diagnostic(code, { message: `The image \`${src}\` cannot be used: ${problem.reason}.` }) };
  }
}

function outside(src: string, real?: string): Problem {
  const to = real ? ` (it leads to ${real})` : '';
  return diagnostic('image/outside-project', {
    message: `The image \`${src}\` lies outside the book project${to}.`,
    hint: 'Copy the image into the project folder and link it with a path that stays inside it (symbolic links are followed first).',
  });
}

/** Positioned at the image's own `](src` in the source, found from the start of its block. */
export async function imageDiagnostics(book: Book): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const sources = new SourceFiles(book.root);
  const checks = new ImageChecks(book, await realRoot(book.root));
  const reported = new Set<Diagnostic>();
  for (const chapter of allChapters(book)) {
    for (const { image, block } of chapterImages(chapter)) {
      const { problem, inFile } = await checks.check(chapter, image);
      for (const d of inFile) {
        if (!reported.has(d)) out.push(d);
        reported.add(d);
      }
      if (!problem) continue;
      const at = await sources.find(block.pos.file, `](${image.src}`, block.pos.line);
      // The column of the `!` that opens the image, when it is written the usual way.
      const column = at ? Math.max(1, at.column - image.alt.length - 2) : block.pos.column;
      out.push({ ...problem, file: block.pos.file, line: at?.line ?? block.pos.line, column });
    }
  }
  return out;
}
