/**
 * The PDF writer's deflate thread (deflate-thread.ts starts it): the streams of each message
 * come back deflated in one message, each in a buffer of its own (handed over, not copied),
 * but for those the writer's thread has claimed (it deflated them itself rather than wait). It loads nothing but zlib, so it is ready soon after it starts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import type { DeflaterData, FromDeflater, ToDeflater } from './deflate-thread.js';

const port = parentPort;
const { taken: shared } = workerData as DeflaterData;
const taken = new Int32Array(shared);
if (port) {
  port.on('message', (m: ToDeflater) => {
    const ids: number[] = [];
    const data: Uint8Array[] = [];
    for (const s of m.streams) {
      // Claimed here unless the writer's thread claimed it first (deflate-thread.ts, DeflaterData).
      const slot = s.id % taken.length;
      const was = Atomics.load(taken, slot);
      if (was === s.id + 1 || Atomics.compareExchange(taken, slot, was, -(s.id + 1)) !== was) continue;
      ids.push(s.id);
      // A copy the size of the stream: deflateSync's result is a view into a larger buffer.
      data.push(new Uint8Array(deflateSync(s.data, s.options)));
    }
    port.postMessage({ ids, data } satisfies FromDeflater, data.map((d) => d.buffer as ArrayBuffer));
  });
  port.postMessage({ ready: true } satisfies FromDeflater);
}
