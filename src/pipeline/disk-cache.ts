/**
 * The cache across runs: per-chapter results by content hash in the project's
 * .hanpress-cache/steps/, one file per entry, each written whole (temporary file, then rename)
 * so a killed build leaves no half entry. A warm process (`build --watch`) keeps the entries of
 * its last build in memory as bytes, never as objects, so a stage that changes what it was
 * given cannot change the next build's input.
 *
 * Best effort: a cache that cannot be read or written costs time, never the build.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { isInside, realRootSync } from '../files/contain.js';
import { hashOf } from './cache-key.js';
import type { ByteCache, Codec, StepMemo } from './memo.js';
import { CACHE_DIR } from './print-cache.js';

const STEPS = 'steps';
/** No entry of ours comes near this; a larger file is not read. */
const ENTRY_LIMIT = 256 * 1024 * 1024;

export interface CacheStats {
  hits: Record<string, number>;
  misses: Record<string, number>;
}

function readEntry(file: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    // O_NOFOLLOW and a regular-file check: an entry that is a link or a pipe is never read.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > ENTRY_LIMIT) return undefined;
    const bytes = new Uint8Array(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) return undefined;
      at += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A folder's names; none when it cannot be read (not there yet). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const PACK_MAGIC = 'HPK1';

/** The entries of a pack (DiskCache.bytes with `packed`): as many as can be read, none when it is damaged at the start. */
function readPack(bytes: Uint8Array | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!bytes || bytes.length < 4 || Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') !== PACK_MAGIC) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 4; at + 6 <= bytes.length; ) {
    const keyLength = view.getUint16(at);
    const start = at + 6 + keyLength;
    // A pack cut short ends where it was cut: each entry is sealed, so a damaged one is a miss where it is used.
    if (start > bytes.length) break;
    const length = view.getUint32(at + 2 + keyLength);
    if (start + length > bytes.length) break;
    out.set(Buffer.from(bytes.buffer, bytes.byteOffset + at + 2, keyLength).toString('utf8'), bytes.subarray(start, start + length));
    at = start + length;
  }
  return out;
}

