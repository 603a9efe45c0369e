/**
 * Document definition → PDF bytes through pdfmake's Printer, with a private virtual file system,
 * no URL access, and local reads limited to the configured font files.
 */
import type { FontConfig, FontFace } from '../../fonts/config.js';
import type { PageGeometry } from './geometry.js';
import { FONT_KEYS } from './design.js';
import { fallbackDescriptors, fallbackFiles, fontsOf, type PdfFonts } from './fonts.js';
import { createPrinter, type Content, type DocDefinition, type FontDescriptor, type PdfKitDocument } from './pdfmake.js';
import { destinationsFollowTransform, outlineToTrimTopLeft, type PdfKitDestinationHost } from './destinations.js';
import { applyPrintBoxes, type PdfKitPageHost, type PrintBoxOptions } from './print-boxes.js';

function faceSource(face: FontFace): string | [string, string] {
  return face.postscriptName ? [face.path, face.postscriptName] : face.path;
}

function fontDescriptors(fonts: FontConfig): Record<string, FontDescriptor> {
  return {
    [FONT_KEYS.body]: { normal: faceSource(fonts.body.normal), bold: faceSource(fonts.body.bold) },
    [FONT_KEYS.heading]: { normal: faceSource(fonts.heading.normal), bold: faceSource(fonts.heading.bold) },
    ...fallbackDescriptors(fonts),
  };
}

function fontFiles(fonts: FontConfig): Set<string> {
  return new Set([
    ...[fonts.body.normal, fonts.body.bold, fonts.heading.normal, fonts.heading.bold].map((f) => f.path),
    ...fallbackFiles(fonts),
  ]);
}

/**
 * pdfmake takes one set of page margins, so everything is laid out in recto geometry and each
 * verso is moved by (outer − inner) as it is drawn: pdfkit's `pageAdded` fires before any
 * content of the page, and a translation there carries text, rules and link rectangles alike.
 * The pdfkit document only exists inside createPdfKitDocument; the background callback is
 * the first thing pdfmake calls after creating it, so that is where the hook goes in. The
 * same listener counts the pages, and sets the print boxes and crop marks first, so they are
 * drawn in the page's own coordinates, not the verso's shifted ones.
 */
function mirrorVersos(
  doc: Omit<DocDefinition, 'content'>,
  geometry: PageGeometry,
  document: () => PdfKitDocument | undefined,
  afterLayout: () => void,
  boxes: PrintBoxOptions,
): { doc: Omit<DocDefinition, 'content'>; pages: () => number } {
  const shift = geometry.outer - geometry.inner;
  const spot = { spotAdded: false };
  let installed = false;
  let page = 0;
  const background = (): null => {
    const pdf = document();
    if (!installed && pdf) {
      installed = true;
      destinationsFollowTransform(pdf as unknown as PdfKitDestinationHost);
      pdf.on('pageAdded', () => {
        page++;
        // pdfmake adds pdfkit pages only when it renders, so the first page is the moment
        // layout is complete and nothing has been drawn yet.
        if (page === 1) afterLayout();
        // The PdfKitDocument type lists only what pdfmake's side needs; the page hooks are pdfkit's own.
        applyPrintBoxes(pdf as unknown as PdfKitPageHost, boxes, spot);
        if (page % 2 === 0 && shift !== 0) pdf.translate(shift, 0);
      });
    }
    return null;
  };
  return { doc: { ...doc, background }, pages: () => page };
}

/**
 * pdfmake reads `content` only after it has created its pdfkit document, so the content can
 * be composed there, with the font objects that document will render with.
 */
function composeLazily(
  doc: Omit<DocDefinition, 'content'>,
  compose: (fonts: PdfFonts) => Content[],
  document: () => PdfFontDocument | undefined,
): DocDefinition {
  let content: Content[] | undefined;
  const lazy = { ...doc } as DocDefinition;
  Object.defineProperty(lazy, 'content', {
    enumerable: true,
    get(): Content[] {
      const pdf = document();
      if (!pdf) throw new Error('internal: pdfmake read the content before creating its document');
      content ??= compose(fontsOf(pdf));
      return content;
    },
  });
  return lazy;
}

type PdfFontDocument = PdfKitDocument & Parameters<typeof fontsOf>[0];

/** The pdfkit internals the metadata swap touches (pdfkit 0.19; see metadata.ts for why). */
interface PdfKitMetadataInternals {
  version: number;
  endMetadata?: () => void;
  ref(data: Record<string, unknown>): { compress: boolean; write(chunk: Buffer): void; end(): void };
  _root: { data: Record<string, unknown> };
}

/**
 * Replaces pdfkit's metadata step (run inside `end()`, after the Info dictionary is written)
 * with one that writes our own XMP packet, uncompressed as XMP wants, as the catalog's
 * /Metadata stream. If pdfkit stops having that step, fail rather than ship its unescaped XMP.
 */
function useXmp(pdf: PdfKitDocument, packet: string): void {
  const internals = pdf as unknown as PdfKitMetadataInternals;
  if (typeof internals.endMetadata !== 'function' || typeof internals.ref !== 'function') {
    throw new Error('internal: pdfkit has no endMetadata step to replace; check the XMP writer against this pdfkit');
  }
  internals.endMetadata = function endMetadata(this: PdfKitMetadataInternals): void {
    const stream = this.ref({ Type: 'Metadata', Subtype: 'XML' });
    stream.compress = false;
    stream.write(Buffer.from(packet, 'utf8'));
    stream.end();
    this._root.data.Metadata = stream;
  };
}

function collect(pdf: PdfKitDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
    pdf.end();
  });
}

export interface Rendered {
  bytes: Uint8Array;
  pageCount: number;
}

export interface RenderPlan {
  doc: Omit<DocDefinition, 'content'>;
  content(fonts: PdfFonts): Content[];
  /** Runs once layout is complete, before anything is drawn. */
  afterLayout(): void;
}

export async function renderPdf(
  plan: RenderPlan,
  fonts: FontConfig,
  geometry: PageGeometry,
  xmp: string,
  boxes: PrintBoxOptions,
): Promise<Rendered> {
  const printer = createPrinter(fontDescriptors(fonts), fontFiles(fonts));
  const mirrored = mirrorVersos(plan.doc, geometry, () => printer.pdfKitDoc, () => plan.afterLayout(), boxes);
  // Last: copying the definition after this would run the getter too early.
  const doc = composeLazily(mirrored.doc, (f) => plan.content(f), () => printer.pdfKitDoc as PdfFontDocument | undefined);
  const pdf = await printer.createPdfKitDocument(doc);
  useXmp(pdf, xmp);
  outlineToTrimTopLeft(pdf as unknown as PdfKitDestinationHost, geometry.height);
  const bytes = await collect(pdf);
  return { bytes, pageCount: mirrored.pages() };
}
