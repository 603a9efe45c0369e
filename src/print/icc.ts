/**
 * The CMYK output profile embedded as the PDF/X output intent's DestOutputProfile.
 *
 * No CMYK *output* profile on npm has a licence that lets us redistribute it, but pdfjs-dist
 * (already a dependency) ships `iccs/CGATS001Compat-v2-micro.icc`, released under CC0 (see
 * node_modules/pdfjs-dist/iccs/LICENSE): a compact ICC v2 profile of the CGATS TR 001
 * characterization (SWOP coated), built as an input (`scnr`) profile with only the CMYK → Lab
 * table. PDF/X wants an output (`prtr`) profile, which must also map Lab → CMYK. So we build
 * one, deterministically (`npm run make:icc` writes templates/print/hanpress-cmyk.icc; a test
 * rebuilds it and compares the bytes):
 *
 *   - header: ICC v2.1, class prtr, data space CMYK, PCS Lab, D50;
 *   - A2B0/A2B1/A2B2: the CC0 profile's CMYK → Lab table, unchanged;
 *   - B2A0/B2A1/B2A2: Lab → CMYK, a 17³ table computed here by inverting that table with a
 *     light grey-component replacement (K from lightness and neutrality, then C, M, Y solved by
 *     damped Gauss–Newton, total ink ≤ 300 %);
 *   - gamt (all in gamut), wtpt from the source, desc and cprt saying what this is.
 *
 * For K-only text and rules (the whole book block) the profile only has to exist and be
 * valid: DeviceCMYK 0/0/0/100 in a file whose output intent is the press's CMYK goes to the
 * black plate untouched. A printing house with its own condition (FOGRA39, Japan Color 2001
 * Coated) can name its profile in book.yaml (`print.outputIntent`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Lut16 {
  inputs: number;
  outputs: number;
  grid: number;
  /** Per input channel: curve samples 0..1. */
  inputCurves: number[][];
  /** grid^inputs × outputs samples 0..1, first input varying slowest. */
  clut: Float64Array;
  outputCurves: number[][];
}

function readLut16(bytes: Uint8Array, offset: number): Lut16 {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  if (String.fromCharCode(...bytes.subarray(offset, offset + 4)) !== 'mft2') throw new Error('internal: A2B0 is not a lut16Type');
  const inputs = view.getUint8(8);
  const outputs = view.getUint8(9);
  const grid = view.getUint8(10);
  const inEntries = view.getUint16(48);
  const outEntries = view.getUint16(50);
  let p = 52;
  const read = (n: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++, p += 2) out.push(view.getUint16(p) / 65535);
    return out;
  };
  const inputCurves = Array.from({ length: inputs }, () => read(inEntries));
  const clut = Float64Array.from(read(grid ** inputs * outputs));
  const outputCurves = Array.from({ length: outputs }, () => read(outEntries));
  return { inputs, outputs, grid, inputCurves, clut, outputCurves };
}

function curve(table: number[], x: number): number {
  const last = table.length - 1;
  const pos = Math.min(Math.max(x, 0), 1) * last;
  const i = Math.min(Math.floor(pos), last - 1);
  const f = pos - i;
  return (table[i] ?? 0) * (1 - f) + (table[i + 1] ?? 0) * f;
}

/** Multilinear interpolation in the CLUT. */
function interpolate(lut: Lut16, input: number[]): number[] {
  const g = lut.grid - 1;
  const base: number[] = [];
  const frac: number[] = [];
  for (const x of input) {
    const pos = Math.min(Math.max(x, 0), 1) * g;
    const i = Math.min(Math.floor(pos), g - 1);
    base.push(i);
    frac.push(pos - i);
  }
  const out = new Array<number>(lut.outputs).fill(0);
  const corners = 1 << lut.inputs;
  for (let c = 0; c < corners; c++) {
    let weight = 1;
    let index = 0;
    for (let d = 0; d < lut.inputs; d++) {
      const bit = (c >> (lut.inputs - 1 - d)) & 1;
      weight *= bit ? (frac[d] ?? 0) : 1 - (frac[d] ?? 0);
      index = index * lut.grid + (base[d] ?? 0) + bit;
    }
    if (weight === 0) continue;
    for (let o = 0; o < lut.outputs; o++) out[o] = (out[o] ?? 0) + weight * (lut.clut[index * lut.outputs + o] ?? 0);
  }
  return out;
}

