/**
 * Reading PDF objects for the preflight: small typed accessors over pdf-lib's object model,
 * resolving indirect references, so the rules read like the standard they check.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

export type Resolved = PDFObject | undefined;

export function resolve(context: PDFContext, value: Resolved): Resolved {
  let current = value;
  for (let i = 0; i < 32 && current instanceof PDFRef; i++) current = context.lookup(current);
  return current;
}

export function get(context: PDFContext, dict: PDFDict | undefined, key: string): Resolved {
  if (!dict) return undefined;
  return resolve(context, dict.get(PDFName.of(key)));
}

export function dictOf(value: Resolved): PDFDict | undefined {
  if (value instanceof PDFDict) return value;
  if (value instanceof PDFStream) return value.dict;
  return undefined;
}

export function getDict(context: PDFContext, dict: PDFDict | undefined, key: string): PDFDict | undefined {
  return dictOf(get(context, dict, key));
}

export function nameOf(value: Resolved): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

export function textOf(value: Resolved): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

export function numberOf(value: Resolved): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

export function boolOf(value: Resolved): boolean | undefined {
  return value instanceof PDFBool ? value.asBoolean() : undefined;
}

export function arrayOf(context: PDFContext, value: Resolved): Resolved[] {
  return value instanceof PDFArray ? value.asArray().map((item) => resolve(context, item)) : [];
}

export type Box = [number, number, number, number];

/** A rectangle normalised so that x1 < x2 and y1 < y2. */
export function boxOf(context: PDFContext, value: Resolved): Box | undefined {
  const numbers = arrayOf(context, value).map(numberOf);
  if (numbers.length !== 4 || numbers.some((n) => n === undefined)) return undefined;
  const [a, b, c, d] = numbers as number[] as Box;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** The stream's bytes with its filters undone; undefined for a filter pdf-lib cannot decode. */
export function streamBytes(value: Resolved): Uint8Array | undefined {
  if (!(value instanceof PDFRawStream)) return value instanceof PDFStream ? value.getContents() : undefined;
  try {
    return decodePDFRawStream(value).decode();
  } catch {
    return undefined;
  }
}

/** Every entry of a dictionary, values resolved. */
export function entries(context: PDFContext, dict: PDFDict | undefined): Array<[string, Resolved]> {
  if (!dict) return [];
  return dict.entries().map(([key, value]) => [key.decodeText(), resolve(context, value)]);
}

/** The object's indirect reference tag (`12 0 R`) for messages, when it has one. */
export function refTag(value: PDFObject | undefined): string {
  return value instanceof PDFRef ? value.toString() : '';
}
