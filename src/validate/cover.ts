/**
 * The project's own cover.jpg, checked before a build: inside the project after symbolic
 * links, a regular file, and decodable, so `build` never meets a cover it cannot read.
 */
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { realRoot, resolveInside } from '../files/contain.js';
import { COVER_FILE } from '../images/names.js';
import { probeRaster } from '../images/probe.js';

export async function coverDiagnostics(root: string): Promise<Diagnostic[]> {
  const resolved = await resolveInside([await realRoot(root)], path.join(root, COVER_FILE));
  switch (resolved.kind) {
    case 'missing':
      return [];
    case 'outside':
      return [diagnostic('cover/outside-project', { message: `${COVER_FILE} leads outside the book project (to ${resolved.path}); hanpress reads nothing there.`, file: COVER_FILE })];
    case 'not-a-file':
      return [diagnostic('load/not-a-file', { message: `${COVER_FILE} is not a regular file (it is a folder, a device or a pipe).`, file: COVER_FILE })];
    case 'unreadable':
      return [diagnostic('load/unreadable', { message: `${COVER_FILE} cannot be read: ${resolved.reason}.`, file: COVER_FILE })];
    case 'file': {
      const problem = await probeRaster(resolved.path);
      if (!problem) return [];
      const code = problem.kind === 'too-large' ? 'cover/too-large' : 'cover/corrupt';
      return [diagnostic(code, { message: `${COVER_FILE} cannot be used as the cover: ${problem.reason}.`, file: COVER_FILE })];
    }
  }
}
