/**
 * One page's content stream as a pure function: the page's items, where its text block sits on
 * the sheet and the ink → the deflated stream and what it draws with (faces and the glyphs of
 * each, images, the registration colour). Nothing in it depends on another page: text is shown
 * by the fonts' own glyph ids (CIDs, see truetype.ts), resources have names fixed by what they
 * are. So a page's bytes can be keyed by a hash of its inputs and cached (PageCache), or made
 * in another thread.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FontBook } from '../../typeset/fonts.js';
import { FAKE_BOLD_STROKE, SUP_SCALE } from '../../typeset/fonts.js';
import type { PageItem, TextLine } from '../../typeset/model.js';
import { MATH_PLACEHOLDER } from '../../typeset/maths.js';
import type { Face, ShapedGlyph } from '../../typeset/fonts.js';
import type { MarkLine } from './print-boxes.js';
import { vectorOperators, type VectorContext } from './vector.js';
import { fontProgram } from './program.js';
import { FRACTIONS, MILLI_RANGE, num } from './syntax.js';

/** How far a superscript (note reference) sits above the baseline, in ems of the body size. */
export const SUP_RISE = 0.36;

/** Where the page's text block is on the sheet (points, y down from the sheet's top). */
export interface Frame {
  x: number;
  y: number;
  /** The sheet's (MediaBox's) height: PDF y runs up from its bottom. */
  sheetHeight: number;
}

export interface Ink {
  /** K-only DeviceCMYK black (the print book block) instead of RGB black. */
  cmyk: boolean;
  /** Crop marks, in sheet coordinates (y down), drawn in the registration colour. */
  marks?: MarkLine[];
}

/**
 * Glyphs of one face a page draws, as parallel lists: code (CID), width in 1/1000 em, and the
 * text each stands for, all in one string that glyph i's text ends at `ends[i]` of (it starts
 * where glyph i − 1's ends). Not a list of triples: a warm rebuild reads a thousand pages' worth
 * back from the cache, and most of their glyphs are already known to the font.
 */
export interface GlyphUse {
  codes: number[];
  widths: number[];
  text: string;
  ends: number[];
}

/** The text glyph `i` of `glyphs` stands for. */
export function glyphText(glyphs: GlyphUse, i: number): string {
  return glyphs.text.slice(i === 0 ? 0 : (glyphs.ends[i - 1] ?? 0), glyphs.ends[i] ?? 0);
}

export interface PageStream {
  /** The content stream, deflated (FlateDecode). */
  data: Uint8Array;
  /** Face id → the glyphs drawn in it. */
  fonts: Record<string, GlyphUse>;
  /** Keys of the images drawn. */
  images: string[];
  /** The registration colour (crop marks) is used. */
  registration: boolean;
  /** ExtGState resources (screen opacity of vector paths), by name: see opacityState. */
  states: string[];
}

/** The ExtGState resource name of an opacity; the name alone says what the state holds. */
export function opacityState(kind: 'fill' | 'stroke', value: number): string {
  return `GS${kind === 'fill' ? 'f' : 's'}${Math.round(Math.min(1, Math.max(0, value)) * 1000)}`;
}

/** The ExtGState dictionary entries a name from opacityState stands for. */
export function opacityOf(state: string): { key: 'ca' | 'CA'; value: number } {
  return { key: state[2] === 'f' ? 'ca' : 'CA', value: Number(state.slice(3)) / 1000 };
}

/** Asked for every run of every line: a book has a handful of faces. */
const fontResources = new Map<string, string>();

/** The resource name of a face: its id in the font book, fixed for the book's fonts. */
export function fontResource(faceId: string): string {
  let name = fontResources.get(faceId);
  if (name === undefined) fontResources.set(faceId, (name = `F${faceId.replace(/[^A-Za-z0-9_.-]/g, '_')}`));
  return name;
}