function evaluate(lut: Lut16, input: number[]): number[] {
  const curved = input.map((x, i) => curve(lut.inputCurves[i] ?? [0, 1], x));
  return interpolate(lut, curved).map((y, i) => curve(lut.outputCurves[i] ?? [0, 1], y));
}

/** lut16 Lab encoding (ICC v2): L 0..100 ↔ 0..0xFF00; a, b −128..127.996 ↔ 0..0xFFFF. */
function decodeLab(v: number[]): [number, number, number] {
  return [((v[0] ?? 0) * 65535) / 652.8, ((v[1] ?? 0) * 65535) / 256 - 128, ((v[2] ?? 0) * 65535) / 256 - 128];
}

type Cmyk = [number, number, number, number];

const MAX_INK = 3;

function deltaE(x: number[], y: number[]): number {
  return Math.hypot((x[0] ?? 0) - (y[0] ?? 0), (x[1] ?? 0) - (y[1] ?? 0), (x[2] ?? 0) - (y[2] ?? 0));
}

function clamp01(x: number): number {
  return Math.min(Math.max(x, 0), 1);
}

type Vec3 = [number, number, number];

function det3(a: Vec3, b: Vec3, c: Vec3): number {
  // Columns a, b, c.
  return a[0] * (b[1] * c[2] - b[2] * c[1]) - b[0] * (a[1] * c[2] - a[2] * c[1]) + c[0] * (a[1] * b[2] - a[2] * b[1]);
}

/** Solves [a b c]·d = r (a, b, c the Jacobian's columns) by Cramer's rule; null when singular. */
function solve3(a: Vec3, b: Vec3, c: Vec3, r: Vec3): Vec3 | null {
  const d = det3(a, b, c);
  if (Math.abs(d) < 1e-9) return null;
  return [det3(r, b, c) / d, det3(a, r, c) / d, det3(a, b, r) / d];
}

/** CMY for a fixed K that come closest to the target Lab. */
function solveCmy(lab: (cmyk: Cmyk) => number[], target: number[], k: number): { cmyk: Cmyk; error: number } {
  let cmy = [0.3, 0.3, 0.3];
  const at = (v: number[]): Cmyk => [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, k];
  let current = lab(at(cmy));
  for (let iteration = 0; iteration < 20; iteration++) {
    const residual = [0, 1, 2].map((i) => (target[i] ?? 0) - (current[i] ?? 0));
    if (Math.hypot(...residual) < 0.05) break;
    const h = 1e-3;
    const column = (c: number): Vec3 => {
      const moved = [...cmy];
      moved[c] = (moved[c] ?? 0) + h;
      const shifted = lab(at(moved));
      return [0, 1, 2].map((i) => ((shifted[i] ?? 0) - (current[i] ?? 0)) / h) as Vec3;
    };
    const step = solve3(column(0), column(1), column(2), residual as Vec3);
    if (!step) break;
    let next = cmy.map((v, i) => clamp01(v + 0.7 * (step[i] ?? 0)));
    const ink = next.reduce((a, b) => a + b, 0) + k;
    if (ink > MAX_INK) next = next.map((v) => v * Math.max(0, (MAX_INK - k) / (ink - k)));
    const nextLab = lab(at(next));
    if (deltaE(nextLab, target) >= deltaE(current, target) && iteration > 3) break;
    cmy = next;
    current = nextLab;
  }
  return { cmyk: at(cmy), error: deltaE(current, target) };
}

