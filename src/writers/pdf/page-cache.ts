/**
 * Page content streams cached by a hash of everything that makes them: the page's items, its
 * frame, the ink and the identity of every face of the book. A hit gives back exactly the bytes
 * renderPageStream would make, with the glyphs and images the page uses (the fonts' subsets
 * and the page's resources are built from those).
 *
 * The store is the caller's: in memory for a warm process, or the project's .hanpress-cache/
 * wired by the build session. It sees keys and opaque bytes only.
 */
import { createHash } from 'node:crypto';
import type { FontBook } from '../../typeset/fonts.js';
import type { Page, PageItem } from '../../typeset/model.js';
import { bodyOf, isUnread, itemsAfterBody } from '../../typeset/page-body.js';
import { drawPage, PAGE_DEFLATE, renderPageStream, type Frame, type Ink, type PageStream } from './page-stream.js';
import { faceIdentity } from './font-identity.js';
import { contentName } from '../../pipeline/content-identity.js';
import { openEntry, sealEntry } from '../../pipeline/sealed.js';
import { POOL_DEFLATER, type Deflater } from './deflate-thread.js';

/** Bump when the stream format changes: every cached page is then stale. */
const STREAM_FORMAT = 4;

export interface PageCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, bytes: Uint8Array): void;
}

/** A cache held in this process (a warm rebuild, `--watch`, tests). */
export function memoryPageCache(): PageCache & { size: () => number } {
  const map = new Map<string, Uint8Array>();
  return { get: (key) => map.get(key), set: (key, bytes) => void map.set(key, bytes), size: () => map.size };
}

function fontsKey(fonts: FontBook): string {
  return fonts
    .all()
    .map((face) => `${face.id}=${faceIdentity(face)}`)
    .join('\n');
}

const fontKeys = new WeakMap<FontBook, string>();

/** The roles this page sets bold with synthetic bold: the font book decides, not the items. */
function fakeBold(items: readonly PageItem[], fonts: FontBook): string[] {
  const out = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'text') continue;
    for (const run of item.line.runs) if (run.style.bold && fonts.fakeBold(run.style)) out.add(run.style.font);
  }
  return [...out].sort();
}

/**
 * A composed line the cache across runs has named (src/pipeline/content-identity.ts: its entry's
 * key and its place, the line frozen) goes into the key by that name, not spelled out: a page of
 * 30 lines is then a few hundred bytes to hash instead of tens of kilobytes to write out. A line
 * is named alike whether it was composed now or read back, so the key is the same either way.
 * The name cannot look like a line (a string where a line is an object).
 */
const byName = (_key: string, value: unknown): unknown => contentName(value) ?? value;

export function pageKey(items: readonly PageItem[], frame: Frame, ink: Ink, fonts: FontBook): string {
  let faces = fontKeys.get(fonts);
  if (faces === undefined) fontKeys.set(fonts, (faces = fontsKey(fonts)));
  const synthetic = fakeBold(items, fonts);
  return createHash('sha256').update(JSON.stringify({ format: STREAM_FORMAT, items, frame, ink, faces, synthetic }, byName)).digest('hex');
}

/**
 * The key of a page whose body the cache across runs holds (src/typeset/page-body.ts), without
 * reading the body: its name stands for its items (the entry's key names all they depend on,
 * their emphasis dots included), with what the name cannot say spelled out: the items added
 * after it (running head, folio), the figures of the body left out of this PDF, the body's
 * bold roles the font book draws as synthetic bold, the frame, the ink and the faces. A page
 * gets this key alike when its body was read back, set in this build or not read at all.
 * Undefined for a page without such a body (generated pages): pageKey then spells it out.
 */