/** The resource name of an image, from its key alone. */
export function imageResource(key: string): string {
  return `I${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export const REGISTRATION_RESOURCE = 'CSAll';

/** Rounded to the 1/1000 the file writes, so widths and adjustments add up exactly. */
const r3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Lower-case hex digits as Latin-1 codes. */
const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const LINE_FEED = 0x0a;
const SPACE = 0x20;
/** Texts up to this length are written a code unit at a time. */
const SHORT_TEXT = 48;
const LESS = 0x3c;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const GREATER = 0x3e;

/**
 * A page's operators as Latin-1 bytes, written in place: a page shows thousands of glyphs, each
 * four hex digits, and making a string of each and joining them was most of a page's cost.
 * Operators are separated by line feeds, as the page's list of them was joined.
 */
export class Bytes {
  private buf: Buffer;
  length = 0;
  private ops = 0;

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  /** The buffer written into (grown as needed): the next page may write into it again. */
  get buffer(): Buffer {
    return this.buf;
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** Starts the next operator (a line feed after the one before). */
  op(text = ''): void {
    if (this.ops++ > 0) this.byte(LINE_FEED);
    if (text) this.text(text);
  }

  /** Latin-1 text (its code units' low bytes, as Buffer.from(text, 'latin1')). */
  text(text: string): void {
    const n = text.length;
    this.room(n);
    if (n > SHORT_TEXT) {
      this.length += this.buf.write(text, this.length, n, 'latin1');
      return;
    }
    // An operator or a number: byte by byte is cheaper than a call into Buffer.write.
    const buf = this.buf;
    const at = this.length;
    for (let i = 0; i < n; i++) buf[at + i] = text.charCodeAt(i) & 0xff;
    this.length = at + n;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** num(n), its digits written here without a string made of them. */
  num(n: number): void {
    const m = Math.round(n * 1000);
    if (!(m > -MILLI_RANGE && m < MILLI_RANGE)) {
      this.text(num(n));
      return;
    }
    if (m === 0) {
      // Zero (and a negative that rounds to it) is "0", never "-0".
      this.byte(DIGIT_0);
      return;
    }
    this.room(16);
    const buf = this.buf;
    let at = this.length;
    if (m < 0) buf[at++] = MINUS;
    const thousandths = m < 0 ? -m : m;
    const frac = thousandths % 1000;
    let int = (thousandths - frac) / 1000;
    // The integer's digits, last first, then turned round.
    const first = at;
    do {
      const digit = int % 10;
      buf[at++] = DIGIT_0 + digit;
      int = (int - digit) / 10;
    } while (int > 0);
    for (let i = first, j = at - 1; i < j; i++, j--) {
      const t = buf[i] as number;
      buf[i] = buf[j] as number;
      buf[j] = t;
    }
    if (frac !== 0) {
      buf[at++] = DOT;
      const digits = FRACTIONS[frac] as string;
      for (let i = 0; i < digits.length; i++) buf[at++] = digits.charCodeAt(i);
    }
    this.length = at;
  }

  /** A code as four lower-case hex digits (more when it needs more). */
  hex4(code: number): void {
    if (code > 0xffff || code < 0) {
      this.text(code.toString(16).padStart(4, '0'));
      return;
    }
    this.room(4);
    const buf = this.buf;
    const at = this.length;
    buf[at] = HEX_DIGITS[(code >> 12) & 15] as number;
    buf[at + 1] = HEX_DIGITS[(code >> 8) & 15] as number;
    buf[at + 2] = HEX_DIGITS[(code >> 4) & 15] as number;
    buf[at + 3] = HEX_DIGITS[code & 15] as number;
    this.length = at + 4;
  }

  /** What was written, as a Buffer of its own. */
  copy(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }

  latin1(): string {
    return this.buf.toString('latin1', 0, this.length);
  }
}

/** The buffer pages are written into, one page after another (drawPage copies each page out). */
let scratch: Buffer = Buffer.allocUnsafe(1 << 16);

/** The glyphs of one face a page draws, in the order first drawn, and the codes seen so far. */
interface Used {
  /** Code → the page's stamp when the code was recorded (see stamps). */
  seen: Uint32Array;
  codes: number[];
  widths: number[];
  texts: string[];
}

/**
 * Face id → code → the stamp of the page that last recorded the code: a page asks "seen on this
 * page?" for every glyph it draws, and a Set per page and face grew a hash table glyph by glyph.
 * Codes are CIDs or glyph ids (16 bits); each drawPage takes a new stamp.
 */
const stamps = new Map<string, Uint32Array>();
let pageStamp = 0;

function seenTable(faceId: string): Uint32Array {
  let table = stamps.get(faceId);
  if (!table) stamps.set(faceId, (table = new Uint32Array(0x10000)));
  return table;
}

class TextWriter {
  readonly out: Bytes;
  private font = '';
  private size = 0;
  private spacing = 0;
  /** Text rendering mode: 0 fill, 2 fill and stroke (synthetic bold). */
  private mode = 0;
  readonly used: Record<string, Used> = {};
  /** The glyphs of the run being shown (one list for the page's runs). */
  private readonly runGlyphs: ShapedGlyph[] = [];
  private readonly stamp = ++pageStamp;

  constructor(
    private readonly fonts: FontBook,
    private readonly sheetHeight: number,
    buffer: Buffer,
  ) {
    this.out = new Bytes(buffer);
  }

  /** A TJ array showing `text` in `face`, its glyphs recorded as used. */
  show(face: Face, text: string, half: boolean): string {
    const bytes = new Bytes(Buffer.allocUnsafe(256));
    this.showInto(bytes, face, text, half);
    return bytes.latin1();
  }

  /** The TJ array of `text` (`[` … `]`) written into `out`. */
  private showInto(out: Bytes, face: Face, text: string, half: boolean): void {
    const used = (this.used[face.id] ??= { seen: seenTable(face.id), codes: [], widths: [], texts: [] });
    const stamp = this.stamp;
    const program = fontProgram(face);
    const scale = 1000 / face.unitsPerEm;
    let open = false;
    let pending = 0;
    out.text('[');
    for (const g of face.glyphs(text, half, this.runGlyphs)) {
      const width = r3(g.width * scale);
      pending = r3(pending - g.offset * scale);
      if (pending !== 0) {
        if (open) out.byte(GREATER);
        out.num(pending);
        open = false;
      }
      const code = program.code(g.id);
      if (!open) out.byte(LESS);
      out.hex4(code);
      open = true;
      // A code past 16 bits (none in an OpenType font) is looked for in the list instead.
      const fresh = code <= 0xffff ? used.seen[code] !== stamp : !used.codes.includes(code);
      if (fresh) {
        if (code <= 0xffff) used.seen[code] = stamp;
        used.codes.push(code);
        used.widths.push(width);
        used.texts.push(g.text);
      }
      // TJ numbers move the pen back by n/1000 em: the glyph's own width less its shaped advance.
      pending = r3(width + g.offset * scale - g.advance * scale);
    }
    if (open) out.byte(GREATER);
    out.text(']');
  }

  line(line: TextLine, x: number, baseline: number, vector: VectorContext): void {
    const out = this.out;
    out.op('BT');
    for (const run of line.runs) {
      const math = run.style.math;
      if (math) {
        // An inline formula: its placeholder is drawn as the formula's outlines (outside the
        // text object, where paths may be painted); the ¼-em space beside it draws nothing.
        if (run.text === MATH_PLACEHOLDER) {
          out.op('ET');
          out.op(vectorOperators(math.graphic, { x: x + run.x, y: baseline - math.ascent, width: math.width, height: math.height }, 'formula', vector));
          out.op('BT');
        }
        continue;
      }
      const face = this.fonts.face(run.style.font, run.style.bold);
      const size = run.style.sup ? run.style.size * SUP_SCALE : run.style.size;
      const y = run.style.sup ? baseline - run.style.size * SUP_RISE : baseline;
      const resource = fontResource(face.id);
      if (resource !== this.font || size !== this.size) out.op(`/${resource} ${num(size)} Tf`);
      this.font = resource;
      this.size = size;
      if (run.spacing !== this.spacing) {
        out.op();
        out.num(run.spacing);
        out.text(' Tc');
      }
      this.spacing = run.spacing;
      // A one-weight face set bold: glyphs filled and stroked with a thin line, as ctex's AutoFakeBold.
      const mode = this.fonts.fakeBold(run.style) ? 2 : 0;
      if (mode === 2) out.op(`${num(size * FAKE_BOLD_STROKE)} w`);
      if (mode !== this.mode) out.op(`${mode} Tr`);
      this.mode = mode;
      // Written piece by piece: one text matrix per run of every line.
      out.op('1 0 0 1 ');
      out.num(x + run.x);
      out.byte(SPACE);
      out.num(this.sheetHeight - y);
      out.text(' Tm');
      out.op();
      this.showInto(out, face, run.text, run.half);
      out.text(' TJ');
    }
    // Rules and marks after the line stroke with their own width; the mode is reset for the next line.
    if (this.mode !== 0) out.op('0 Tr');
    this.mode = 0;
    out.op('ET');
  }

  push(op: string): void {
    this.out.op(op);
  }
}

/** Text inside a drawing: the drawing's space is flipped (y down), so the text matrix flips back. */
function vectorText(writer: TextWriter, fonts: FontBook): VectorContext['text'] {
  return (text, x, y, size) => {
    const face = fonts.face('body', false);
    return `BT /${fontResource(face.id)} ${num(size)} Tf 0 Tc 0 Tr 1 0 0 -1 ${num(x)} ${num(y)} Tm ${writer.show(face, text, false)} TJ ET`;
  };
}

function rule(item: Extract<PageItem, { kind: 'rule' }>, frame: Frame, stroke: string): string {
  const y = (v: number): string => num(frame.sheetHeight - frame.y - v);
  // A dotted rule: round caps on near-zero dashes, as the design's 点线 was drawn before.
  const dots = item.dotted ? ` 1 J [0.01 ${num(item.width / 0.12 / 3)}] 0 d` : '';
  return `q ${num(item.width)} w${dots} ${stroke} ${num(frame.x + item.x1)} ${y(item.y1)} m ${num(frame.x + item.x2)} ${y(item.y2)} l S Q`;
}

function image(item: Extract<PageItem, { kind: 'image' }>, frame: Frame): string {
  const bottom = frame.sheetHeight - frame.y - item.y - item.height;
  return `q ${num(item.width)} 0 0 ${num(item.height)} ${num(frame.x + item.x)} ${num(bottom)} cm /${imageResource(item.image.key)} Do Q`;
}

function marks(lines: MarkLine[], sheetHeight: number): string {
  const path = lines.map((l) => `${num(l.x1)} ${num(sheetHeight - l.y1)} m ${num(l.x2)} ${num(sheetHeight - l.y2)} l`).join(' ');
  return `q 0.25 w 0 J /${REGISTRATION_RESOURCE} CS 1 SCN ${path} S Q`;
}

/** A page's content before it is deflated: the operators as Latin-1 bytes, and what they use. */
export type DrawnPage = Omit<PageStream, 'data'> & { content: Buffer };

/** The page's stream, deflated here (drawPage and an async deflate do the same in two steps). */
export function renderPageStream(items: readonly PageItem[], frame: Frame, ink: Ink, fonts: FontBook): PageStream {
  const { content, ...rest } = drawPage(items, frame, ink, fonts);
  return { ...rest, data: new Uint8Array(deflateSync(content, PAGE_DEFLATE)) };
}

/** zlib settings of every content stream (a change changes every PDF's bytes). */
export const PAGE_DEFLATE = { level: 6 } as const;

/** The content of a page. Pure: same items, frame, ink and fonts → same bytes. */
export function drawPage(items: readonly PageItem[], frame: Frame, ink: Ink, fonts: FontBook): DrawnPage {
  const writer = new TextWriter(fonts, frame.sheetHeight, scratch);
  const images: string[] = [];
  const states = new Set<string>();
  const vector: VectorContext = {
    cmyk: ink.cmyk,
    sheetHeight: frame.sheetHeight,
    opacity: (kind, value) => {
      const state = opacityState(kind, value);
      states.add(state);
      return state;
    },
    text: vectorText(writer, fonts),
  };
  writer.push(ink.cmyk ? '0 0 0 1 k 0 0 0 1 K' : '0 0 0 rg 0 0 0 RG');
  if (ink.marks?.length) writer.push(marks(ink.marks, frame.sheetHeight));
  const stroke = ink.cmyk ? '0 0 0 1 K' : '0 0 0 RG';
  for (const item of items) {
    switch (item.kind) {
      case 'text':
        writer.line(item.line, frame.x + item.x, frame.y + item.baseline, vector);
        break;
      case 'vector':
        writer.push(vectorOperators(item.graphic, { x: frame.x + item.x, y: frame.y + item.y, width: item.width, height: item.height }, item.role, vector));
        break;
      case 'rule':
        writer.push(rule(item, frame, stroke));
        break;
      case 'image':
        writer.push(image(item, frame));
        if (!images.includes(item.image.key)) images.push(item.image.key);
        break;
      case 'dest':
        break;
      case 'folioRef':
        // Resolved to text by the typesetting stage; one left here is a bug there.
        throw new Error(`internal: unresolved TOC folio for ${item.target}`);
    }
  }
  const fontsUsed: Record<string, GlyphUse> = {};
  for (const [id, used] of Object.entries(writer.used)) {
    const ends: number[] = [];
    let end = 0;
    for (const text of used.texts) ends.push((end += text.length));
    fontsUsed[id] = { codes: used.codes, widths: used.widths, text: used.texts.join(''), ends };
  }
  // The scratch buffer as grown, for the next page; this page's bytes are copied out of it.
  scratch = writer.out.buffer;
  return { content: writer.out.copy(), fonts: fontsUsed, images, registration: Boolean(ink.marks?.length), states: [...states].sort() };
}
