/**
 * The CJK line composer: paragraph text in styled runs → justified lines of segments, after
 * W3C clreq and GB/T 15834. Pure: the only outside knowledge is the injected `Measure`, which
 * the typesetting stage backs with fontkit faces (src/typeset/fonts.ts).
 */
import { breakLines } from './breaker.js';
import { justifyLine } from './justify.js';
import type { ComposedLine, ComposeOptions, Measure, StyledText } from './types.js';
import { buildUnits } from './units.js';

export type { ComposedLine, ComposeOptions, Measure, Segment, StyledText } from './types.js';
export { divisionOf, type Division, type Hyphenation } from './hyphenate.js';

export function composeParagraph<S>(
  runs: Array<StyledText<S>>,
  options: ComposeOptions<S>,
  measure: Measure<S>,
): Array<ComposedLine<S>> {
  return paragraphSetter(runs, measure)(options);
}

/** A paragraph broken into lines and not yet justified: how many lines its setting has, and the setting. */
export interface BrokenParagraph<S> {
  readonly lines: number;
  justify(): Array<ComposedLine<S>>;
}

/** paragraphSetter's setting, and its breaking alone (`broken(options).justify()` is the setting). */
export interface ParagraphSetter<S> {
  (options: ComposeOptions<S>): Array<ComposedLine<S>>;
  broken(options: ComposeOptions<S>): BrokenParagraph<S>;
}

/**
 * A paragraph's units built once, to be set again with other fills (widow control and the
 * 孤字 rule set one paragraph many times): only breaking and justifying are done again. Widow
 * control tries fills for a paragraph one line longer or shorter and most give another count:
 * `broken` tells the count from the breaking alone, without justifying the lines.
 */
export function paragraphSetter<S>(runs: Array<StyledText<S>>, measure: Measure<S>): ParagraphSetter<S> {
  const built = buildUnits(runs, measure);
  const broken = (options: ComposeOptions<S>): BrokenParagraph<S> => {
    // Breaking may divide a long word into two units: each setting gets its own view.
    const units = built.view();
    const hyphenation = options.hyphenation && { ...options.hyphenation, measure: options.measure };
    const base = options.tightBase;
    const tight = base === undefined ? undefined : { measure: options.measure, base };
    const ranges = breakLines(units, options.fill ?? options.measure, options.indent, measure, hyphenation, tight);
    return { lines: ranges.length, justify: () => ranges.map((range) => justifyLine(units, range, options.measure, measure, base)) };
  };
  return Object.assign((options: ComposeOptions<S>) => broken(options).justify(), { broken });
}

/** The text of a composed line, as a reader would copy it (for tests and diagnostics). */
export function lineText<S>(line: ComposedLine<S>): string {
  return line.segments.map((s) => s.text).join('');
}

/** The width a renderer gives a line: segments as measured, plus the indent. */
export function renderedWidth<S>(line: ComposedLine<S>, measure: Measure<S>): number {
  return line.segments.reduce(
    (w, s) => w + measure(s.text, s.style, s.halfWidth) + s.spacing * Math.max(0, s.text.length - 1),
    line.indent,
  );
}
