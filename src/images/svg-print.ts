/**
 * SVG figures for the print PDF: the sanitised SVG (what the EPUB embeds; nothing external)
 * converted to a VectorGraphic. What the conversion cannot draw is reported at the figure, so
 * an SVG never leaves the PDF, or loses parts, without a word.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readSanitisedSvg } from './svg.js';
import { svgToVector, type SvgConversion } from './svg-paths.js';
import { SvgTreeError } from './svg-tree.js';

export type SvgPrint = { kind: 'drawn'; conversion: SvgConversion } | { kind: 'failed'; reason: string };

export async function readSvgVector(real: string): Promise<SvgPrint> {
  const { svg, diagnostics } = await readSanitisedSvg(real, real);
  if (svg === undefined) return { kind: 'failed', reason: diagnostics[0]?.message ?? 'it cannot be read' };
  try {
    return { kind: 'drawn', conversion: svgToVector(svg) };
  } catch (error) {
    if (error instanceof SvgTreeError) return { kind: 'failed', reason: error.message };
    throw error;
  }
}

/** A warning for the image reference when the PDF cannot draw the SVG whole; none when it can. */
export async function svgPrintProblem(real: string, src: string): Promise<Omit<Diagnostic, 'file' | 'line' | 'column'> | undefined> {
  const result = await readSvgVector(real);
  if (result.kind === 'failed') {
    return diagnostic('image/svg-print', { message: `The SVG \`${src}\` cannot be drawn in the print PDF (${result.reason}); it is left out there.` });
  }
  const { skipped } = result.conversion;
  if (skipped.length === 0) return undefined;
  return diagnostic('image/svg-print', { message: `The SVG \`${src}\` uses ${skipped.join(', ')}, which the print PDF does not draw; the rest of the figure is printed.` });
}
