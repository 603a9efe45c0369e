/**
 * The PDF writer's deflate thread (src/writers/pdf/deflate-thread.ts): the bytes deflateSync
 * makes, whether the thread, libuv's pool, the pool after the thread has gone, or the writer's
 * own thread (a stream needed before the thread began it) made them, each stream deflated
 * once; and a book drawn with the thread is the same file as one drawn without.
 */
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import type { Page, RunStyle } from '../src/typeset/model.js';
import { setText } from '../src/typeset/text.js';
import { deflateThread, POOL_DEFLATER } from '../src/writers/pdf/deflate-thread.js';
import { renderPages, type RenderOptions } from '../src/writers/pdf/render.js';

/** Streams of several sizes, from a few bytes to past zlib's 16 KB output chunk, text-like and not. */
function inputs(): Uint8Array[] {
  const out: Uint8Array[] = [Buffer.from('BT ET', 'latin1')];
  let seed = 7;
  for (const size of [100, 5_000, 40_000, 200_000]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      // Half the streams are page-like (hex glyph codes), half are noise that does not compress.
      bytes[i] = size % 2 === 0 ? '0123456789abcdef<>[] '.charCodeAt(seed % 21) : seed & 0xff;
    }
    out.push(bytes);
  }
  return out;
}

const SETTINGS = [{ level: 6 }, {}] as const;

describe('the deflate thread', () => {
  it('gives back deflateSync’s bytes for every stream, from the thread once it has started', async () => {
    const deflater = deflateThread();
    try {
      expect(await deflater.started).toBe(true);
      const streams = inputs();
      const made = await Promise.all(SETTINGS.flatMap((options) => streams.map((data) => deflater.deflate(data, options))));
      const expected = SETTINGS.flatMap((options) => streams.map((data) => deflateSync(data, options)));
      expect(made.map((b) => Buffer.from(b).toString('base64'))).toEqual(expected.map((b) => b.toString('base64')));
      expect(deflater.threaded).toBe(made.length);
      expect(deflater.wasted).toBe(0);
    } finally {
      deflater.close();
    }
  });

  it('deflates in the pool what the thread had not sent back when it was closed, and all after', async () => {
    const deflater = deflateThread();
    expect(await deflater.started).toBe(true);
    const streams = inputs();
    const asked = streams.map((data) => deflater.deflate(data, { level: 6 }));
    deflater.close();
    const after = await deflater.deflate(streams[2] as Uint8Array, { level: 6 });
    expect((await Promise.all(asked)).map((b) => Buffer.from(b).toString('base64'))).toEqual(streams.map((data) => deflateSync(data, { level: 6 }).toString('base64')));
    expect(Buffer.from(after).equals(deflateSync(streams[2] as Uint8Array, { level: 6 }))).toBe(true);
    expect(deflater.threaded).toBe(0);
  });

  it('starts the thread only when `after` streams have been asked for, deflating those in the pool', async () => {
    const deflater = deflateThread(3);
    try {
      const streams = inputs();
      const first = await Promise.all(streams.slice(0, 2).map((data) => deflater.deflate(data, { level: 6 })));
      expect(deflater.threaded).toBe(0);
      const third = deflater.deflate(streams[2] as Uint8Array, { level: 6 });
      expect(await deflater.started).toBe(true);
      const later = await deflater.deflate(streams[3] as Uint8Array, { level: 6 });
      expect([...first, await third, later].map((b) => Buffer.from(b).toString('base64'))).toEqual(streams.slice(0, 4).map((data) => deflateSync(data, { level: 6 }).toString('base64')));
      expect(deflater.threaded).toBe(1);
    } finally {
      deflater.close();
    }
  });

  it('deflates here a stream needed before the thread has begun it, and the thread skips it: each stream is deflated once', async () => {
    const deflater = deflateThread();
    try {
      expect(await deflater.started).toBe(true);
      // A stream the thread takes a while over, and a small one behind it in the same message.
      const big = Buffer.alloc(24_000_000);
      let seed = 3;
      for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((seed = (seed * 1103515245 + 12345) >>> 0), i);
      const small = inputs()[2] as Uint8Array;
      const first = deflater.requested;
      const slow = deflater.deflate(big, { level: 6 });
      const quick = deflater.deflate(small, { level: 6 });
      // The thread claims streams in order: the small one cannot be begun before the big one is
      // done, so it is taken here.
      await new Promise((resolve) => setImmediate(resolve));
      await deflater.hurry(first + 1);
      expect(deflater.hurried).toBe(1);
      expect(Buffer.from(await quick).equals(deflateSync(small, { level: 6 }))).toBe(true);
      // The big one: deflated here if the thread has not begun it yet, else waited for; either
      // way once, by one of the two.
      await deflater.hurry(first);
      expect(Buffer.from(await slow).equals(deflateSync(big, { level: 6 }))).toBe(true);
      expect(deflater.threaded + deflater.hurried).toBe(2);
      expect(deflater.wasted).toBe(0);
    } finally {
      deflater.close();
    }
  });

  it('the pool deflater gives the same bytes', async () => {
    const streams = inputs();
    const made = await Promise.all(streams.map((data) => POOL_DEFLATER.deflate(data, { level: 6 })));
    expect(made.map((b) => Buffer.from(b).toString('base64'))).toEqual(streams.map((data) => deflateSync(data, { level: 6 }).toString('base64')));
  });
});

describe('a book drawn with the deflate thread', () => {
  const SIZE = 10.5;
  const MEASURE = 20 * SIZE;
  const geometry = { width: MEASURE + 100, height: 300, textWidth: MEASURE, textHeight: 220, top: 40, bottom: 40, inner: 50, outer: 50, charsPerLine: 20, linesPerPage: 12 };
  const options: RenderOptions = { info: { Title: 'deflate' }, language: 'zh-Hans', boxes: { bleedMm: 3, cropMarks: false } };
  const TEXT = '话说大宋仁宗天子在位，嘉祐三年三月三日五更三点，天子驾坐紫宸殿，受百官朝贺。鲁提辖拳打镇关西：郑屠右手拿刀，左手便来要揪鲁达。';
  let fonts: FontBook;

  beforeAll(async () => {
    fonts = new FontBook(await loadFontConfig(path.resolve(import.meta.dirname, '../manuscript')));
  });

  function page(number: number): Page {
    const style: RunStyle = { font: 'body', bold: number % 5 === 0, size: SIZE };
    // Each page its own text (a rotation of the sentence), so no two streams are alike.
    const text = TEXT.slice(number % TEXT.length) + TEXT.slice(0, number % TEXT.length);
    const set = setText([{ text, style }], { measure: MEASURE, indent: 2 * SIZE }, fonts, SIZE);
    return { number, kind: 'text', items: set.map((line, i) => ({ kind: 'text' as const, x: 0, baseline: 20 + i * SIZE * 1.7, line })), outline: [], head: '', opening: false, folio: '' };
  }

  it('is the same file as one drawn without it (in libuv’s pool, or on the writer’s own thread)', async () => {
    const pages = Array.from({ length: 120 }, (_, i) => page(i + 1));
    const threaded = await renderPages(pages, fonts, geometry, new Map(), { ...options, deflateThread: true });
    const pooled = await renderPages(pages, fonts, geometry, new Map(), { ...options, deflateThread: false });
    const here = await renderPages(pages, fonts, geometry, new Map(), { ...options, deflateHere: true });
    expect(Buffer.from(threaded).equals(Buffer.from(pooled))).toBe(true);
    expect(Buffer.from(here).equals(Buffer.from(pooled))).toBe(true);
  });
});