export function storedPageKey(page: Page, frame: Frame, ink: Ink, fonts: FontBook, drawable: (item: PageItem) => boolean, shown: (image: string) => boolean): string | undefined {
  const body = bodyOf(page);
  if (!body) return undefined;
  // A body set in this build must still open the page's items (nothing replaced them since).
  if (!isUnread(page) && body.count > 0 && contentName(page.items[body.count - 1]) !== `${body.name}/${body.count - 1}`) return undefined;
  let faces = fontKeys.get(fonts);
  if (faces === undefined) fontKeys.set(fonts, (faces = fontsKey(fonts)));
  const items = itemsAfterBody(page).filter(drawable);
  const synthetic = [...new Set([...body.bold.filter((font) => fonts.fakeBold({ font, bold: true })), ...fakeBold(items, fonts)])].sort();
  const dropped = body.images.filter((image) => !shown(image));
  const hash = createHash('sha256').update(JSON.stringify({ format: STREAM_FORMAT, body: body.name, dropped, frame, synthetic }));
  hash.update('\u0000').update(jsonOf(ink)).update('\u0000').update(faces);
  // The running head and folio: a novel's versos share one line, written out once.
  for (const item of items) hash.update('\u0000').update(item.kind === 'text' ? `${item.x} ${item.baseline} ${jsonOf(item.line)}` : JSON.stringify(item, byName));
  return hash.digest('hex');
}

/** JSON of a value the stages no longer change (a set line, the ink), written once per object. */
const json = new WeakMap<object, string>();
function jsonOf(value: object): string {
  let out = json.get(value);
  if (out === undefined) json.set(value, (out = JSON.stringify(value, byName)));
  return out;
}

/** Stream + what it uses, as bytes: a JSON head (length-prefixed) and the deflated stream, sealed (a damaged entry is a miss). */
export function encodePageStream(stream: PageStream): Uint8Array {
  const head = Buffer.from(JSON.stringify({ fonts: stream.fonts, images: stream.images, registration: stream.registration, states: stream.states }), 'utf8');
  const out = Buffer.alloc(4 + head.length + stream.data.length);
  out.writeUInt32BE(head.length, 0);
  out.set(head, 4);
  out.set(stream.data, 4 + head.length);
  return sealEntry(new Uint8Array(out));
}

export function decodePageStream(sealed: Uint8Array): PageStream | undefined {
  try {
    const bytes = openEntry(sealed);
    if (!bytes) return undefined;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = buffer.readUInt32BE(0);
    const head = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8')) as Omit<PageStream, 'data'>;
    return { ...head, data: new Uint8Array(buffer.subarray(4 + length)) };
  } catch {
    // A damaged entry is a miss, never a wrong page.
    return undefined;
  }
}

/**
 * The page's stream from the cache, else drawn here and deflated in another thread (the
 * writer's deflate thread, else libuv's pool: deflate-thread.ts), then stored. The bytes are
 * deflateSync's: same zlib, same settings. A page whose stream is in the cache is not looked
 * into: its body, if unread, stays unread.
 */
export async function pageStreamAsync(
  page: Page,
  frame: Frame,
  ink: Ink,
  fonts: FontBook,
  drawable: (item: PageItem) => boolean,
  shown: (image: string) => boolean,
  cache?: PageCache,
  deflater: Deflater = POOL_DEFLATER,
): Promise<PageStream> {
  const key = cache ? (storedPageKey(page, frame, ink, fonts, drawable, shown) ?? pageKey(page.items.filter(drawable), frame, ink, fonts)) : undefined;
  const hit = key === undefined ? undefined : cache?.get(key);
  const decoded = hit && decodePageStream(hit);
  if (decoded) return decoded;
  const { content, ...rest } = drawPage(page.items.filter(drawable), frame, ink, fonts);
  const stream: PageStream = { ...rest, data: await deflater.deflate(content, PAGE_DEFLATE) };
  if (key !== undefined) cache?.set(key, encodePageStream(stream));
  return stream;
}

/** The page's stream from the cache, else rendered (and stored). */
export function cachedPageStream(items: readonly PageItem[], frame: Frame, ink: Ink, fonts: FontBook, cache?: PageCache): PageStream {
  if (!cache) return renderPageStream(items, frame, ink, fonts);
  const key = pageKey(items, frame, ink, fonts);
  const hit = cache.get(key);
  const decoded = hit && decodePageStream(hit);
  if (decoded) return decoded;
  const stream = renderPageStream(items, frame, ink, fonts);
  cache.set(key, encodePageStream(stream));
  return stream;
}
