/**
 * Finding where a piece of text sits in a source file, for diagnostics raised after parsing
 * (the model keeps block positions, not the position of every character).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { realRoot, resolveInside } from '../files/contain.js';
import { normaliseNewlines } from '../files/text.js';

export interface Located {
  line: number;
  /** 1-based, UTF-16 code units, like every position in hanpress. */
  column: number;
}

/** Reads each source file once per diagnostic run. */
export class SourceFiles {
  private readonly cache = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly root: string) {}

  lines(file: string): Promise<string[] | undefined> {
    let lines = this.cache.get(file);
    if (!lines) {
      lines = this.read(file).catch(() => undefined);
      this.cache.set(file, lines);
    }
    return lines;
  }

  /** Only files inside the project, after symbolic links, are read. */
  private async read(file: string): Promise<string[] | undefined> {
    const resolved = await resolveInside([await realRoot(this.root)], path.resolve(this.root, file));
    if (resolved.kind !== 'file') return undefined;
    return normaliseNewlines(new TextDecoder().decode(await readFile(resolved.path))).split('\n');
  }

  /** First occurrence of `needle` on or after `fromLine` (1-based); undefined when absent. */
  async find(file: string, needle: string, fromLine = 1): Promise<Located | undefined> {
    const lines = await this.lines(file);
    if (!lines) return undefined;
    for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) {
      const at = lines[i]?.indexOf(needle) ?? -1;
      if (at >= 0) return { line: i + 1, column: at + 1 };
    }
    return undefined;
  }
}
