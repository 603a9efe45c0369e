/**
 * An incremental update (ISO 32000 §7.5.6) appended to a finished PDF: new objects and a new
 * version of the catalog, with a cross-reference section and a trailer pointing back at the
 * previous one. This is how hanpress sets what pdfkit writes wrongly or not at all — the XMP
 * packet (pdfkit pastes Info values into its XMP unescaped) — without touching pdfkit: the
 * bytes pdfkit wrote stay as they are and readers take the newest catalog.
 */

export interface CatalogUpdate {
  /** Streams to add to the catalog, by key (e.g. Metadata): dictionary entries and data. */
  streams: Array<{ key: string; dict: string; data: Uint8Array }>;
}

const latin1 = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes.subarray(from, to)).toString('latin1');

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  let found: RegExpExecArray | undefined;
  for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) found = m as RegExpExecArray;
  return found;
}

/** The trailer dictionary's text and the offset of the last cross-reference section. */
function readTrailer(pdf: Uint8Array): { trailer: string; startxref: number } {
  const tail = latin1(pdf, Math.max(0, pdf.length - 4096), pdf.length);
  const start = lastMatch(tail, /startxref\s+(\d+)/);
  const trailer = lastMatch(tail, /trailer\s*(<<[\s\S]*?>>)\s*startxref/);
  if (!start?.[1] || !trailer?.[1]) throw new Error('internal: the PDF has no classic trailer to update');
  return { trailer: trailer[1], startxref: Number(start[1]) };
}

function objectOffset(pdf: Uint8Array, xref: number, id: number): number {
  const head = latin1(pdf, xref, Math.min(pdf.length, xref + 64));
  const sub = /^xref\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!sub) throw new Error('internal: no cross-reference table where startxref points');
  const first = Number(sub[1]);
  const entryAt = xref + sub[0].length + (id - first) * 20;
  return Number(latin1(pdf, entryAt, entryAt + 10));
}

function objectDict(pdf: Uint8Array, offset: number): string {
  const text = latin1(pdf, offset, Math.min(pdf.length, offset + 8192));
  const m = /^\d+ 0 obj\s*(<<[\s\S]*?>>)\s*endobj/.exec(text);
  if (!m?.[1]) throw new Error('internal: cannot read the catalog object');
  return m[1];
}

export function updateCatalog(pdf: Uint8Array, update: CatalogUpdate): Uint8Array {
  const { trailer, startxref } = readTrailer(pdf);
  const root = /\/Root (\d+) 0 R/.exec(trailer);
  const size = /\/Size (\d+)/.exec(trailer);
  if (!root?.[1] || !size?.[1]) throw new Error('internal: the trailer names no catalog');
  const rootId = Number(root[1]);
  let next = Number(size[1]);
  let catalog = objectDict(pdf, objectOffset(pdf, startxref, rootId));
  const parts: Buffer[] = [];
  const offsets: Array<[number, number]> = [];
  let at = pdf.length;
  const write = (chunk: Buffer): void => {
    parts.push(chunk);
    at += chunk.length;
  };
  write(Buffer.from('\n', 'latin1'));
  for (const stream of update.streams) {
    const id = next++;
    offsets.push([id, at]);
    write(Buffer.from(`${id} 0 obj\n<<${stream.dict} /Length ${stream.data.length}>>\nstream\n`, 'latin1'));
    write(Buffer.from(stream.data));
    write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    catalog = catalog.replace(new RegExp(`/${stream.key} \\d+ 0 R\\s*`), '').replace(/>>\s*$/, `/${stream.key} ${id} 0 R\n>>`);
  }
  offsets.push([rootId, at]);
  write(Buffer.from(`${rootId} 0 obj\n${catalog}\nendobj\n`, 'latin1'));
  const xrefAt = at;
  const entries = [...offsets].sort((a, b) => a[0] - b[0]);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [id, offset] of entries) xref += `${id} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
  const rest = trailer.replace(/^<<|>>$/g, '').replace(/\/Size \d+/, '').replace(/\/Prev \d+/, '').trim();
  write(Buffer.from(`${xref}trailer\n<<\n/Size ${next}\n${rest}\n/Prev ${startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), ...parts]));
}
