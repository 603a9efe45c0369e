/**
 * `build --watch`: a save rebuilds in the same process, the outputs equal a cold build's
 * byte for byte, a save that breaks the book reports its positioned error and leaves the out
 * folder as it was, and the next good save builds again.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBook } from '../src/pipeline/build.js';
import { ignoredChange, watchBuild, type WatchEvent } from '../src/pipeline/watch.js';
import { watchLine } from '../src/cli/watch.js';
import { projectWith, tempDir } from './helpers/project.js';

const ENV = { SOURCE_DATE_EPOCH: '1714521600' };
const PREFACE = 'front/preface.md';

/** Events as they come, awaited one by one. */
function eventQueue(): { push: (e: WatchEvent) => void; next: () => Promise<WatchEvent> } {
  const events: WatchEvent[] = [];
  const waiting: Array<(e: WatchEvent) => void> = [];
  return {
    push: (e) => {
      const w = waiting.shift();
      if (w) w(e);
      else events.push(e);
    },
    next: () => {
      const e = events.shift();
      return e ? Promise.resolve(e) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

async function outputs(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n))] as [string, Buffer])));
}

describe('build --watch', () => {
  it('rebuilds on a save as a cold build would, and survives a bad save', async () => {
    const dir = await projectWith();
    const out = await tempDir('hanpress-watch-out-');
    const stop = new AbortController();
    const queue = eventQueue();
    const watching = watchBuild({ dir, outDir: out, env: ENV, signal: stop.signal, settleMs: 100 }, queue.push);
    try {
      const first = await queue.next();
      expect(first.kind).toBe('built');
      expect(watchLine(first)).toMatch(/^built in \d+\.\d s — \d+ pages, EPUB.*; watching for saves/);

      const preface = path.join(dir, PREFACE);
      const text = await readFile(preface, 'utf8');
      const edited = text.replace('。', '。新加的一句话。');
      expect(edited).not.toBe(text);
      await writeFile(preface, edited);
      const second = await queue.next();
      expect(second).toMatchObject({ kind: 'built', changed: [PREFACE] });
      expect(watchLine(second)).toMatch(/^front\/preface\.md: rebuilt in \d+\.\d s — \d+ pages, EPUB/);
      const warm = await outputs(out);
      const coldOut = await tempDir('hanpress-watch-cold-');
      await buildBook({ dir, outDir: coldOut, env: ENV, cache: false });
      const cold = await outputs(coldOut);
      expect([...warm.keys()]).toEqual([...cold.keys()]);
      for (const [name, bytes] of cold) expect(warm.get(name)?.equals(bytes), name).toBe(true);

      // A save that breaks the front matter: the error at its line, the out folder untouched.
      const chapter = path.join(dir, 'chapters/1-01.md');
      const good = await readFile(chapter, 'utf8');
      await writeFile(chapter, good.replace('title:', 'title: [unclosed'));
      const broken = await queue.next();
      expect(broken.kind).toBe('failed');
      if (broken.kind !== 'failed') return;
      expect(broken.changed).toEqual(['chapters/1-01.md']);
      expect(broken.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'chapters/1-01.md', line: 2 });
      expect(watchLine(broken)).toMatch(/^chapters\/1-01\.md: failed in \d+\.\d s, \d+ errors?; the out folder keeps the last build/);
      const after = await outputs(out);
      for (const [name, bytes] of warm) expect(after.get(name)?.equals(bytes), name).toBe(true);

      await writeFile(chapter, good);
      expect((await queue.next()).kind).toBe('built');
    } finally {
      stop.abort();
      await watching;
    }
  }, 300_000);

  it('ignores the out folder, the cache, hidden files and editors’ temporaries', () => {
    expect(ignoredChange('dist/book.pdf', 'dist')).toBe(true);
    expect(ignoredChange('out/book.pdf', 'out')).toBe(true);
    expect(ignoredChange('.hanpress-cache/steps/ab/abc', 'dist')).toBe(true);
    expect(ignoredChange('chapters/.1-01.md.swp', 'dist')).toBe(true);
    expect(ignoredChange('chapters/1-01.md~', 'dist')).toBe(true);
    expect(ignoredChange('chapters/1-01.md', 'dist')).toBe(false);
    expect(ignoredChange('book.yaml', '../elsewhere')).toBe(false);
  });
});
