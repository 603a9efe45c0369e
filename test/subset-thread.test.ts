/**
 * The EPUB's font subsets made in a thread of their own (src/fonts/subset-thread.ts, used beside
 * the PDF so that harfbuzz's memory ends with that thread): the same bytes as subsetting here,
 * in the jobs' order, for a TrueType face and a WOFF face; a job the thread cannot do is done
 * here, so its error is the one subsetting here meets.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { subsetFont } from '../src/fonts/subset.js';
import { subsetInThread, type SubsetJob } from '../src/fonts/subset-thread.js';
import { SAMPLE_DIR } from './helpers/sample.js';
import { tempDir } from './helpers/project.js';

const TEXT = '水浒传第一回张天师祈禳瘟疫洪太尉误走妖魔，。「」ABC123';
const codePoints = [...new Set([...TEXT].map((c) => c.codePointAt(0) ?? 0))];
const here = async (job: SubsetJob): Promise<Uint8Array> => subsetFont(await readFile(job.path), job.codePoints, job.postscriptName);

describe('subsetInThread', () => {
  it('makes the same subsets as this thread, in order, for a TrueType and a WOFF face', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR, {});
    const jobs: SubsetJob[] = [fonts.body.normal, fonts.kai.normal, fonts.heading.bold].map((face) => ({ path: face.path, codePoints }));
    expect(jobs.map((j) => path.extname(j.path))).toEqual(['.ttf', '.woff', '.ttf']);
    // The worker beside the PDF checks the book once the thread is running (`started`).
    let startedFirst: boolean | undefined;
    let done = false;
    const made = subsetInThread(jobs, () => Promise.reject(new Error('every subset should come from the thread')), () => (startedFirst = !done));
    expect(startedFirst).toBe(true);
    const threaded = await made;
    done = true;
    const local = await Promise.all(jobs.map(here));
    expect(threaded.map((b) => Buffer.from(b).toString('base64'))).toEqual(local.map((b) => Buffer.from(b).toString('base64')));
  });

  it('does here what the thread could not, and reports its error as subsetting here does', async () => {
    const fonts = await loadFontConfig(SAMPLE_DIR, {});
    const missing = path.join(await tempDir('hanpress-subset-'), 'gone.ttf');
    const asked: string[] = [];
    const run = subsetInThread([{ path: fonts.body.normal.path, codePoints }, { path: missing, codePoints }], (job) => {
      asked.push(job.path);
      return here(job);
    });
    await expect(run).rejects.toMatchObject({ code: 'ENOENT' });
    expect(asked).toEqual([missing]);
  });
});
