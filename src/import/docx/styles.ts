/**
 * What a paragraph style means for the book: a heading level, a block quotation, a title, or
 * plain text. Word's built-in heading styles are found by their style name (`heading 1`, which
 * Chinese Word shows as 标题 1 but stores under the same name), by a localised name, or by an
 * outline level; `--style 名称=role` overrides any of it. Numbering definitions give list
 * kinds and the labels of Chinese-numbered lists (一、 （一）).
 */
import type { Element } from '@xmldom/xmldom';
import { attr, child, children, isOn, type DocxPackage } from './ooxml.js';

export type StyleRole = 'part' | 'chapter' | 'heading2' | 'heading3' | 'heading4' | 'quote' | 'title' | 'paragraph';

export const STYLE_ROLES: StyleRole[] = ['part', 'chapter', 'heading2', 'heading3', 'heading4', 'quote', 'title', 'paragraph'];

export interface StyleInfo {
  id: string;
  name: string;
  /** Outline level 1–9 from the style or the styles it is based on. */
  headingLevel?: number;
  quote: boolean;
  title: boolean;
  subtitle: boolean;
}

/** A character style that means strong or emphasis (Strong/要点, Emphasis/强调, or set so). */
export interface CharStyle {
  bold: boolean;
  italic: boolean;
}

const HEADING_NAME = /^(?:heading|标题)\s*(\d)$/i;
const QUOTE_NAME = /^(?:quote|intense quote|block text|引用|明显引用|引文|块引用|文本块)$/i;
const TITLE_NAME = /^(?:title|标题|书名)$/i;
const SUBTITLE_NAME = /^(?:subtitle|副标题)$/i;

export class Styles {
  readonly byId = new Map<string, StyleInfo>();
  readonly characters = new Map<string, CharStyle>();

  constructor(pkg: DocxPackage) {
    const raw = new Map<string, Element>();
    for (const s of children(pkg.xml('word/styles.xml'), 'style')) {
      const id = attr(s, 'styleId');
      if (!id) continue;
      if (attr(s, 'type') === 'character') this.characters.set(id, charStyle(s));
      else raw.set(id, s);
    }
    const resolve = (id: string, depth = 0): StyleInfo | undefined => {
      const known = this.byId.get(id);
      if (known) return known;
      const s = raw.get(id);
      if (!s || depth > 20) return undefined;
      const name = attr(child(s, 'name'), 'val') ?? id;
      const based = attr(child(s, 'basedOn'), 'val');
      const parent = based ? resolve(based, depth + 1) : undefined;
      const byName = HEADING_NAME.exec(name.trim())?.[1];
      const outline = attr(child(child(s, 'pPr'), 'outlineLvl'), 'val');
      const level = byName ? Number(byName) : outline !== undefined && Number(outline) < 9 ? Number(outline) + 1 : parent?.headingLevel;
      const info: StyleInfo = {
        id,
        name,
        ...(level !== undefined ? { headingLevel: level } : {}),
        quote: QUOTE_NAME.test(name.trim()) || (parent?.quote ?? false),
        title: TITLE_NAME.test(name.trim()),
        subtitle: SUBTITLE_NAME.test(name.trim()),
      };
      this.byId.set(id, info);
      return info;
    };
    for (const id of raw.keys()) resolve(id);
  }

  get(id: string | undefined): StyleInfo | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
}

function charStyle(s: Element): CharStyle {
  const name = attr(child(s, 'name'), 'val') ?? '';
  const rPr = child(s, 'rPr');
  return {
    bold: /^(?:strong|要点|加粗)$/i.test(name) || isOn(child(rPr, 'b')),
    italic: /^(?:emphasis|强调|着重)$/i.test(name) || isOn(child(rPr, 'i')) || (attr(child(rPr, 'em'), 'val') ?? 'none') !== 'none',
  };
}

export interface ListLevel {
  format: string;
  text: string;
  start: number;
}

export class Numbering {
  private readonly levels = new Map<string, ListLevel[]>();

  constructor(pkg: DocxPackage) {
    const root = pkg.xml('word/numbering.xml');
    const abstract = new Map<string, ListLevel[]>();
    for (const a of children(root, 'abstractNum')) {
      const levels: ListLevel[] = [];
      for (const lvl of children(a, 'lvl')) {
        levels[Number(attr(lvl, 'ilvl') ?? 0)] = {
          format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
          text: attr(child(lvl, 'lvlText'), 'val') ?? '%1.',
          start: Number(attr(child(lvl, 'start'), 'val') ?? 1),
        };
      }
      abstract.set(attr(a, 'abstractNumId') ?? '', levels);
    }
    for (const n of children(root, 'num')) {
      const levels = abstract.get(attr(child(n, 'abstractNumId'), 'val') ?? '');
      if (levels) this.levels.set(attr(n, 'numId') ?? '', levels);
    }
  }

  level(numId: string, ilvl: number): ListLevel | undefined {
    return this.levels.get(numId)?.[ilvl];
  }
}

const CN_DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 999). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${CN_DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${CN_DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
  }
  return String(n);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [v, s] of table) while (rest >= v) [out, rest] = [out + s, rest - v];
  return out;
}

/** The number as Word would print it in this format; undefined for formats kept as lists. */
export function formatNumber(format: string, n: number): string | undefined {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'taiwaneseCounting':
      return chineseNumber(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
      return String(n).replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    default:
      return undefined;
  }
}
