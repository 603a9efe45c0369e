/**
 * What a line of running text is: a part heading (`第一编 …`), a chapter or 节 heading
 * (`第一章 …`, `第一节 …`), a section heading (`一、…`,
 * `（一）…`), a front-section title (`■ 前 言`), a dated line (`（2015年11月11日）`), a list
 * item, a table row or a paragraph. Headings are recognised by their numbering and by having
 * no sentence inside them; a numbered line that holds a full sentence is a list item.
 */
import { CN_NUMERAL } from '../cjk.js';

export type LineKind = 'part' | 'chapter' | 'jie' | 'section' | 'subsection' | 'front-title' | 'dated' | 'list-item' | 'table' | 'paragraph';

export interface Classified {
  kind: LineKind;
  /** The text without Markdown heading marks. */
  text: string;
}

const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;
const FRONT_TITLE = /^■\s*(.+)$/;
export const PART = new RegExp(`^第${CN_NUMERAL}[编篇部分]{1,2}(?:\\s+|$)`);
const SECTION = new RegExp(`^${CN_NUMERAL}、`);
/** 第一章 …, 第一节 …: the chapter and section levels of a monograph. */
export const CHAPTER = new RegExp(`^第${CN_NUMERAL}章(?:\\s+|$)`);
export const JIE = new RegExp(`^第${CN_NUMERAL}节(?:\\s+|$)`);
const SUBSECTION = new RegExp(`^[（(]${CN_NUMERAL}[）)]`);
const LIST = /^(?:\d{1,2}[.、．]\s*|[-*+]\s+)/;
export const DATED = /^[（(]\s*(\d{4}\s*年[^()（）]*?)\s*[)）]$/;
const SENTENCE = /[。！？]/;

function numbered(text: string, kind: 'section' | 'subsection'): Classified {
  return { kind: SENTENCE.test(text) ? 'list-item' : kind, text };
}

export function classifyLine(raw: string): Classified {
  const text = raw.trim();
  const md = MARKDOWN_HEADING.exec(text);
  if (md?.[2] !== undefined) {
    // Already-clean Markdown: keep the heading as written (the import must be idempotent).
    return { kind: SUBSECTION.test(md[2]) ? 'subsection' : 'section', text: md[2] };
  }
  const front = FRONT_TITLE.exec(text);
  if (front?.[1]) return { kind: 'front-title', text: front[1] };
  if (text.startsWith('|')) return { kind: 'table', text };
  if (PART.test(text) && !SENTENCE.test(text)) return { kind: 'part', text };
  if (CHAPTER.test(text) && !SENTENCE.test(text)) return { kind: 'chapter', text };
  if (JIE.test(text) && !SENTENCE.test(text)) return { kind: 'jie', text };
  if (SECTION.test(text)) return numbered(text, 'section');
  if (SUBSECTION.test(text)) return numbered(text, 'subsection');
  if (DATED.test(text)) return { kind: 'dated', text };
  if (LIST.test(text)) return { kind: 'list-item', text };
  return { kind: 'paragraph', text };
}

export function isHeadingKind(kind: LineKind): boolean {
  return kind === 'part' || kind === 'chapter' || kind === 'jie' || kind === 'section' || kind === 'subsection' || kind === 'front-title';
}

/** The date inside a dated line: `（2015年11月11日）` → `2015年11月11日`. */
export function datedLine(text: string): string | undefined {
  return DATED.exec(text.trim())?.[1]?.replace(/\s+/g, '');
}
