/**
 * A PDF content-stream lexer (ISO 32000-1 §7.2, §7.8.2): operands and operators, with strings,
 * hex strings, arrays and dictionaries read as whole operands, so a `rg` inside a text string
 * or a comment is never mistaken for an operator. Inline images (BI … ID … EI) are skipped.
 */

export type Operand = number | string | { name: string } | Operand[] | { dict: true };

export interface Operation {
  operator: string;
  operands: Operand[];
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function isRegular(byte: number): boolean {
  return !WHITE.has(byte) && !DELIM.has(byte);
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  peek(offset = 0): number {
    return this.bytes[this.pos + offset] ?? -1;
  }

  skipSpace(): void {
    while (!this.done) {
      const b = this.peek();
      if (WHITE.has(b)) this.pos++;
      else if (b === 0x25 /* % */) {
        while (!this.done && this.peek() !== 0x0a && this.peek() !== 0x0d) this.pos++;
      } else return;
    }
  }

  regular(): string {
    const start = this.pos;
    while (!this.done && isRegular(this.peek())) this.pos++;
    return String.fromCharCode(...this.bytes.subarray(start, this.pos));
  }

  literalString(): string {
    this.pos++; // (
    let depth = 1;
    let out = '';
    while (!this.done && depth > 0) {
      const b = this.bytes[this.pos++] ?? 0;
      if (b === 0x5c /* \ */) {
        out += String.fromCharCode(this.bytes[this.pos++] ?? 0);
        continue;
      }
      if (b === 0x28) depth++;
      if (b === 0x29) depth--;
      if (depth > 0) out += String.fromCharCode(b);
    }
    return out;
  }

  hexString(): string {
    this.pos++; // <
    const start = this.pos;
    while (!this.done && this.peek() !== 0x3e) this.pos++;
    const text = String.fromCharCode(...this.bytes.subarray(start, this.pos));
    this.pos++; // >
    return text;
  }

  /** Skips an inline image's data: from after `ID` to the `EI` that follows white space. */
  skipInlineImage(): void {
    this.pos++; // the single white-space byte after ID
    while (!this.done) {
      if (this.peek() === 0x45 && this.peek(1) === 0x49 && WHITE.has(this.bytes[this.pos - 1] ?? 0x20)) {
        const after = this.peek(2);
        if (after === -1 || WHITE.has(after)) {
          this.pos += 2;
          return;
        }
      }
      this.pos++;
    }
  }
}

/** One operand, or undefined at the end of an array or dictionary. */
function operand(r: Reader): Operand | 'end' | { operator: string } {
  r.skipSpace();
  const b = r.peek();
  if (b === 0x28) return r.literalString();
  if (b === 0x3c && r.peek(1) === 0x3c) {
    r.pos += 2;
    for (;;) {
      const item = operand(r);
      if (item === 'end' || r.done) break;
    }
    return { dict: true };
  }
  if (b === 0x3c) return r.hexString();
  if (b === 0x3e && r.peek(1) === 0x3e) {
    r.pos += 2;
    return 'end';
  }
  if (b === 0x5b) {
    r.pos++;
    const items: Operand[] = [];
    for (;;) {
      const item = operand(r);
      if (item === 'end' || r.done) break;
      if (typeof item === 'object' && 'operator' in item) continue;
      items.push(item);
    }
    return items;
  }
  if (b === 0x5d) {
    r.pos++;
    return 'end';
  }
  if (b === 0x2f) {
    r.pos++;
    return { name: r.regular() };
  }
  if (b === 0x7b || b === 0x7d) {
    r.pos++;
    return { operator: String.fromCharCode(b) };
  }
  const token = r.regular();
  if (token === '') {
    r.pos++;
    return { operator: '' };
  }
  // Keywords that are operands, not operators (inline image dictionaries use them).
  if (token === 'true' || token === 'false' || token === 'null') return token;
  const n = Number(token);
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) && Number.isFinite(n)) return n;
  return { operator: token };
}

/** Every operation of a content stream, in order. */
export function* operations(bytes: Uint8Array): Generator<Operation> {
  const r = new Reader(bytes);
  let operands: Operand[] = [];
  for (;;) {
    r.skipSpace();
    if (r.done) return;
    const item = operand(r);
    if (item === 'end') continue;
    if (typeof item === 'object' && !Array.isArray(item) && 'operator' in item) {
      if (item.operator === '') continue;
      if (item.operator === 'ID') {
        // The operands are the inline image's dictionary (/CS /RGB …): the checker reads them.
        yield { operator: 'ID', operands };
        r.skipInlineImage();
        operands = [];
        continue;
      }
      yield { operator: item.operator, operands };
      operands = [];
    } else {
      operands.push(item);
    }
  }
}
