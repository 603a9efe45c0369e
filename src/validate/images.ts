/**
 * Image references checked before a build: a local image must exist inside the project;
 * a remote one is never fetched during a build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceFiles } from '../diagnostics/locate.js';
import { allChapters, type Book, type Chapter } from '../model/book.js';
import { chapterImages, type ImageNode } from '../model/walk.js';

const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

function imageProblem(book: Book, chapter: Chapter, image: ImageNode): Omit<Diagnostic, 'file' | 'line' | 'column'> | undefined {
  if (REMOTE.test(image.src)) {
    return {
      code: 'image/remote',
      severity: 'warning',
      message: `The image \`${image.src}\` is remote; hanpress never downloads during a build, so it is left out.`,
      hint: 'Download the image into the project (e.g. images/) and link it with a relative path.',
    };
  }
  const file = path.resolve(book.root, path.dirname(chapter.file), decodeURI(image.src.split(/[?#]/)[0] ?? ''));
  if (!file.startsWith(path.resolve(book.root) + path.sep)) {
    return {
      code: 'image/outside-project',
      severity: 'error',
      message: `The image \`${image.src}\` lies outside the book project.`,
      hint: 'Copy the image into the project folder and link it with a path that stays inside it.',
    };
  }
  if (!existsSync(file)) {
    return {
      code: 'image/missing',
      severity: 'error',
      message: `The image \`${image.src}\` does not exist.`,
      hint: `Paths are relative to ${chapter.file}; check the spelling and the folder.`,
    };
  }
  return undefined;
}

/** Positioned at the image's own `](src` in the source, found from the start of its block. */
export async function imageDiagnostics(book: Book): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const sources = new SourceFiles(book.root);
  for (const chapter of allChapters(book)) {
    for (const { image, block } of chapterImages(chapter)) {
      const problem = imageProblem(book, chapter, image);
      if (!problem) continue;
      const at = await sources.find(block.pos.file, `](${image.src}`, block.pos.line);
      // The column of the `!` that opens the image, when it is written the usual way.
      const column = at ? Math.max(1, at.column - image.alt.length - 2) : block.pos.column;
      out.push({ ...problem, file: block.pos.file, line: at?.line ?? block.pos.line, column });
    }
  }
  return out;
}
