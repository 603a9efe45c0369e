/**
 * PDF object syntax (ISO 32000 §7.3) as text: numbers with a fixed precision, names, strings
 * and dictionaries. Everything the writer emits goes through here, so a file never depends on
 * float noise or on the order a Map happened to be filled in.
 */

/** A reference to an indirect object. */
export class Ref {
  constructor(readonly id: number) {}
  toString(): string {
    return `${this.id} 0 R`;
  }
}

/** A name object (/Type); the value is the name without its slash. */
export class Name {
  constructor(readonly value: string) {}
  toString(): string {
    return `/${escapeName(this.value)}`;
  }
}

/** Text already in PDF syntax (an operator list, a hex string built elsewhere). */
export class Raw {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type PdfValue = number | boolean | null | string | Ref | Name | Raw | PdfValue[] | PdfDict;
export interface PdfDict {
  [key: string]: PdfValue | undefined;
}

export const name = (value: string): Name => new Name(value);
export const raw = (text: string): Raw => new Raw(text);

/** A number with at most three decimals and no exponent: 1/1000 pt is finer than any press. */
export function num(n: number): string {
  const m = Math.round(n * 1000);
  // In thousandths, as an integer: the digits are the integer's, without toFixed's string
  // and trailing zeros cut from it (a page writes thousands of numbers).
  if (m > -MILLI_RANGE && m < MILLI_RANGE) {
    if (m === 0) return '0';
    const whole = m / 1000;
    const frac = m < 0 ? -m % 1000 : m % 1000;
    if (frac === 0) return String(whole);
    const int = Math.trunc(whole);
    return `${m < 0 && int === 0 ? '-0' : String(int)}.${FRACTIONS[frac]}`;
  }
  return wideNum(n);
}

/** Numbers in thousandths below this are written from the integer (num); the rest by toFixed. */
export const MILLI_RANGE = 2 ** 31;

/** The decimals of 1 … 999 thousandths, trailing zeros cut: FRACTIONS[50] is '05'. */
export const FRACTIONS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0').replace(/0+$/, ''));

/** num for a number far beyond any page (or not finite: an error). */
function wideNum(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal: PDF number ${n}`);
  const r = Math.round(n * 1000) / 1000;
  if (Number.isInteger(r)) return String(r);
  const fixed = r.toFixed(3);
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 0x30) end--;
  return fixed.slice(0, end);
}

function escapeName(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const regular = byte > 0x20 && byte < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(byte));
    out += regular ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * A text string (§7.9.2.2): a literal string for printable ASCII, else UTF-16BE with a byte
 * order mark as a hex string, which every reader decodes the same way.
 */
export function textString(text: string): Raw {
  if (/^[\x20-\x7e]*$/.test(text)) return new Raw(`(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`);
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return new Raw(`<${hex}>`);
}

/** A PDF date (§7.9.4) in UTC. */
export function pdfDate(date: Date): Raw {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return new Raw(`(D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z)`);
}

/** Any value as PDF syntax. A plain JS string is a text string. Undefined entries are left out. */
export function serialize(value: PdfValue): string {
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (typeof value === 'string') return textString(value).text;
  if (value instanceof Ref || value instanceof Name || value instanceof Raw) return value.toString();
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  let out = '<<';
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out += `/${escapeName(key)} ${serialize(v)}`;
  return `${out}>>`;
}
