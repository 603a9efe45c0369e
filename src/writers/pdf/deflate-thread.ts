/**
 * Content streams deflated in a thread of the PDF writer's own (deflate-worker.ts), so the
 * build's thread only draws. An asynchronous zlib deflate runs in libuv's pool, but each one
 * makes a zlib stream object, its handle and buffers on this thread and hears back through
 * the stream's events: for 水浒传's thousand pages that was about a fifth of the time this
 * thread spent writing the PDF (docs/print.md, "Where deflate runs"). A message to the thread
 * and one back cost a few microseconds each.
 *
 * The bytes are the same whichever thread makes them: the same zlib with the same settings.
 * Until the thread has said it is ready (its start is some tens of milliseconds), and if it
 * fails, streams are deflated in libuv's pool as before, so a page never waits for the
 * thread's start and a failed thread costs time, never the build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { deflate, deflateSync, type ZlibOptions } from 'node:zlib';
import { startWorkerModule } from '../../pipeline/threads.js';

const deflateInPool = promisify(deflate);

/** To the thread: streams to deflate, each with its settings. */
export interface ToDeflater {
  streams: Array<{ id: number; data: Uint8Array; options: ZlibOptions }>;
}

/** From the thread: ready to take streams, or the streams of one message, deflated (but those taken). */
export type FromDeflater = { ready: true } | { ids: number[]; data: Uint8Array[] };

/**
 * The thread's workerData: stream `id` is claimed by whichever thread first swaps slot
 * `id % length` to `id + 1` (the writer's thread) or `-(id + 1)` (the deflate thread), so no
 * stream is deflated twice. A ring: far fewer streams than its length are ever on their way.
 */
export interface DeflaterData {
  taken: SharedArrayBuffer;
}

const TAKEN_SLOTS = 1024;

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `deflate-worker${path.extname(here)}`);
}

interface Waiting {
  input: Uint8Array;
  options: ZlibOptions;
  resolve: (data: Uint8Array) => void;
  reject: (error: unknown) => void;
}

export interface Deflater {
  /**
   * `data` deflated with `options`: deflateSync's bytes, whichever thread made them. The
   * streams asked for in one synchronous stretch (the pages drawn ahead) go to the thread in
   * one message.
   */
  deflate(data: Uint8Array, options: ZlibOptions): Promise<Uint8Array>;
  /** How many streams have been asked for: the next one asked for is ticket `requested`. */
  readonly requested: number;
  /**
   * The stream of this ticket is needed now: if the thread has not begun it (after one turn of
   * the event loop, for a message on its way), it is deflated here instead of waited for, and
   * the thread skips it.
   */
  hurry(ticket: number): Promise<void>;
  /** Ends the thread (streams not yet back are deflated here). */
  close(): void;
}

/** Deflates in libuv's pool: what a writer without a thread of its own does. */
export const POOL_DEFLATER: Deflater = {
  deflate: async (data, options) => new Uint8Array(await deflateInPool(data, options)),
  requested: 0,
  hurry: async () => {},
  close: () => {},
};

/** Deflates on the calling thread (deflateSync), when another has the other core's work. */
export const HERE_DEFLATER: Deflater = {
  deflate: (data, options) => Promise.resolve(new Uint8Array(deflateSync(data, options))),
  requested: 0,
  hurry: async () => {},
  close: () => {},
};

export interface ThreadDeflater extends Deflater {
  /** True once the thread takes streams; false if it could not start or failed before. */
  readonly started: Promise<boolean>;
  /** Streams the thread has deflated (the others were deflated in the pool or, hurried, here). */
  readonly threaded: number;
  /** Streams deflated here because they were needed before the thread began them. */
  readonly hurried: number;
  /** Streams the thread sent back that were no longer waited for (deflated twice: a fault). */
  readonly wasted: number;
}

/**
 * A deflater with a thread of its own, started when `after` streams have been asked for (they
 * are deflated in the pool): a rebuild that takes all but a few pages from the cache does not
 * start it.
 */
export function deflateThread(after = 0): ThreadDeflater {
  return new DeflateThread(after);
}

class DeflateThread implements ThreadDeflater {
  readonly started: Promise<boolean>;
  threaded = 0;
  hurried = 0;
  wasted = 0;
  private readonly taken = new Int32Array(new SharedArrayBuffer(4 * TAKEN_SLOTS));
  private worker?: Worker;
  private ready = false;
  private next = 0;
  private readonly waiting = new Map<number, Waiting>();
  private held: ToDeflater['streams'] = [];
  private heardReady: (ready: boolean) => void = () => {};
  private closed = false;

  constructor(private after: number) {
    this.started = new Promise((resolve) => (this.heardReady = resolve));
    if (after === 0) this.start();
  }

  private start(): void {
    try {
      const worker = startWorkerModule(workerFile(), { taken: this.taken.buffer as SharedArrayBuffer } satisfies DeflaterData);
      // The thread never keeps the process alive: the writer closes it, and an error ends it.
      worker.unref();
      worker.on('message', (m: FromDeflater) => this.heard(m));
      worker.on('error', () => this.lost());
      worker.on('exit', () => this.lost());
      this.worker = worker;
    } catch {
      // No thread: everything is deflated in the pool.
      this.heardReady(false);
    }
  }

  get requested(): number {
    return this.next;
  }

  deflate(data: Uint8Array, options: ZlibOptions): Promise<Uint8Array> {
    if (this.after > 0 && --this.after === 0 && !this.closed) this.start();
    const worker = this.worker;
    const id = this.next++;
    if (!this.ready || !worker) return POOL_DEFLATER.deflate(data, options);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { input: data, options, resolve, reject });
      if (this.held.push({ id, data, options }) === 1) queueMicrotask(() => this.send());
    });
  }

  private send(): void {
    if (this.held.length === 0) return;
    const streams = this.held;
    this.held = [];
    // Copied, not transferred: an input is kept until its stream is back, in case the thread fails.
    this.worker?.postMessage({ streams } satisfies ToDeflater);
  }

  async hurry(ticket: number): Promise<void> {
    if (!this.waiting.has(ticket)) return;
    // A message already on its way is heard in this turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = this.waiting.get(ticket);
    if (!waiting) return;
    // Begun in the thread: it comes back soon, and is not deflated twice.
    const slot = ticket % TAKEN_SLOTS;
    const was = Atomics.load(this.taken, slot);
    if (was === -(ticket + 1) || Atomics.compareExchange(this.taken, slot, was, ticket + 1) !== was) return;
    this.waiting.delete(ticket);
    this.hurried++;
    waiting.resolve(new Uint8Array(deflateSync(waiting.input, waiting.options)));
  }

  close(): void {
    this.closed = true;
    this.heardReady(false);
    const worker = this.worker;
    if (!worker) return;
    this.lost();
    void worker.terminate();
  }

  private heard(message: FromDeflater): void {
    if ('ready' in message) {
      this.ready = this.worker !== undefined;
      this.heardReady(this.ready);
      return;
    }
    message.ids.forEach((id, i) => {
      const waiting = this.waiting.get(id);
      const data = message.data[i];
      if (!waiting || !data) {
        this.wasted++;
        return;
      }
      this.waiting.delete(id);
      this.threaded++;
      waiting.resolve(data);
    });
  }

  /** The thread is gone (or going): what it has not sent back is deflated here. */
  private lost(): void {
    this.worker = undefined;
    this.ready = false;
    this.heardReady(false);
    this.held = [];
    const left = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of left) POOL_DEFLATER.deflate(w.input, w.options).then(w.resolve, w.reject);
  }
}
