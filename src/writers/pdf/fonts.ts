/**
 * The font objects pdfmake renders with, handed to the composer for measuring. pdfmake opens
 * each face once per document (PDFDocument.provideFont caches pdfkit's font object); measuring
 * through that same object means a composed line is exactly as wide as the line pdfmake draws
 * (measuring with fontkit on its own drifted by up to 2 pt in the prototype).
 */

/** The part of a pdfkit font object the composer uses. */
export interface PdfKitFont {
  widthOfString(text: string, size: number, features?: string[]): number;
}

export interface PdfFonts {
  font(key: string, bold: boolean): PdfKitFont;
}

/** pdfmake's document: `provideFont` returns (and caches) the object its renderer uses. */
export interface FontProvidingDocument {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
}

export function fontsOf(doc: FontProvidingDocument): PdfFonts {
  return { font: (key, bold) => doc.provideFont(key, bold, false) };
}
