/**
 * The font book of the last PDF this process set, for the next one while the font config and
 * every font file (size and time) are unchanged: a `build --watch` rebuild, and the print book
 * block (`--print`, the same book rendered again), then measure with the faces already read
 * and the glyphs already learnt instead of reading each face's file and shaping its characters
 * again. A FontBook holds nothing but what its config and files determine (measures and shapes,
 * remembered), so sharing one cannot change a page.
 */
import { fontFilesKey, hashOf } from '../../pipeline/cache-key.js';
import type { FontConfig } from '../../fonts/config.js';
import { FontBook } from '../../typeset/fonts.js';

let last: { key: string; fonts: FontBook } | undefined;

export function fontBookFor(config: FontConfig): FontBook {
  const key = hashOf(config, fontFilesKey(config));
  if (last?.key !== key) last = { key, fonts: new FontBook(config) };
  return last.fonts;
}
