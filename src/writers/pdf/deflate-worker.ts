/**
 * The PDF writer's deflate thread (deflate-thread.ts starts it): the streams of each message
 * come back deflated in one message, each in a buffer of its own (handed over, not copied).
 * It loads nothing but zlib, so it is ready soon after it starts.
 */
import { parentPort } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import type { FromDeflater, ToDeflater } from './deflate-thread.js';

const port = parentPort;
if (port) {
  port.on('message', (m: ToDeflater) => {
    // Copies the size of each stream: deflateSync's result is a view into a larger buffer.
    const data = m.streams.map((s) => new Uint8Array(deflateSync(s.data, s.options)));
    port.postMessage({ ids: m.streams.map((s) => s.id), data } satisfies FromDeflater, data.map((d) => d.buffer as ArrayBuffer));
  });
  port.postMessage({ ready: true } satisfies FromDeflater);
}
