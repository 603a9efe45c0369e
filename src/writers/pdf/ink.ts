/**
 * The print book block's colours in pdfmake terms (`hanpress build --print`): text, rules and
 * table lines painted in K-only ink (src/print/ink.ts) instead of pdfmake's RGB 'black', and
 * figures turned to greyscale. A pass over the finished document definition, so no section
 * of the writer needs to know about ink.
 */
import sharp from 'sharp';
import { BLACK, kFor, type Cmyk } from '../../print/ink.js';
import type { PdfImage, PdfImages } from './images.js';
import type { Content, DocDefinition, DynamicContent, Node } from './pdfmake.js';

type TableLayout = Record<string, (i: number, node: { table: { body: unknown[]; headerRows?: number; widths: unknown[] } }) => number | Cmyk>;

/** pdfmake's 'lightHorizontalLines' with its 'black' and '#aaa' lines as K and a K tint. */
const LIGHT_HORIZONTAL_LINES: TableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : i === node.table.headerRows ? 2 : 1),
  vLineWidth: () => 0,
  hLineColor: (i) => (i === 1 ? BLACK : kFor('#aaa')),
  paddingLeft: (i) => (i === 0 ? 0 : 8),
  paddingRight: (i, node) => (i === node.table.widths.length - 1 ? 0 : 8),
};

function inkNode(content: Content): Content {
  if (typeof content === 'string') return content;
  // pdfmake takes a layout object where its types (pdfmake.ts) only name the built-in strings.
  const node: Omit<Node, 'layout'> & { layout?: string | TableLayout } = { ...content };
  if (node.canvas) node.canvas = node.canvas.map((line) => ({ ...line, lineColor: BLACK as unknown as string }));
  if (node.layout === 'lightHorizontalLines') node.layout = LIGHT_HORIZONTAL_LINES;
  if (node.stack) node.stack = node.stack.map(inkNode);
  if (node.columns) node.columns = node.columns.map((c) => inkNode(c) as typeof c);
  if (node.ul) node.ul = node.ul.map(inkNode);
  if (node.ol) node.ol = node.ol.map(inkNode);
  if (node.table) node.table = { ...node.table, body: node.table.body.map((row) => row.map(inkNode)) };
  return node as Node;
}

function inkDynamic(make: DynamicContent | undefined): DynamicContent | undefined {
  if (!make) return undefined;
  return (page, count) => {
    const made = make(page, count);
    return made === null ? null : inkNode(made);
  };
}

/**
 * The document with K-only colours. pdfmake hands a colour through to pdfkit, which writes a
 * four-number colour as DeviceCMYK; the casts are there because pdfmake's own types (copied
 * in pdfmake.ts) name colours as strings only.
 */
export function inkDocument<T extends Omit<DocDefinition, 'content'>, F>(doc: T, content: (fonts: F) => Content[]): {
  doc: T;
  content: (fonts: F) => Content[];
} {
  const header = inkDynamic(doc.header);
  const footer = inkDynamic(doc.footer);
  return {
    doc: {
      ...doc,
      defaultStyle: { ...doc.defaultStyle, color: BLACK as unknown as string },
      ...(header ? { header } : {}),
      ...(footer ? { footer } : {}),
    },
    content: (fonts) => content(fonts).map(inkNode),
  };
}

/** Figures in greyscale (DeviceGray prints on the black plate), as high-quality JPEG. */
export async function inkImages(images: PdfImages): Promise<PdfImages> {
  const converted = new Map<string, PdfImage>();
  const byUrl = new Map<string, PdfImage>();
  for (const [key, image] of images) {
    let grey = byUrl.get(image.dataUrl);
    if (!grey) {
      const bytes = Buffer.from(image.dataUrl.slice(image.dataUrl.indexOf(',') + 1), 'base64');
      const jpeg = await sharp(bytes).flatten({ background: '#ffffff' }).grayscale().toColourspace('b-w').jpeg({ quality: 92 }).toBuffer();
      grey = { ...image, dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
      byUrl.set(image.dataUrl, grey);
    }
    converted.set(key, grey);
  }
  return converted;
}
