/**
 * A PDF file written front to back (ISO 32000 §7.5): objects go out as soon as they are made,
 * so a page's content and annotations are not held once written; the cross-reference table
 * and the trailer close the file. Object numbers may be reserved before the object exists
 * (the page tree, a font every page names), and are written whenever the object is ready.
 *
 * The file's /ID is a hash of everything written before it: same content, same id, so a
 * rebuild is byte-identical and a changed book gets a new id.
 */
import { createHash } from 'node:crypto';
import { Ref, serialize, type PdfDict } from './syntax.js';

/** Where the bytes go: collected in memory, or handed on as they are written. */
export type Sink = (chunk: Uint8Array) => void;

export class PdfFile {
  private readonly offsets: number[] = [];
  private readonly hash = createHash('sha256');
  private position = 0;
  private next = 1;

  constructor(
    private readonly sink: Sink,
    version: string,
  ) {
    // The binary comment tells transfer tools the file is not text (§7.5.2).
    this.write(Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1'));
  }

  private write(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.position += chunk.length;
    this.sink(chunk);
  }

  /** A number for an object written later. */
  reserve(): Ref {
    return new Ref(this.next++);
  }

  /** Writes a dictionary (or any value) as the object `ref`, or as a new object. */
  object(value: PdfDict | string, ref: Ref = this.reserve()): Ref {
    this.offsets[ref.id] = this.position;
    const body = typeof value === 'string' ? value : serialize(value);
    this.write(Buffer.from(`${ref.id} 0 obj\n${body}\nendobj\n`, 'latin1'));
    return ref;
  }

  /** A stream object: `dict` plus /Length; `data` as given (already filtered). */
  stream(dict: PdfDict, data: Uint8Array, ref: Ref = this.reserve()): Ref {
    this.offsets[ref.id] = this.position;
    this.write(Buffer.from(`${ref.id} 0 obj\n${serialize({ ...dict, Length: data.length })}\nstream\n`, 'latin1'));
    this.write(data);
    this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    return ref;
  }

  /** The cross-reference table and trailer; every reserved object must have been written. */
  finish(trailer: { Root: Ref; Info?: Ref }): void {
    const xref = this.position;
    const id = this.hash.copy().digest('hex').slice(0, 32).toUpperCase();
    let table = `xref\n0 ${this.next}\n0000000000 65535 f \n`;
    for (let n = 1; n < this.next; n++) {
      const offset = this.offsets[n];
      if (offset === undefined) throw new Error(`internal: PDF object ${n} reserved but never written`);
      table += `${String(offset).padStart(10, '0')} 00000 n \n`;
    }
    const dict = serialize({ Size: this.next, Root: trailer.Root, Info: trailer.Info });
    const withId = `${dict.slice(0, -2)}/ID [<${id}> <${id}>]>>`;
    this.write(Buffer.from(`${table}trailer\n${withId}\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  }
}

/** A sink that keeps the chunks, and the whole file once it is done. */
export function memorySink(): { sink: Sink; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [];
  return {
    sink: (chunk) => chunks.push(chunk),
    bytes: () => {
      const whole = Buffer.concat(chunks);
      // A file of its own memory is handed out as it is, not copied again (4 MB for 水浒传).
      return whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength ? new Uint8Array(whole.buffer) : new Uint8Array(whole);
    },
  };
}
