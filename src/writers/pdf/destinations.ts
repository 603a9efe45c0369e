/**
 * Destinations that land where their text is drawn.
 *
 * pdfkit turns a named destination's position into PDF space with the page height alone,
 * ignoring the current transformation; link rectangles, by contrast, go through it. Versos are
 * drawn shifted (render.ts), so their destinations would point `outer − inner` points left of
 * their text. And pdfkit's outline entries point at the page's upper *right* corner (it uses
 * the MediaBox width as `left`), which scrolls a zoomed viewer off the text. Both are put right
 * here, with the pdfkit internals below (pdfkit 0.19).
 */

type Matrix = [number, number, number, number, number, number];

export interface PdfKitDestinationHost {
  _ctm: Matrix;
  page: { height: number };
  addNamedDestination(name: string, ...args: Array<string | number | null>): void;
  outline: OutlineNode;
}

interface OutlineNode {
  outlineData: { Dest?: unknown[] };
  children: OutlineNode[];
}

/**
 * Makes `addNamedDestination(name, 'XYZ', x, y, zoom)` apply the current transformation, as
 * pdfkit's own annotations do. pdfkit then maps y from top-down to PDF space itself, so the
 * transformed point is handed back in top-down terms.
 */
export function destinationsFollowTransform(pdf: PdfKitDestinationHost): void {
  const original = pdf.addNamedDestination.bind(pdf);
  pdf.addNamedDestination = (name: string, ...args: Array<string | number | null>): void => {
    const [fit, x, y, zoom] = args;
    if (fit !== 'XYZ' || typeof x !== 'number' || typeof y !== 'number') {
      original(name, ...args);
      return;
    }
    const [a, b, c, d, e, f] = pdf._ctm;
    const pdfX = a * x + c * y + e;
    const pdfY = b * x + d * y + f;
    original(name, 'XYZ', pdfX, pdf.page.height - pdfY, zoom ?? null);
  };
}

/** Every outline entry points at the upper left corner of the trimmed page it names. */
export function outlineToTrimTopLeft(pdf: PdfKitDestinationHost, trimHeight: number): void {
  const walk = (node: OutlineNode): void => {
    const dest = node.outlineData.Dest;
    if (dest && dest[1] === 'XYZ') node.outlineData.Dest = [dest[0], 'XYZ', 0, trimHeight, 0];
    node.children.forEach(walk);
  };
  walk(pdf.outline);
}
