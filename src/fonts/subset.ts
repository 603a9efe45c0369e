/**
 * Font subsetting with harfbuzz (npm subset-font). A book embeds only the glyphs it draws:
 * Noto CJK is 10–15 MB per face, a typical book's subset is well under 2 MB.
 */
import { createRequire } from 'node:module';
import { glyphText } from './glyphs.js';
import { singleFace } from './sfnt.js';

interface SubsetFontOptions {
  targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
  preserveNameIds?: number[];
  keepFeatures?: string[];
  noLayoutClosure?: boolean;
}
type SubsetFont = (font: Buffer, text: string, options?: SubsetFontOptions) => Promise<Uint8Array>;

// subset-font is CommonJS without type declarations; this is the slice of its API we use.
const require = createRequire(import.meta.url);
const subsetFontImpl = require('subset-font') as SubsetFont;

/**
 * Layout features kept. Leaving the list to harfbuzz's default "all features" makes the layout
 * closure pull in alternates (aalt, fwid, hwid …) for every character and is what breaks
 * subsetting of large CJK sets; these are the ones a CJK text face needs for horizontal text
 * (ccmp, locl, kern, palt, halt) and for readers that switch to vertical writing (vert, vrt2).
 */
export const KEPT_FEATURES = ['ccmp', 'locl', 'kern', 'palt', 'halt', 'vert', 'vrt2'];

/**
 * Name records kept: family and style names, version, and — required by the SIL OFL and most
 * commercial licences when a font is embedded — copyright (0), trademark (7), manufacturer (8),
 * designer (9), description (10), URLs (11, 12), licence text and URL (13, 14).
 */
export const KEPT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17];

/**
 * Subsets one face of `font` (a .ttf/.otf, a WOFF, or the face `postscriptName` of a .ttc) to
 * `codePoints` as a TrueType/OpenType sfnt (same outline format as the source). The result is a pure function of the inputs: two runs give identical bytes.
 */
export async function subsetFont(font: Uint8Array, codePoints: Iterable<number>, postscriptName?: string): Promise<Uint8Array> {
  const text = glyphText(codePoints);
  // One face as a plain sfnt: harfbuzz's subsetter takes no collection. (fontverter inside
  // subset-font also sniffs the format with Buffer methods: a plain Uint8Array is "unrecognized".)
  const input = singleFace(Buffer.from(font.buffer, font.byteOffset, font.byteLength), postscriptName);
  const result = await subsetFontImpl(input, text, {
    targetFormat: 'sfnt',
    keepFeatures: KEPT_FEATURES,
    preserveNameIds: KEPT_NAME_IDS,
  });
  return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
}