function writePack(entries: Map<string, Uint8Array>): Uint8Array {
  const keys = [...entries.keys()].sort();
  const names = keys.map((key) => Buffer.from(key, 'utf8'));
  let size = 4;
  keys.forEach((key, i) => (size += 6 + (names[i] as Buffer).length + (entries.get(key) as Uint8Array).length));
  const out = Buffer.alloc(size);
  out.write(PACK_MAGIC, 0, 'latin1');
  let at = 4;
  keys.forEach((key, i) => {
    const name = names[i] as Buffer;
    const bytes = entries.get(key) as Uint8Array;
    out.writeUInt16BE(name.length, at);
    out.set(name, at + 2);
    out.writeUInt32BE(bytes.length, at + 2 + name.length);
    out.set(bytes, at + 6 + name.length);
    at += 6 + name.length + bytes.length;
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** One step's entries kept in one file for this build: those read from it, and those it used or made. */
interface Pack {
  read: Map<string, Uint8Array>;
  used: Map<string, Uint8Array>;
  added: boolean;
}

export class DiskCache {
  readonly folder: string;
  private readonly projectRoot: string;
  private readonly usable: boolean;
  /** Entries of the last finished build, for a warm process. */
  private memory = new Map<string, Uint8Array>();
  /** Entries this build read or made: what the next build keeps in memory and on disk. */
  private used = new Map<string, Uint8Array>();
  private pending = new Map<string, Uint8Array>();
  /** Values made when the build ends (StepMemo.later). */
  private deferred = new Map<string, () => unknown>();
  /** Packed steps of this build, by the pack's key. */
  private packs = new Map<string, Pack>();
  /** Entries another process of this build used (the checks beside the PDF): not stale. */
  private kept = new Set<string>();
  /** The shard folders, and the entries of each shard looked at, as this build first found them (null: none). */
  private shardNames: Set<string> | undefined;
  private shards = new Map<string, Set<string> | null>();
  stats: CacheStats = { hits: {}, misses: {} };
  /** The hits and misses of the last finished build (for the watch line and tests). */
  lastStats: CacheStats = { hits: {}, misses: {} };

  constructor(projectRoot: string) {
    this.projectRoot = projectRoot;
    this.folder = path.join(projectRoot, CACHE_DIR, STEPS);
    this.usable = DiskCache.inside(projectRoot, this.folder);
  }

  /** A cache folder that is (or sits in) a link out of the project is neither read nor written. */
  private static inside(projectRoot: string, folder: string): boolean {
    const root = realRootSync(projectRoot);
    for (let dir = folder; ; dir = path.dirname(dir)) {
      try {
        return isInside([root], realpathSync(dir));
      } catch {
        // Not there yet: the nearest folder that is decides.
      }
      if (path.dirname(dir) === dir) return false;
    }
  }

  private fileOf(key: string): string {
    return path.join(this.folder, key.slice(0, 2), key);
  }

  read(key: string): Uint8Array | undefined {
    const bytes = this.used.get(key) ?? this.memory.get(key) ?? (this.usable && this.listed(key) ? readEntry(this.fileOf(key)) : undefined);
    if (bytes) this.used.set(key, bytes);
    return bytes;
  }

  /**
   * Whether there is an entry for the key, without reading it: a warm build asks this of every
   * chapter's composition and then needs none whose pages are cached (13 MB for 水浒传, read and
   * kept in memory for nothing). An entry that turns out unreadable is a miss when it is read.
   */
  private holds(key: string): boolean {
    if (this.used.has(key) || this.memory.has(key)) return true;
    if (!this.usable) return false;
    const stat = lstatSync(this.fileOf(key), { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.size <= ENTRY_LIMIT;
  }

  /**
   * Whether the entry's file was there when its shard was first looked at in this build: the
   * folders are listed once each, so a cold build's 1,500 lookups are not as many failed opens
   * (each a thrown error). An entry written since (by the worker beside the PDF) is a miss.
   */
  private listed(key: string): boolean {
    const shard = key.slice(0, 2);
    let names = this.shards.get(shard);
    if (names === undefined) {
      if (this.shardNames === undefined) this.shardNames = new Set(namesIn(this.folder));
      names = this.shardNames.has(shard) ? new Set(namesIn(path.join(this.folder, shard))) : null;
      this.shards.set(shard, names);
    }
    return names?.has(key) ?? false;
  }

  /** The keys this build read or made so far. */
  usedKeys(): string[] {
    return [...this.used.keys()];
  }

  /** Keys another process of the same build used: the prune leaves them. */
  keep(keys: readonly string[]): void {
    for (const key of keys) this.kept.add(key);
  }

  write(key: string, bytes: Uint8Array): void {
    this.used.set(key, bytes);
    this.pending.set(key, bytes);
  }

  private count(kind: 'hits' | 'misses', step: string): void {
    this.stats[kind][step] = (this.stats[kind][step] ?? 0) + 1;
  }

  /** The stages' memo for one build: keys start from that build's settings key. */
  memo(settingsKey: string): StepMemo {
    const lookup = <T>(step: string, inputs: unknown): { key: string; data?: unknown } => {
      const key = hashOf(settingsKey, step, inputs);
      const bytes = this.read(key);
      if (bytes) {
        try {
          this.count('hits', step);
          return { key, data: deserialize(bytes) as T };
        } catch {
          // A damaged entry is a miss; the new result replaces it.
        }
      }
      this.count('misses', step);
      return { key };
    };
    const store = (key: string, data: unknown): void => this.write(key, new Uint8Array(serialize(data)));
    return {
      get: <T>(step: string, inputs: unknown, compute: () => T, codec?: Codec<T>): T => {
        const found = lookup<T>(step, inputs);
        if ('data' in found) return codec ? codec.decode(found.data, compute, found.key) : (found.data as T);
        const value = compute();
        const data = codec ? codec.encode(value, found.key) : value;
        // A codec that cannot say what the value depended on stores nothing.
        if (data !== undefined) store(found.key, data);
        return value;
      },
      has: (step: string, inputs: unknown): boolean => this.holds(hashOf(settingsKey, step, inputs)),
      retain: (step: string, inputs: unknown): void => {
        this.kept.add(hashOf(settingsKey, step, inputs));
      },
      later: (step: string, inputs: unknown, produce: () => unknown): void => {
        this.deferred.set(hashOf(settingsKey, step, inputs), produce);
      },
      getAsync: async <T>(step: string, inputs: unknown, compute: () => Promise<T>): Promise<T> => {
        const found = lookup<T>(step, inputs);
        if ('data' in found) return found.data as T;
        const value = await compute();
        store(found.key, value);
        return value;
      },
    };
  }

  /**
   * Raw bytes under one step's name (the PDF writer's page streams). `packed`: the step's
   * entries are kept in one file, itself an entry, read whole on the first lookup and written
   * again when the build ends if it changed: a warm build of 水浒传 then reads one file of
   * 5 MB instead of opening some 1,000 (each open, stat, read and close a round trip).
   */
  bytes(settingsKey: string, step: string, options: { packed?: boolean } = {}): ByteCache {
    if (options.packed) return this.packed(settingsKey, step);
    return {
      get: (key) => {
        const bytes = this.read(hashOf(settingsKey, step, key));
        this.count(bytes ? 'hits' : 'misses', step);
        return bytes;
      },
      set: (key, bytes) => this.write(hashOf(settingsKey, step, key), bytes),
    };
  }

  private packed(settingsKey: string, step: string): ByteCache {
    const packKey = hashOf(settingsKey, step, '\u0000pack');
    // Looked up afresh for every call: the next build (a warm process) reads the pack again.
    const pack = (): Pack => {
      let found = this.packs.get(packKey);
      if (!found) this.packs.set(packKey, (found = { read: readPack(this.read(packKey)), used: new Map(), added: false }));
      return found;
    };
    return {
      get: (key) => {
        const p = pack();
        const bytes = p.used.get(key) ?? p.read.get(key);
        if (bytes) p.used.set(key, bytes);
        this.count(bytes ? 'hits' : 'misses', step);
        return bytes;
      },
      set: (key, bytes) => {
        const p = pack();
        p.used.set(key, bytes);
        p.added = true;
      },
    };
  }

  /**
   * A changed pack written whole: with the prune, what this build used (the rest is stale);
   * without, what it held too (`--only` and `proof` remove nothing).
   */
  private writePacks(prune: boolean): void {
    for (const [key, pack] of this.packs) {
      const entries = prune ? pack.used : new Map([...pack.read, ...pack.used]);
      if (!pack.added && entries.size === pack.read.size) continue;
      if (entries.size > 0) this.write(key, writePack(entries));
      else this.used.delete(key);
    }
    this.packs = new Map();
  }

  /**
   * Writes this build's new entries and starts the next build. `prune`: the build made every
   * output, so entries it did not use are stale (an old version of a chapter) and are removed;
   * `kept`: keys another thread of the build used, known once it has written them (awaited
   * before the prune, after this thread's writes).
   */
  async flush(options: { prune: boolean; kept?: Promise<readonly string[]> }): Promise<void> {
    for (const [key, produce] of this.deferred) this.write(key, new Uint8Array(serialize(produce())));
    this.deferred = new Map();
    this.writePacks(options.prune);
    const pending = this.pending;
    const used = this.used;
    const kept = this.kept;
    this.kept = new Set();
    this.memory = used;
    this.used = new Map();
    this.pending = new Map();
    this.lastStats = this.stats;
    this.shardNames = undefined;
    this.shards = new Map();
    this.stats = { hits: {}, misses: {} };
    // Checked again: the folder may have been replaced by a link since the build began.
    if (!this.usable || !DiskCache.inside(this.projectRoot, this.folder)) return;
    // Written synchronously, each shard folder made once: a cold build of a novel writes some
    // 1,800 entries, and three round trips through libuv's pool each cost more CPU and time
    // than the writes. The temporary name holds the thread: the worker beside the PDF writes
    // some of the same entries (the parsed chapters) at the same time.
    const shards = new Set<string>();
    for (const [key, bytes] of pending) {
      const target = this.fileOf(key);
      const temp = `${target}.${process.pid}-${threadId}.tmp`;
      try {
        const shard = path.dirname(target);
        if (!shards.has(shard)) {
          mkdirSync(shard, { recursive: true });
          shards.add(shard);
        }
        writeFileSync(temp, bytes);
        renameSync(temp, target);
      } catch {
        rmSync(temp, { force: true });
      }
    }
    if (!options.prune) return;
    for (const key of (await options.kept?.catch(() => undefined)) ?? []) kept.add(key);
    await this.prune((key) => used.has(key) || kept.has(key));
  }

  private async prune(keep: (key: string) => boolean): Promise<void> {
    let shards: string[];
    try {
      shards = readdirSync(this.folder);
    } catch {
      return;
    }
    for (const shard of shards) {
      let names: string[];
      try {
        names = readdirSync(path.join(this.folder, shard));
      } catch {
        continue;
      }
      for (const name of names) if (!keep(name)) await rm(path.join(this.folder, shard, name), { force: true });
    }
  }
}
