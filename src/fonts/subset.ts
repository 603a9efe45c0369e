/**
 * Font subsetting with harfbuzz (npm subset-font). A book embeds only the glyphs it draws:
 * Noto CJK is 10–15 MB per face, a typical book's subset is well under 2 MB.
 */
import { createRequire } from 'node:module';
import { BuildFailure } from '../diagnostics/diagnostic.js';
import { glyphText } from './glyphs.js';

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

const TTC_MAGIC = 'ttcf';

function isCollection(font: Uint8Array): boolean {
  return String.fromCharCode(...font.subarray(0, 4)) === TTC_MAGIC;
}

/**
 * Subsets `font` to `codePoints` as a TrueType/OpenType sfnt (same outline format as the
 * source). The result is a pure function of the inputs: two runs give identical bytes.
 */
export async function subsetFont(font: Uint8Array, codePoints: Iterable<number>, source: string): Promise<Uint8Array> {
  if (isCollection(font)) {
    throw new BuildFailure([
      {
        code: 'fonts/collection-not-embeddable',
        severity: 'error',
        message: `\`${source}\` is a font collection (.ttc); an EPUB can only embed a single-face font.`,
        file: source,
        hint: 'Point fonts.yaml at a single-face .ttf or .otf for this role (e.g. the Noto Serif SC / Noto Sans SC files from Google Fonts).',
      },
    ]);
  }
  const text = glyphText(codePoints);
  // fontverter (inside subset-font) sniffs the format with Buffer methods: a plain
  // Uint8Array is "unrecognized".
  const input = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const result = await subsetFontImpl(input, text, {
    targetFormat: 'sfnt',
    keepFeatures: KEPT_FEATURES,
    preserveNameIds: KEPT_NAME_IDS,
  });
  return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
}