/** Black generation: none for light or colourful tones, rising for dark neutrals. */
function blackFor(l: number, a: number, b: number): number {
  const darkness = clamp01(1 - l / 100);
  const neutral = clamp01(1 - Math.hypot(a, b) / 60);
  return clamp01((darkness - 0.25) / 0.75) ** 1.4 * (0.35 + 0.65 * neutral);
}

function invert(a2b: Lut16, grid: number): Uint16Array {
  const lab = (cmyk: Cmyk): number[] => decodeLab(evaluate(a2b, cmyk));
  const out = new Uint16Array(grid ** 3 * 4);
  let n = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      for (let k = 0; k < grid; k++) {
        const target = decodeLab([i / (grid - 1), j / (grid - 1), k / (grid - 1)]);
        target[0] = Math.min(target[0], 100);
        let best = solveCmy(lab, target, blackFor(...target));
        // A tone darker than CMY can reach at that K gets more black.
        for (let extra = 0.15; best.error > 2 && extra <= 1; extra += 0.15) {
          const tryK = Math.min(1, blackFor(...target) + extra);
          const attempt = solveCmy(lab, target, tryK);
          if (attempt.error < best.error - 0.5) best = attempt;
        }
        for (const v of best.cmyk) out[n++] = Math.round(clamp01(v) * 65535);
      }
    }
  }
  return out;
}

class Writer {
  private readonly chunks: number[] = [];

  get length(): number {
    return this.chunks.length;
  }

  ascii(text: string): this {
    for (const ch of text) this.chunks.push(ch.charCodeAt(0) & 0xff);
    return this;
  }

  u8(n: number): this {
    this.chunks.push(n & 0xff);
    return this;
  }

  u16(n: number): this {
    return this.u8(n >> 8).u8(n);
  }

  u32(n: number): this {
    return this.u16(n >>> 16).u16(n & 0xffff);
  }

  bytes(data: Uint8Array | number[]): this {
    for (const b of data) this.chunks.push(b);
    return this;
  }

