/**
 * The cover image: the project's own cover.jpg when it has one (prepared like every image),
 * otherwise a typographic cover made from the metadata — title, volume number, subtitle,
 * statement of responsibility, publisher — set in the book's own fonts (the files of
 * fonts.yaml, rendered by sharp's Pango text input) on a background drawn as SVG. The same
 * metadata and fonts give the same bytes.
 */
import path from 'node:path';
import type { OverlayOptions } from 'sharp';
import { loadSharp } from './sharp.js';
import type { TitlePage } from '../derive/front-pages.js';
import { BuildFailure, diagnostic } from '../diagnostics/diagnostic.js';
import { realRoot, resolveInside } from '../files/contain.js';
import { readFamilyName } from '../fonts/cmap.js';
import type { FontConfig, FontFace } from '../fonts/config.js';
import { NO_MEMO, type StepMemo } from '../pipeline/memo.js';
import { COVER_FILE } from './names.js';
import { prepareImage, type PreparedImage } from './process.js';
import { xmlDocument } from '../writers/xml-builder.js';

/** 1:1.5, 1600 px wide: what the large stores ask for at the least. */
export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2400;
export { COVER_FILE };

const PAPER = '#f3ede2';
const BAND = '#8c1c13';
const GOLD = '#e3c27a';
const INK = '#2b2b2b';
const BAND_TOP = 240;
const BAND_BOTTOM = 1380;
const TEXT_WIDTH = 1300;

interface Line {
  text: string;
  face: FontFace;
  /** Pixel size of the type (Pango at 72 dpi: points = pixels). */
  size: number;
  colour: string;
  bold?: boolean;
  /** Top of the line's box, in cover pixels. */
  top: number;
}

/** Pango markup is XML-like: the five characters it reserves are escaped. */
function pangoText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function textLayer(line: Line): Promise<OverlayOptions> {
  const family = (await readFamilyName(line.face)) ?? 'serif';
  const sharp = await loadSharp();
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${line.colour}">${pangoText(line.text)}</span>`,
      font: `${family}${line.bold ? ' Bold' : ''} ${line.size}`,
      fontfile: line.face.path,
      width: TEXT_WIDTH,
      align: 'centre',
      rgba: true,
      dpi: 72,
      wrap: 'word-char',
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Raw pixels, not a PNG: the composite takes the same RGBA without an encode and a decode.
  return { input: data, raw: { width: info.width, height: info.height, channels: info.channels }, top: line.top, left: Math.round((COVER_WIDTH - info.width) / 2) };
}

function background(): Buffer {
  const doc = xmlDocument();
  const svg = doc
    .ele('http://www.w3.org/2000/svg', 'svg')
    .att('width', String(COVER_WIDTH))
    .att('height', String(COVER_HEIGHT));
  const rect = (y: number, height: number, fill: string): void => {
    svg.ele('rect').att('x', '0').att('y', String(y)).att('width', String(COVER_WIDTH)).att('height', String(height)).att('fill', fill);
  };
  rect(0, COVER_HEIGHT, PAPER);
  rect(BAND_TOP, BAND_BOTTOM - BAND_TOP, BAND);
  rect(BAND_BOTTOM + 24, 6, GOLD);
  return Buffer.from(doc.end({ headless: true }));
}

function coverLines(page: TitlePage, fonts: FontConfig): Line[] {
  const lines: Line[] = [{ text: page.main, face: fonts.heading.bold, bold: true, size: 140, colour: '#ffffff', top: 520 }];
  if (page.partNumber) lines.push({ text: page.partNumber, face: fonts.heading.normal, size: 110, colour: GOLD, top: 760 });
  if (page.subtitle) lines.push({ text: page.subtitle, face: fonts.body.normal, size: 60, colour: '#ffffff', top: 960 });
  page.responsibility.forEach((text, i) => lines.push({ text, face: fonts.body.normal, size: 56, colour: INK, top: 1600 + i * 90 }));
  lines.push({ text: page.publisher, face: fonts.heading.normal, size: 56, colour: INK, top: 2140 });
  return lines;
}

async function typographicCover(page: TitlePage, fonts: FontConfig): Promise<PreparedImage> {
  const layers = await Promise.all(coverLines(page, fonts).map(textLayer));
  const sharp = await loadSharp();
  const data = await sharp(background()).composite(layers).jpeg({ quality: 88, chromaSubsampling: '4:2:0' }).toBuffer();
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    mediaType: 'image/jpeg',
    extension: '.jpg',
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
  };
}

/** The project's cover.jpg (next to book.yaml) when present, else the generated one. */
export async function coverImage(root: string, page: TitlePage, fonts: FontConfig, memo: StepMemo = NO_MEMO): Promise<PreparedImage> {
  const own = await resolveInside([await realRoot(root)], path.join(root, COVER_FILE));
  // The generated cover depends on the title page and the fonts (whose files every key names):
  // drawing it again cost a rebuild's EPUB more than a tenth of a second of CPU.
  if (own.kind === 'missing') return memo.getAsync('epub-cover', { page, fonts }, () => typographicCover(page, fonts));
  // `check` has refused any other cover (src/validate/cover.ts); this guards a caller that did not run it.
  if (own.kind !== 'file') throw new BuildFailure([diagnostic('cover/outside-project', { message: `${COVER_FILE} cannot be read from inside the project.`, file: COVER_FILE })]);
  return prepareImage(own.path);
}
