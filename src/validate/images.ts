/**
 * Image references checked before a build: a local image must exist inside the project;
 * a remote one is never fetched during a build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
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

export function imageDiagnostics(book: Book): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const chapter of allChapters(book)) {
    for (const { image, block } of chapterImages(chapter)) {
      const problem = imageProblem(book, chapter, image);
      if (problem) out.push({ ...problem, file: block.pos.file, line: block.pos.line, column: block.pos.column });
    }
  }
  return out;
}
