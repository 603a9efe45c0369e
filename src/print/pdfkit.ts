/**
 * The slice of pdfkit 0.19's public drawing API the cover uses, typed by hand (pdfkit ships
 * no declarations). Loaded through createRequire so Node's ESM interop and vitest give one
 * answer. (The page renderer, src/writers/pdf/render.ts, types its own slice in pdfkit.d.ts.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** CMYK as four percentages, or a spot colour's name. */
export type PdfKitColour = [number, number, number, number] | string;

export interface PdfKitTextOptions {
  width?: number;
  height?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  lineBreak?: boolean;
  lineGap?: number;
  characterSpacing?: number;
  features?: string[];
  baseline?: 'alphabetic' | 'top' | 'middle' | 'bottom' | 'hanging' | 'ideographic';
}

export interface PdfKitDoc {
  registerFont(name: string, src: string, family?: string): PdfKitDoc;
  font(name: string): PdfKitDoc;
  fontSize(size: number): PdfKitDoc;
  widthOfString(text: string, options?: PdfKitTextOptions): number;
  heightOfString(text: string, options?: PdfKitTextOptions): number;
  currentLineHeight(includeGap?: boolean): number;
  text(text: string, x: number, y: number, options?: PdfKitTextOptions): PdfKitDoc;
  fillColor(colour: PdfKitColour): PdfKitDoc;
  strokeColor(colour: PdfKitColour): PdfKitDoc;
  addSpotColor(name: string, c: number, m: number, y: number, k: number): PdfKitDoc;
  lineWidth(width: number): PdfKitDoc;
  lineCap(cap: 'butt' | 'round' | 'square'): PdfKitDoc;
  dash(length: number, options: { space: number }): PdfKitDoc;
  rect(x: number, y: number, w: number, h: number): PdfKitDoc;
  moveTo(x: number, y: number): PdfKitDoc;
  lineTo(x: number, y: number): PdfKitDoc;
  fill(colour?: PdfKitColour): PdfKitDoc;
  stroke(colour?: PdfKitColour): PdfKitDoc;
  save(): PdfKitDoc;
  restore(): PdfKitDoc;
  rotate(angle: number, options?: { origin?: [number, number] }): PdfKitDoc;
  translate(x: number, y: number): PdfKitDoc;
  clip(): PdfKitDoc;
  image(src: Buffer, x: number, y: number, options?: { width?: number; height?: number; cover?: [number, number]; align?: string; valign?: string }): PdfKitDoc;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  end(): void;
}

export interface PdfKitOptions {
  size: [number, number];
  margin: number;
  pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7';
  compress?: boolean;
  lang?: string;
  info: Record<string, string | Date>;
  /** pdfkit's font when none is set; never used for text here, every string names its face. */
  font?: string;
}

type PdfKitClass = new (options: PdfKitOptions) => PdfKitDoc;

const PDFDocument = require('pdfkit') as PdfKitClass;

export function createPdfKit(options: PdfKitOptions): PdfKitDoc {
  return new PDFDocument(options);
}

/** Ends the document and collects its bytes. */
export function pdfKitBytes(doc: Pick<PdfKitDoc, 'on' | 'end'>): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}
