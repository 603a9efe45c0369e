/**
 * The slice of pdfkit 0.19 the PDF writer draws with, typed by hand after pdfkit's documented
 * API (pdfkit ships no declarations). `page.dictionary.data` is where a page's boxes go.
 */
declare module 'pdfkit' {
  interface PDFOutlineItem {
    addItem(title: string, options?: { expanded?: boolean; fit?: boolean; left?: number; top?: number; zoom?: number }): PDFOutlineItem;
  }
  interface TextOptions {
    lineBreak?: boolean;
    characterSpacing?: number;
    features?: string[];
    baseline?: 'alphabetic' | 'top' | number;
    /** Both true: text rendering mode 2 (fill, then stroke), for synthetic bold. */
    fill?: boolean;
    stroke?: boolean;
  }
  class PDFDocument {
    constructor(options?: Record<string, unknown>);
    info: Record<string, string | Date>;
    page: { width: number; height: number; dictionary: { data: Record<string, unknown> } };
    outline: PDFOutlineItem;
    addPage(options?: Record<string, unknown>): this;
    registerFont(name: string, src: string, family?: string): this;
    font(name: string, family?: string): this;
    widthOfString(text: string, options?: { features?: string[] }): number;
    fontSize(size: number): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    fillColor(color: string | number[]): this;
    strokeColor(color: string | number[]): this;
    lineWidth(width: number): this;
    lineCap(cap: 'butt' | 'round' | 'square'): this;
    dash(length: number | number[], options?: { space?: number }): this;
    lineJoin(join: 'miter' | 'round' | 'bevel'): this;
    miterLimit(limit: number): this;
    path(d: string): this;
    fill(color?: string | number[], rule?: 'non-zero' | 'even-odd'): this;
    fillAndStroke(fill?: string | number[], stroke?: string | number[], rule?: 'non-zero' | 'even-odd'): this;
    clip(rule?: 'non-zero' | 'even-odd'): this;
    transform(a: number, b: number, c: number, d: number, e: number, f: number): this;
    fillOpacity(opacity: number): this;
    markContent(tag: string): this;
    endMarkedContent(): this;
    strokeOpacity(opacity: number): this;
    undash(): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    save(): this;
    restore(): this;
    image(src: Buffer | string, x: number, y: number, options?: { width?: number; height?: number }): this;
    link(x: number, y: number, w: number, h: number, url: string): this;
    goTo(x: number, y: number, w: number, h: number, name: string): this;
    addNamedDestination(name: string, fit: 'XYZ', x: number, y: number, zoom: number | null): void;
    addSpotColor(name: string, c: number, m: number, y: number, k: number): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    end(): void;
  }
  export default PDFDocument;
}
