/**
 * Inline AST → pdfmake text runs. Chinese has no italics: emphasis switches to the heading
 * (黑体) family, strong to the bold face of the current family.
 */
import type { Inline } from '../../model/book.js';
import { FONT_KEYS } from './design.js';
import type { TextRun } from './pdfmake.js';

const CIRCLED = Array.from('①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳');

/** ①…⑳, then ㉑…㉟ (U+3251) and ㊱…㊿ (U+32B1); beyond 50 the plain number in brackets. */
export function circledNumber(n: number): string {
  if (n >= 1 && n <= 20) return CIRCLED[n - 1] ?? String(n);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `[${n}]`;
}

/** Soft line breaks inside a Chinese paragraph are not spaces. */
function cleanText(value: string): string {
  return value.replace(/\s*\n\s*/g, (match, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + match.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  });
}

export function renderInlines(inlines: Inline[]): Array<string | TextRun> {
  const runs: Array<string | TextRun> = [];
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        runs.push(cleanText(inline.value));
        break;
      case 'emphasis':
        runs.push({ text: renderInlines(inline.children), font: FONT_KEYS.heading });
        break;
      case 'strong':
        runs.push({ text: renderInlines(inline.children), bold: true });
        break;
      case 'code':
        runs.push(inline.value);
        break;
      case 'link':
        runs.push({ text: renderInlines(inline.children), link: inline.href });
        break;
      case 'break':
        runs.push('\n');
        break;
      case 'footnoteRef':
        runs.push({ text: circledNumber(inline.number), sup: true });
        break;
      case 'image':
        // Images in the print PDF are a later issue; dropping one must not stop the build.
        break;
    }
  }
  return runs;
}

/** Plain text of inlines, for outlines and measurements. */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.type) {
        case 'text':
        case 'code':
          return i.value;
        case 'emphasis':
        case 'strong':
        case 'link':
          return inlineText(i.children);
        case 'footnoteRef':
          return circledNumber(i.number);
        default:
          return '';
      }
    })
    .join('');
}
