/**
 * Colour spaces as a printer sees them: which plates a colour lands on. A PDF/X book block
 * may use DeviceGray, DeviceCMYK and separations; DeviceRGB (or any space that is RGB
 * underneath: CalRGB, a three-channel ICCBased, an Indexed or Separation over RGB) leaves the
 * conversion to the RIP, which is what PDF/X exists to prevent.
 */
import type { PDFContext } from 'pdf-lib';
import { arrayOf, dictOf, get, nameOf, numberOf, type Resolved } from './objects.js';

export type SpaceKind = 'gray' | 'cmyk' | 'rgb' | 'separation' | 'other';

export interface Space {
  kind: SpaceKind;
  /** For a separation: its colourant name (`All` is registration). */
  colourant?: string;
  /** The space underneath (Indexed base, Separation alternate), for the RGB test. */
  base?: Space;
}

const DEVICE: Record<string, SpaceKind> = {
  DeviceGray: 'gray',
  G: 'gray',
  CalGray: 'gray',
  DeviceCMYK: 'cmyk',
  CMYK: 'cmyk',
  DeviceRGB: 'rgb',
  RGB: 'rgb',
  CalRGB: 'rgb',
};

/** A colour-space object (a name or an array) as a Space; `lookup` resolves resource names. */
export function classify(context: PDFContext, value: Resolved, lookup?: (name: string) => Resolved, depth = 0): Space {
  if (depth > 8) return { kind: 'other' };
  const name = nameOf(value);
  if (name !== undefined) {
    const kind = DEVICE[name];
    if (kind) return { kind };
    const named = lookup?.(name);
    return named === undefined ? { kind: 'other' } : classify(context, named, lookup, depth + 1);
  }
  const items = arrayOf(context, value);
  const family = nameOf(items[0]);
  switch (family) {
    case 'CalRGB':
      return { kind: 'rgb' };
    case 'CalGray':
      return { kind: 'gray' };
    case 'ICCBased': {
      const n = numberOf(get(context, dictOf(items[1]), 'N'));
      return { kind: n === 1 ? 'gray' : n === 3 ? 'rgb' : n === 4 ? 'cmyk' : 'other' };
    }
    case 'Indexed':
    case 'I': {
      // A palette prints in the plates of its base space.
      const base = classify(context, items[1], lookup, depth + 1);
      return { kind: base.kind === 'separation' ? 'other' : base.kind, base };
    }
    case 'Separation': {
      const base = classify(context, items[2], lookup, depth + 1);
      return { kind: 'separation', colourant: nameOf(items[1]) ?? '', base };
    }
    case 'DeviceN': {
      const base = classify(context, items[2], lookup, depth + 1);
      return { kind: 'separation', colourant: arrayOf(context, items[1]).map(nameOf).join(','), base };
    }
    case 'Pattern': {
      if (items.length < 2) return { kind: 'other' };
      const base = classify(context, items[1], lookup, depth + 1);
      return { kind: 'other', base };
    }
    default:
      return { kind: 'other' };
  }
}

/** True when the space, or anything under it, is RGB. */
export function isRgb(space: Space): boolean {
  return space.kind === 'rgb' || (space.base !== undefined && isRgb(space.base));
}

export interface Paint {
  space: Space;
  /** Components as the content stream gave them (0..1). */
  values: number[];
}

export const DEFAULT_PAINT: Paint = { space: { kind: 'gray' }, values: [0] };

/** Black ink only: gray, CMYK with no C, M or Y, or the registration colour. */
export function isKOnly(paint: Paint): boolean {
  const { space, values } = paint;
  if (space.kind === 'gray') return true;
  if (space.kind === 'cmyk') return (values[0] ?? 0) === 0 && (values[1] ?? 0) === 0 && (values[2] ?? 0) === 0;
  return space.kind === 'separation' && (space.colourant === 'All' || space.colourant === 'Black');
}

/** Rich black: 90 % K or more with some C, M or Y — fuzzy and out of register on small type. */
export function isRichBlack(paint: Paint): boolean {
  if (paint.space.kind !== 'cmyk') return false;
  const [c = 0, m = 0, y = 0, k = 0] = paint.values;
  return k >= 0.9 && Math.max(c, m, y) > 0;
}

export function describePaint(paint: Paint): string {
  const v = paint.values.map((n) => Math.round(n * 1000) / 1000).join(' ');
  if (paint.space.kind === 'separation') return `separation ${paint.space.colourant ?? ''} ${v}`;
  return `${paint.space.kind.toUpperCase()} ${v}`;
}
