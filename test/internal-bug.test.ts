/**
 * Anything hanpress did not foresee is one `internal/bug` diagnostic with exit code 70; the
 * stack trace appears only with --debug. Loading the project is replaced by a step that throws.
 */
import { describe, expect, it, vi } from 'vitest';
import { BUG_EXIT_CODE, main, type Io } from '../src/cli/main.js';
import type * as ProjectModule from '../src/load/project.js';
import { SAMPLE_DIR } from './helpers/sample.js';

// Every command that reads a book starts by loading its project (check through checkProject,
// build through the build session): that is where the bug is planted.
vi.mock('../src/load/project.js', async (importOriginal) => ({
  ...(await importOriginal<typeof ProjectModule>()),
  loadProject: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line")),
}));

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: SAMPLE_DIR, env: {} };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('internal/bug', () => {
  it('prints one line and a hint, no stack trace, exit code 70', async () => {
    for (const command of ['check', 'build']) {
      const result = await run([command, SAMPLE_DIR]);
      expect(result.code).toBe(BUG_EXIT_CODE);
      expect(result.err).toContain("error internal/bug: Unexpected error: TypeError: Cannot read properties of undefined (reading 'x')");
      expect(result.err).toContain('hint: Please report it');
      expect(result.err).not.toContain('second line');
      expect(result.err).not.toMatch(/^\s+at /m);
    }
  });

  it('shows the stack trace under --debug', async () => {
    const result = await run(['check', SAMPLE_DIR, '--debug']);
    expect(result.code).toBe(BUG_EXIT_CODE);
    expect(result.err).toContain('internal/bug');
    expect(result.err).toMatch(/^\s+at /m);
  });
});
