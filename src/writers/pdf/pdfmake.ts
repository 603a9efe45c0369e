/**
 * The slice of pdfmake 0.3 this writer uses, typed by hand: pdfmake ships no declarations that
 * resolve under NodeNext, and its CommonJS build puts each class on `.default`, which Node's ESM
 * interop and vitest disagree about. Loading through `createRequire` gives one answer everywhere.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type Alignment = 'left' | 'center' | 'right' | 'justify';
export type Margin = number | [number, number] | [number, number, number, number];
export type PageBreak = 'before' | 'after' | 'beforeEven' | 'beforeOdd';

/** One inline run inside a `text` array. */
export interface TextRun {
  text: string | Array<string | TextRun>;
  font?: string;
  bold?: boolean;
  fontSize?: number;
  lineHeight?: number;
  sup?: boolean;
  link?: string;
  characterSpacing?: number;
  color?: string;
  noWrap?: boolean;
  id?: string;
  pageReference?: string;
  linkToDestination?: string;
  /** OpenType features for this run (pdfkit `features`). */
  fontFeatures?: string[];
}

/** A block node of a pdfmake document definition (only the properties used here). */
export interface Node {
  text?: string | Array<string | TextRun>;
  stack?: Content[];
  columns?: Array<Node & { width?: number | string }>;
  table?: { widths: Array<number | string>; body: Content[][]; dontBreakRows?: boolean; headerRows?: number };
  /** An image: a data: URL. */
  image?: string;
  height?: number;
  layout?: string;
  canvas?: CanvasLine[];
  ul?: Content[];
  ol?: Content[];
  start?: number;
  width?: number | string;
  columnGap?: number;
  id?: string;
  pageReference?: string;
  outline?: boolean;
  outlineText?: string;
  outlineParentId?: string;
  outlineExpanded?: boolean;
  font?: string;
  bold?: boolean;
  fontSize?: number;
  lineHeight?: number;
  alignment?: Alignment;
  leadingIndent?: number;
  characterSpacing?: number;
  margin?: Margin;
  pageBreak?: PageBreak;
  unbreakable?: boolean;
  absolutePosition?: { x: number; y: number };
  preserveLeadingSpaces?: boolean;
  noWrap?: boolean;
  /** Filled in by pdfmake's layout: where each line of the node landed (1-based pages). */
  positions?: Array<{ pageNumber: number }>;
}

export interface CanvasLine {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  lineColor?: string;
  dash?: { length: number; space: number };
  lineCap?: 'butt' | 'round' | 'square';
}

export type Content = Node | string;

export type DynamicContent = (currentPage: number, pageCount: number) => Content | null;

export interface FontDescriptor {
  normal: string | [string, string];
  bold: string | [string, string];
}

export interface DocDefinition {
  content: Content[];
  pageSize: { width: number; height: number };
  pageMargins: [number, number, number, number];
  defaultStyle: Node;
  info: Record<string, string | Date>;
  language: string;
  version: '1.3' | '1.4' | '1.5' | '1.6' | '1.7';
  compress: boolean;
  header?: DynamicContent;
  footer?: DynamicContent;
  background?: (currentPage: number) => Content | null;
}

/** The pdfkit document pdfmake renders into; only what the margin mirroring needs. */
export interface PdfKitDocument {
  on(event: 'pageAdded' | 'end', listener: () => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  translate(x: number, y: number): void;
  end(): void;
}

export interface VirtualFs {
  existsSync(file: string): boolean;
}

export interface PrinterInstance {
  createPdfKitDocument(doc: DocDefinition, options?: Record<string, unknown>): Promise<PdfKitDocument>;
  /** Set synchronously inside createPdfKitDocument, before layout starts. */
  pdfKitDoc?: PdfKitDocument;
}

interface UrlResolverInstance {
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
}

type PrinterClass = new (
  fonts: Record<string, FontDescriptor>,
  virtualfs: VirtualFs,
  urlResolver: UrlResolverInstance,
  localAccessPolicy: (path: string) => boolean,
) => PrinterInstance;

const Printer = (require('pdfmake/js/Printer.js') as { default: PrinterClass }).default;
const URLResolver = (require('pdfmake/js/URLResolver.js') as {
  default: new (fs: VirtualFs) => UrlResolverInstance;
}).default;
// The module exports one shared instance; its constructor gives each render a private store.
const sharedVfs = (require('pdfmake/js/virtual-fs.js') as { default: VirtualFs }).default;
const VirtualFsClass = sharedVfs.constructor as new () => VirtualFs;

export const PDFMAKE_VERSION = (require('pdfmake/package.json') as { version: string }).version;

/**
 * A printer that may read exactly the given font files and nothing else, and fetch no URLs.
 */
export function createPrinter(fonts: Record<string, FontDescriptor>, allowedFiles: ReadonlySet<string>): PrinterInstance {
  const vfs = new VirtualFsClass();
  const resolver = new URLResolver(vfs);
  resolver.setUrlAccessPolicy(() => false);
  return new Printer(fonts, vfs, resolver, (file) => allowedFiles.has(file));
}
