/**
 * Ink: the colours a print renderer may paint with. A book block prints in black ink alone,
 * so every glyph and rule is DeviceCMYK 0/0/0/K (pdfkit takes CMYK as four percentages and
 * writes `/DeviceCMYK cs 0 0 0 1 scn`); greys are K tints, never four-colour greys, and never
 * RGB, which the RIP would separate into fuzzy four-colour black.
 *
 * A renderer asks the ink for every fill and stroke colour it sets; the screen PDF uses no
 * ink and keeps its RGB.
 */

/** C, M, Y, K in percent, as pdfkit's fillColor/strokeColor take CMYK. */
export type Cmyk = [number, number, number, number];

export const BLACK: Cmyk = [0, 0, 0, 100];
/** No ink: the paper. On a cover it knocks out what is under it (reversed type, quiet zones). */
export const PAPER: Cmyk = [0, 0, 0, 0];

/** A K tint, e.g. 40 % black for a light rule. */
export function tint(percent: number): Cmyk {
  return [0, 0, 0, Math.min(100, Math.max(0, Math.round(percent * 10) / 10))];
}

const NAMED: Record<string, number> = { black: 0, white: 1, gray: 128 / 255, grey: 128 / 255, silver: 192 / 255 };

/**
 * A screen colour (#rgb, #rrggbb or a grey name) as the K tint of the same lightness, for
 * text and rules that a design gave as greys. Luminance per ITU-R BT.709 on the sRGB values;
 * a colourful input also becomes grey: the book block has one ink.
 */
export function kFor(colour: string): Cmyk {
  const named = NAMED[colour.toLowerCase()];
  if (named !== undefined) return tint((1 - named) * 100);
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return BLACK;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  const light = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return tint((1 - light) * 100);
}