  pad(): this {
    while (this.chunks.length % 4 !== 0) this.chunks.push(0);
    return this;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const IDENTITY_MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x10000];

/** lut16Type with identity matrix and curves (2 entries each), around the given CLUT. */
function lut16(inputs: number, outputs: number, grid: number, clut: ArrayLike<number>): Uint8Array {
  const w = new Writer().ascii('mft2').u32(0).u8(inputs).u8(outputs).u8(grid).u8(0);
  for (const m of IDENTITY_MATRIX) w.u32(m);
  w.u16(2).u16(2);
  for (let i = 0; i < inputs; i++) w.u16(0).u16(0xffff);
  for (let i = 0; i < clut.length; i++) w.u16(clut[i] ?? 0);
  for (let i = 0; i < outputs; i++) w.u16(0).u16(0xffff);
  return w.done();
}

function textDescription(text: string): Uint8Array {
  const w = new Writer().ascii('desc').u32(0).u32(text.length + 1).ascii(text).u8(0);
  w.u32(0).u32(0); // no Unicode description
  w.u16(0).u8(0).bytes(new Array<number>(67).fill(0)); // no ScriptCode description
  return w.done();
}

function textType(text: string): Uint8Array {
  return new Writer().ascii('text').u32(0).ascii(text).u8(0).done();
}

export const PROFILE_DESCRIPTION = 'hanpress CMYK output (CGATS TR 001 characterization, from a CC0 profile)';
export const PROFILE_SOURCE = 'pdfjs-dist/iccs/CGATS001Compat-v2-micro.icc';
const COPYRIGHT = 'CC0 1.0: no rights reserved. A2B tables from CGATS001Compat-v2-micro (CC0); B2A tables computed by hanpress.';
const B2A_GRID = 17;

function tagTable(bytes: Uint8Array): Map<string, { offset: number; size: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const tags = new Map<string, { offset: number; size: number }>();
  const count = view.getUint32(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + 12 * i;
    tags.set(String.fromCharCode(...bytes.subarray(at, at + 4)), { offset: view.getUint32(at + 4), size: view.getUint32(at + 8) });
  }
  return tags;
}

/** Builds the profile from the CC0 source (about 2 s: the inversion is a search per grid node). */
export function buildProfile(): Uint8Array {
  const source = new Uint8Array(readFileSync(require.resolve(PROFILE_SOURCE)));
  const tags = tagTable(source);
  const a2bTag = tags.get('A2B0');
  const wtptTag = tags.get('wtpt');
  if (!a2bTag || !wtptTag) throw new Error(`internal: ${PROFILE_SOURCE} has no A2B0 or wtpt tag`);
  const a2bBytes = source.subarray(a2bTag.offset, a2bTag.offset + a2bTag.size);
  const b2a = lut16(3, 4, B2A_GRID, invert(readLut16(source, a2bTag.offset), B2A_GRID));
  const gamut = lut16(3, 1, 2, new Array<number>(8).fill(0));
  const data: Array<[string[], Uint8Array]> = [
    [['desc'], textDescription(PROFILE_DESCRIPTION)],
    [['cprt'], textType(COPYRIGHT)],
    [['wtpt'], source.subarray(wtptTag.offset, wtptTag.offset + wtptTag.size)],
    [['A2B0', 'A2B1', 'A2B2'], a2bBytes],
    [['B2A0', 'B2A1', 'B2A2'], b2a],
    [['gamt'], gamut],
  ];
  const tagCount = data.reduce((n, [sigs]) => n + sigs.length, 0);
  let offset = 128 + 4 + 12 * tagCount;
  const table: Array<[string, number, number]> = [];
  for (const [sigs, bytes] of data) {
    for (const sig of sigs) table.push([sig, offset, bytes.length]);
    offset += bytes.length + ((4 - (bytes.length % 4)) % 4);
  }
  const size = offset;
  const w = new Writer();
  w.u32(size).ascii('\0\0\0\0').u32(0x02100000).ascii('prtrCMYKLab ');
  w.u16(2026).u16(12).u16(1).u16(0).u16(0).u16(0); // fixed date: the build must be reproducible
  w.ascii('acsp').u32(0).u32(0).u32(0).u32(0).u32(0).u32(0); // platform, flags, maker, model, attributes
  w.u32(0); // perceptual intent
  w.u32(0x0000f6d6).u32(0x00010000).u32(0x0000d32d); // D50
  w.ascii('hnps').bytes(new Array<number>(16 + 28).fill(0));
  w.u32(tagCount);
  for (const [sig, at, length] of table) w.ascii(sig).u32(at).u32(length);
  for (const [, bytes] of data) w.bytes(bytes).pad();
  const out = w.done();
  if (out.length !== size) throw new Error('internal: ICC profile size mismatch');
  return out;
}

export const PROFILE_FILE = new URL('../../templates/print/hanpress-cmyk.icc', import.meta.url);

let cached: Uint8Array | undefined;

/** The profile's bytes, as built by buildProfile and kept in templates/print. */
export function cmykOutputProfile(): Uint8Array {
  cached ??= new Uint8Array(readFileSync(PROFILE_FILE));
  return cached;
}

/** CMYK (0..1) → Lab through the profile's A2B0: for tests and the docs' figures. */
export function profileLab(profile: Uint8Array, cmyk: Cmyk, tag = 'A2B0'): [number, number, number] {
  const entry = tagTable(profile).get(tag);
  if (!entry) throw new Error(`no ${tag}`);
  return decodeLab(evaluate(readLut16(profile, entry.offset), cmyk));
}

/** Lab → CMYK (0..1) through the profile's B2A0. */
export function profileCmyk(profile: Uint8Array, lab: [number, number, number]): number[] {
  const entry = tagTable(profile).get('B2A0');
  if (!entry) throw new Error('no B2A0');
  const encoded = [(lab[0] * 652.8) / 65535, ((lab[1] + 128) * 256) / 65535, ((lab[2] + 128) * 256) / 65535];
  return evaluate(readLut16(profile, entry.offset), encoded);
}
