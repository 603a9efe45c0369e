/**
 * A process forked for one book of a backlist (src/pipeline/fork.ts) starts with the V8
 * settings the CLI sets for itself (src/pipeline/v8-flags.ts): its own code could set them only
 * after its imports had loaded.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkOnce } from '../src/pipeline/fork.js';
import { V8_FLAGS } from '../src/pipeline/v8-flags.js';
import { tempDir } from './helpers/project.js';

describe('a forked book process', () => {
  it("starts with hanpress's V8 settings", async () => {
    const child = path.join(await tempDir('hanpress-fork-'), 'child.mjs');
    await writeFile(child, "process.once('message', () => process.send(process.execArgv, () => process.disconnect()));\n");
    const result = await forkOnce<string[]>(child, {}, process.env);
    expect(result.ok).toBe(true);
    if (result.ok) for (const flag of V8_FLAGS) expect(result.message).toContain(flag);
    expect(V8_FLAGS.length).toBeGreaterThan(0);
  });
});
