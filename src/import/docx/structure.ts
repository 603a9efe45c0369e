/**
 * The book's outline from the paragraph styles: which heading level makes chapters (the top
 * level used), whether a level above it makes parts (`--style` says so, or every top-level
 * heading reads like 第一编/第二部分), which front sections come before the first part or
 * chapter, and where the 版权页 (CIP block and 版本记录) lies.
 */
import { FRONT_FILES, frontLabel } from '../front-labels.js';
import { plainSpans } from './markdown.js';
import type { DocBlock, ParagraphBlock } from './document.js';
import type { StyleInfo, StyleRole } from './styles.js';

export type StyleMap = Map<string, StyleRole>;

export type Role = StyleRole | 'subtitle';

export function roleOf(block: ParagraphBlock, map: StyleMap): { role: Role; level?: number } {
  const s: StyleInfo | undefined = block.style;
  const mapped = s && (map.get(s.name.toLowerCase()) ?? map.get(s.id.toLowerCase()));
  if (mapped) return { role: mapped };
  if (s?.title) return { role: 'title' };
  if (s?.subtitle) return { role: 'subtitle' };
  if (s?.headingLevel !== undefined) return { role: 'paragraph', level: s.headingLevel };
  if (s?.quote) return { role: 'quote' };
  return { role: 'paragraph' };
}

/** 第一编, 第二部分, 第三卷 …, and 上篇/中篇/下篇, 卷一. */
const PART_LABEL = '(?:第[一二三四五六七八九十百零〇\\d]+(?:编|篇|部分|部|卷|辑)|[上中下](?:篇|编|卷)|卷[一二三四五六七八九十]+)';
const PART_TEXT = new RegExp(`^${PART_LABEL}(?:\\s|$|[：:\\u3000])`);

export interface Outline {
  /** Heading level of chapters (undefined: a mapped style marks them, or there are none). */
  chapterLevel?: number;
  partLevel?: number;
  /** How the levels were decided, for the report. */
  note: string;
}

export function decideOutline(blocks: DocBlock[], map: StyleMap): Outline {
  const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
  const roles = paragraphs.map((p) => ({ p, ...roleOf(p, map) }));
  const mappedChapter = roles.some((r) => r.role === 'chapter');
  const levels = [...new Set(roles.flatMap((r) => (r.level !== undefined ? [r.level] : [])))].sort((a, b) => a - b);
  if (mappedChapter) {
    return { note: 'chapters at the style(s) given with --style …=chapter; other headings inside chapters by their level', partLevel: undefined, chapterLevel: undefined };
  }
  const top = levels[0];
  if (top === undefined) return { note: 'no heading styles in the document: one chapter' };
  const topTexts = roles.filter((r) => r.level === top).map((r) => plainSpans(r.p.spans).trim());
  const second = levels[1];
  if (second !== undefined && topTexts.length > 0 && topTexts.every((t) => PART_TEXT.test(t))) {
    return { partLevel: top, chapterLevel: second, note: `parts at heading ${top} (every one reads like 第一编 …), chapters at heading ${second}` };
  }
  return { chapterLevel: top, note: `chapters at heading ${top}, the top heading level the document uses` };
}

/** `第一编 高度重视` → label 第一编, title 高度重视. */
export function splitPartTitle(text: string): { label: string; title: string } {
  const m = new RegExp(`^(${PART_LABEL})[\\s：:\\u3000]*(.*)$`).exec(text.trim());
  return m ? { label: m[1] ?? '', title: (m[2] ?? '').trim() } : { label: '', title: text.trim() };
}

export function frontFile(title: string): string | undefined {
  const label = frontLabel(title);
  return label === undefined ? undefined : FRONT_FILES[label];
}

/** Indices [start, end] of the 版权页 paragraphs (图书在版编目 … 版权所有), if the document has one. */
export function copyrightRange(texts: string[]): { start: number; cipEnd: number; end: number } | undefined {
  const start = texts.findIndex((t) => /图书在版编目/.test(t));
  if (start < 0) return undefined;
  const cipEnd = texts.findIndex((t, i) => i >= start && /CIP数据核字/.test(t));
  if (cipEnd < 0) return undefined;
  const rights = texts.findIndex((t, i) => i > cipEnd && /版权所有/.test(t));
  return { start, cipEnd, end: rights < 0 ? cipEnd : rights };
}
