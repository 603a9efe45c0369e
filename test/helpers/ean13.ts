/**
 * Reads an EAN-13 bar code back from a PDF page's vectors, as a scanner reads the printed
 * bars: the filled rectangles of the content stream in black ink, left to right, turned into
 * bar and space widths, divided by the narrowest, and decoded with the EAN-13 tables (GS1
 * General Specifications §5.2.1.2) — including the parity pattern that carries the first
 * digit and the check digit. Independent of how the cover drew them.
 */
import { PDFArray, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import { inflateSync } from 'node:zlib';

const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = L.map((p) => [...p].map((b) => (b === '0' ? '1' : '0')).reverse().join(''));
const R = L.map((p) => [...p].map((b) => (b === '0' ? '1' : '0')).join(''));
const FIRST = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function contentOf(doc: PDFDocument, page: PDFPage): string {
  const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams.map((s) => (s instanceof PDFRawStream ? inflateSync(s.getContents()).toString('latin1') : '')).join('\n');
}

/**
 * Rectangles filled in K-only black (`/DeviceCMYK cs 0 0 0 1 scn` … `re` … `f`), in page
 * space: pdfkit draws in a top-down system, so the content's initial `cm` is applied.
 */
export function blackRects(doc: PDFDocument, page: PDFPage): Rect[] {
  const text = contentOf(doc, page);
  const rects: Rect[] = [];
  let pending: Rect[] = [];
  let fill = '';
  let flip: [number, number] = [1, 0];
  for (const line of text.split('\n')) {
    const cm = /^1 0 0 -1 0 ([\d.]+) cm$/.exec(line);
    if (cm) flip = [-1, Number(cm[1])];
    const scn = /^([\d.]+ [\d.]+ [\d.]+ [\d.]+) scn$/.exec(line);
    if (scn) fill = scn[1] ?? '';
    const re = /^([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+) re$/.exec(line);
    if (re) {
      const [x, y, w, h] = re.slice(1).map(Number) as [number, number, number, number];
      pending.push({ x, y: flip[0] === -1 ? flip[1] - y - h : y, width: w, height: h });
    }
    if (/^f\*?$/.test(line)) {
      if (fill === '0 0 0 1') rects.push(...pending);
      pending = [];
    }
    if (line === 'Q' || line === 'n') pending = [];
  }
  return rects;
}

/** The 13 digits of the EAN-13 whose bars are these rectangles (taller than `minHeight`). */
export function decodeEan13(rects: Rect[], minHeight: number): string {
  const bars = rects.filter((r) => r.height >= minHeight).sort((a, b) => a.x - b.x);
  if (bars.length !== 30) throw new Error(`an EAN-13 has 30 bars, found ${bars.length}`);
  const module = Math.min(...bars.map((b) => b.width));
  const widths: number[] = [];
  bars.forEach((bar, i) => {
    widths.push(bar.width);
    const next = bars[i + 1];
    if (next) widths.push(next.x - (bar.x + bar.width));
  });
  const modules = widths.map((w) => Math.round(w / module));
  if (modules.reduce((a, b) => a + b, 0) !== 95) throw new Error(`bars and spaces add up to ${modules.reduce((a, b) => a + b, 0)} modules, not 95`);
  // Bits: bars are 1, spaces 0.
  const bits = modules.map((m, i) => (i % 2 === 0 ? '1' : '0').repeat(m)).join('');
  if (bits.slice(0, 3) !== '101' || bits.slice(45, 50) !== '01010' || bits.slice(92) !== '101') throw new Error('guard patterns not found');
  let parity = '';
  let digits = '';
  for (let i = 0; i < 6; i++) {
    const chunk = bits.slice(3 + 7 * i, 10 + 7 * i);
    const l = L.indexOf(chunk);
    const g = G.indexOf(chunk);
    if (l < 0 && g < 0) throw new Error(`left digit ${i + 1} unreadable: ${chunk}`);
    parity += l >= 0 ? 'L' : 'G';
    digits += String(l >= 0 ? l : g);
  }
  for (let i = 0; i < 6; i++) {
    const chunk = bits.slice(50 + 7 * i, 57 + 7 * i);
    const r = R.indexOf(chunk);
    if (r < 0) throw new Error(`right digit ${i + 1} unreadable: ${chunk}`);
    digits += String(r);
  }
  const first = FIRST.indexOf(parity);
  if (first < 0) throw new Error(`parity pattern ${parity} is not EAN-13`);
  const all = `${first}${digits}`;
  const sum = [...all.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  if ((10 - (sum % 10)) % 10 !== Number(all[12])) throw new Error(`check digit of ${all} is wrong`);
  return all;
}
