/**
 * 水浒传 as a temporary book project (bench/corpus-project.ts does the conversion; the corpus is
 * read in place from ../shared/corpus and never copied into the repository).
 */
import path from 'node:path';
import { corpusProject } from '../../bench/corpus-project.js';
import { tempDir } from './project.js';
import { SAMPLE_DIR } from './sample.js';

/** The whole novel, or its first `chapters` chapters. */
export async function shuihuzhuanProject(chapters = 121): Promise<string> {
  const dir = await tempDir('hanpress-shz-');
  await corpusProject(dir, chapters, path.join(SAMPLE_DIR, 'book.yaml'));
  return dir;
}
