/**
 * A face embedded as a Type0 font (ISO 32000 §9.7) with Identity-H encoding, so content streams
 * show two-byte CIDs: over a CIDFontType2 for TrueType outlines (CIDToGIDMap /Identity: the CIDs
 * are the font's own glyph ids, kept by truetype.ts's subset) or a CIDFontType0 for CFF
 * outlines (the CIDs of the font's charset, kept by cff.ts's subset); /W with the width of
 * every glyph drawn; a ToUnicode CMap so text can be extracted, searched and copied.
 */
import { createHash } from 'node:crypto';
import type { Face } from '../../typeset/fonts.js';
import type { PdfFile } from './file.js';
import { glyphText, type GlyphUse } from './page-stream.js';
import { name, type PdfValue, type Ref } from './syntax.js';
import { faceIdentity } from './font-identity.js';
import { openEntry, sealEntry } from '../../pipeline/sealed.js';
import type { PageCache } from './page-cache.js';
import { fontProgram } from './program.js';
import type { Deflater } from './deflate-thread.js';

export class EmbeddedFont {
  private readonly used = new Map<number, [number, string]>();
  /** Codes (16-bit) already in `used`: every page's glyphs are checked, most of them known. */
  private readonly known = new Uint8Array(0x10000);

  constructor(
    readonly face: Face,
    readonly ref: Ref,
  ) {}

  use(glyphs: GlyphUse): void {
    const { codes, widths } = glyphs;
    const known = this.known;
    for (let i = 0; i < codes.length; i++) {
      const gid = codes[i] as number;
      if (gid <= 0xffff && gid >= 0) {
        if (known[gid] === 1) continue;
        known[gid] = 1;
      } else if (this.used.has(gid)) continue;
      this.used.set(gid, [widths[i] ?? 0, glyphText(glyphs, i)]);
    }
  }

  /**
   * Starts the work of the font's streams that takes time, once every page has named its
   * glyphs: the program subset here, it and the ToUnicode CMap deflated by `deflater` (the
   * writer's deflate thread), or both from the cache. The writer sets out what else it can
   * meanwhile and writes the font's objects (write) when they are ready.
   */
  prepare(deflater: Deflater, cache?: PageCache): PreparedFont {
    const program = fontProgram(this.face);
    const codes = [...this.used.keys()].sort((a, b) => a - b);
    // The subset depends on the face and the glyph set alone: a rebuild that draws the same
    // glyphs (most edits) takes it from the cache the pages are kept in.
    const key = createHash('sha256').update(`font-program\n${faceIdentity(this.face)}\n${codes.join(',')}`).digest('hex');
    const cached = openEntry(cache?.get(key));
    const data = cached
      ? Promise.resolve(cached)
      : deflater.deflate(program.subset(codes.map((code) => program.gid(code))), { level: 6 }).then((deflated) => {
          cache?.set(key, sealEntry(deflated));
          return deflated;
        });
    return { codes, data, toUnicode: this.toUnicode(codes, deflater, cache) };
  }

  /** Writes the font's objects, prepared; `ref` (reserved when the first page named it) is the Type0 font. */
  write(file: PdfFile, prepared: { codes: number[]; data: Uint8Array; toUnicode: Uint8Array }): void {
    const { source } = this.face;
    const program = fontProgram(this.face);
    const { codes, data } = prepared;
    const metrics = program.metrics;
    const baseFont = `${subsetTag(codes)}+${(program.postscriptName ?? source.postscriptName ?? this.face.id).replace(/[^A-Za-z0-9_.-]/g, '')}`;
    const cff = program.kind === 'cff';
    // A CFF program goes in bare (CIDFontType0C): PDF 1.3, so PDF/X-1a takes it too.
    const fontFile = file.stream({ Filter: name('FlateDecode'), ...(cff ? { Subtype: name('CIDFontType0C') } : {}) }, data);
    // Flags: symbolic (4) — the glyphs are reached by id, not through a standard encoding.
    const descriptor = file.object({
      Type: name('FontDescriptor'),
      FontName: name(baseFont),
      Flags: 4 | (metrics.serif ? 2 : 0),
      FontBBox: metrics.bbox,
      ItalicAngle: metrics.italicAngle,
      Ascent: metrics.ascent,
      Descent: metrics.descent,
      CapHeight: metrics.capHeight,
      StemV: 80,
      ...(cff ? { FontFile3: fontFile } : { FontFile2: fontFile }),
    });
    const cidFont = file.object({
      Type: name('Font'),
      Subtype: name(cff ? 'CIDFontType0' : 'CIDFontType2'),
      BaseFont: name(baseFont),
      CIDSystemInfo: program.cidSystemInfo,
      FontDescriptor: descriptor,
      W: widths(codes.map((code) => [code, this.used.get(code)?.[0] ?? 0])),
      CIDToGIDMap: cff ? undefined : name('Identity'),
    });
    const toUnicode = file.stream({ Filter: name('FlateDecode') }, prepared.toUnicode);
    file.object(
      {
        Type: name('Font'),
        Subtype: name('Type0'),
        BaseFont: name(baseFont),
        Encoding: name('Identity-H'),
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      },
      this.ref,
    );
  }

  /**
   * The ToUnicode CMap, deflated, from the cache when the same glyphs stood for the same text
   * before (setting out and deflating the CMap of 水浒传's 4,000 glyphs was a tenth of a second).
   */
  private toUnicode(codes: number[], deflater: Deflater, cache?: PageCache): Promise<Uint8Array> {
    const entries = codes.map((code): [number, string] => [code, this.used.get(code)?.[1] ?? '']);
    const key = cache && createHash('sha256').update(`to-unicode\n${JSON.stringify(entries)}`).digest('hex');
    const cached = key === undefined ? undefined : openEntry(cache?.get(key));
    if (cached) return Promise.resolve(cached);
    // zlib's default level (6), as deflateSync without options.
    return deflater.deflate(Buffer.from(toUnicodeCMap(entries), 'latin1'), {}).then((deflated) => {
      if (key !== undefined) cache?.set(key, sealEntry(deflated));
      return deflated;
    });
  }
}

/** A font's streams on their way (EmbeddedFont.prepare). */
export interface PreparedFont {
  codes: number[];
  /** The program subset, deflated. */
  data: Promise<Uint8Array>;
  /** The ToUnicode CMap, deflated. */
  toUnicode: Promise<Uint8Array>;
}

/** Six capitals from the glyph set (§9.6.4): the same subset always gets the same tag. */
function subsetTag(gids: number[]): string {
  const digest = createHash('sha256').update(gids.join(',')).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** /W: runs of consecutive glyph ids, `first [w1 w2 …]`. */
function widths(entries: Array<[number, number]>): PdfValue[] {
  const out: PdfValue[] = [];
  let run: number[] = [];
  let first = -2;
  let last = -2;
  for (const [gid, width] of entries) {
    if (gid !== last + 1) {
      if (run.length) out.push(first, run);
      first = gid;
      run = [];
    }
    run.push(width);
    last = gid;
  }
  if (run.length) out.push(first, run);
  return out;
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

/** The ToUnicode CMap (§9.10.3): glyph id → the text it stands for; glyphs with none are left out. */
export function toUnicodeCMap(entries: Array<[number, string]>): string {
  const mapped = entries.filter(([, text]) => text !== '');
  const blocks: string[] = [];
  for (let i = 0; i < mapped.length; i += 100) {
    const chunk = mapped.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([gid, text]) => `<${gid.toString(16).toUpperCase().padStart(4, '0')}> <${utf16Hex(text)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}


