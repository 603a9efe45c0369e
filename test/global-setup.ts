/**
 * Tests that run bin/hanpress.js as a user does run the compiled lib/, so src/ is compiled
 * once before any test, as npm's prepare does at install: a test never runs yesterday's lib/.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function compileOnce(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/compile.js'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
