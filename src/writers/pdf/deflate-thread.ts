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
import { deflate, type ZlibOptions } from 'node:zlib';
import { startWorkerModule } from '../../pipeline/threads.js';

const deflateHere = promisify(deflate);

/** To the thread: streams to deflate, each with its settings. */
export interface ToDeflater {
  streams: Array<{ id: number; data: Uint8Array; options: ZlibOptions }>;
}

/** From the thread: ready to take streams, or the streams of one message, deflated. */
export type FromDeflater = { ready: true } | { ids: number[]; data: Uint8Array[] };

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
  /** Ends the thread (streams not yet back are deflated here). */
  close(): void;
}

/** Deflates in libuv's pool: what a writer without a thread of its own does. */
export const POOL_DEFLATER: Deflater = {
  deflate: async (data, options) => new Uint8Array(await deflateHere(data, options)),
  close: () => {},
};

export interface ThreadDeflater extends Deflater {
  /** True once the thread takes streams; false if it could not start or failed before. */
  readonly started: Promise<boolean>;
  /** Streams the thread has deflated (the others were deflated in the pool). */
  readonly threaded: number;
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
      const worker = startWorkerModule(workerFile(), undefined);
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

  deflate(data: Uint8Array, options: ZlibOptions): Promise<Uint8Array> {
    if (this.after > 0 && --this.after === 0 && !this.closed) this.start();
    const worker = this.worker;
    if (!this.ready || !worker) return POOL_DEFLATER.deflate(data, options);
    const id = this.next++;
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
      if (!waiting || !data) return;
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
