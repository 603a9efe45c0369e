/**
 * The one way hanpress turns a text file's bytes into text: UTF-8, with or without a BOM, any
 * line ending (CRLF and CR become LF, so `part: 1\r` is never read as text). A file in another
 * encoding is an error at the first byte that is not UTF-8, never a puzzle about missing
 * glyphs later on; characters XML cannot carry are errors at their position.
 */
import type { DiagnosticCode } from '../diagnostics/catalogue.js';

export interface TextProblem {
  code: DiagnosticCode;
  message: string;
  line: number;
  column: number;
}

export type Decoded = { text: string } | { problem: TextProblem };

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lower = 0xa0;
      if (c === 0xed) upper = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lower = 0x90;
      if (c === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const x = bytes[i + k];
      if (x === undefined || x < lower || x > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** 1-based line and column (UTF-16 code units) of `offset` in newline-normalised text. */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lastBreak };
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  // Without a BOM: every ASCII character (newlines, YAML fences) has a zero byte beside it, all
  // on the same side; UTF-8 text has no zero bytes at all.
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  return even + odd >= Math.max(2, sample.length / 32) && Math.max(even, odd) >= 0.9 * (even + odd);
}

function isGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** C0 controls other than tab and newline, and the two noncharacters XML refuses. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export interface DecodeOptions {
  /** Read a form feed (a page break in pdftotext or OCR output) as a line break. */
  pageBreaks?: boolean;
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  if (looksLikeUtf16(bytes)) {
    return { problem: { code: 'encoding/utf16', message: 'This file is UTF-16, not UTF-8.', line: 1, column: 1 } };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = normaliseNewlines(new TextDecoder().decode(bytes.subarray(0, bad))).replace(/^\uFEFF/, '');
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const guess = isGb18030(bytes) ? ' It looks like GBK/GB 18030.' : '';
    return {
      problem: {
        code: 'encoding/invalid-utf8',
        message: `This file is not UTF-8: the byte 0x${byte} here starts no UTF-8 character.${guess}`,
        ...positionIn(before, before.length),
      },
    };
  }
  const decoded = normaliseNewlines(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
  const text = options.pageBreaks ? decoded.replace(/\f/g, '\n') : decoded;
  const control = FORBIDDEN.exec(text);
  if (control) {
    const cp = control[0].codePointAt(0) ?? 0;
    return {
      problem: {
        code: 'encoding/control-character',
        message: `The control character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot appear in a book.`,
        ...positionIn(text, control.index),
      },
    };
  }
  return { text };
}

/** A lone UTF-16 surrogate (from an escape such as "\uD800"), or -1. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return -1;
}
