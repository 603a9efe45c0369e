/**
 * The worker beside the PDF takes the book the build's thread parsed instead of parsing the
 * same text again (SessionOptions.parsedElsewhere): a session given a book uses it as it is,
 * asks with the project it loaded (so the worker can check the text is the same), and parses
 * the book itself when it is given none.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedProject } from '../src/load/project.js';
import { projectKey } from '../src/pipeline/beside.js';
import { BuildSession, type ParsedBook } from '../src/pipeline/session.js';
import { projectWith, replaceOnce } from './helpers/project.js';

const ENV = { SOURCE_DATE_EPOCH: '1714521600' };

describe('a build session given a book parsed elsewhere', () => {
  it('takes that book and its parse diagnostics, with its own project', async () => {
    const dir = await projectWith();
    const parsedHere = await new BuildSession({ dir, env: ENV }).book();
    if (!parsedHere.book) throw new Error('the sample did not parse');
    const given: ParsedBook = { book: parsedHere.book, diagnostics: [{ code: 'encoding/lone-surrogate', severity: 'warning', message: 'as the other thread found it' }] };
    let asked: LoadedProject | undefined;
    const session = new BuildSession({
      dir,
      env: ENV,
      parsedElsewhere: async (project) => {
        asked = project;
        return given;
      },
    });
    const taken = await session.book();
    expect(taken.book).toBe(given.book);
    expect(taken.diagnostics).toEqual(given.diagnostics);
    const { project } = await session.loaded();
    expect(asked).toBe(project);
    expect(taken.metaSource).toBe(project?.metaSource);
    // The worker compares the text both threads read: the same project gives the same key.
    expect(projectKey(asked as LoadedProject)).toBe(projectKey((await new BuildSession({ dir, env: ENV }).loaded()).project as LoadedProject));
  });

  it('parses the book itself when given none', async () => {
    const dir = await projectWith();
    const session = new BuildSession({ dir, env: ENV, parsedElsewhere: async () => undefined });
    const parsed = await session.book();
    expect(parsed.book).toEqual((await new BuildSession({ dir, env: ENV }).book()).book);
  });

  it('tells text saved in between by its key', async () => {
    const dir = await projectWith();
    const before = (await new BuildSession({ dir, env: ENV }).loaded()).project as LoadedProject;
    const edited = await projectWith({ 'chapters/1-01.md': replaceOnce('。', '！') });
    const after = (await new BuildSession({ dir: edited, env: ENV }).loaded()).project as LoadedProject;
    expect(projectKey(after)).not.toBe(projectKey(before));
  });
});
