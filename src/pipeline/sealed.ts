/**
 * Cache entries sealed with a SHA-256 of their payload: an entry cut short or damaged on disk
 * opens as nothing (a miss), never as wrong bytes in an output.
 */
import { createHash } from 'node:crypto';

export function sealEntry(payload: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
}

export function openEntry(bytes: Uint8Array | undefined): Uint8Array | undefined {
  if (!bytes || bytes.length < 32) return undefined;
  const payload = bytes.subarray(32);
  const digest = createHash('sha256').update(payload).digest();
  return Buffer.from(bytes.buffer, bytes.byteOffset, 32).equals(digest) ? payload : undefined;
}
