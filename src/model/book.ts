/**
 * The one typed book model every stage after `parse` passes on. Writers read it; nothing in
 * it knows about XHTML or PDF. Positions point back into the source for diagnostics.
 */
import type { BookMetadata } from './metadata.js';
import type { DesignOverrides } from '../typeset/design.js';

export interface SourcePosition {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units of the line */
  column: number;
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; title?: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string; title?: string }
  | { type: 'break' }
  | { type: 'footnoteRef'; noteId: string; number: number; refId: string }
  /** TeX maths: `$…$` (display false) or `$$…$$` inside running text (display style, inline). */
  | { type: 'math'; tex: string; display: boolean }
  /**
   * A cross-reference (`:numref:` or `:eqref:` and a label in backticks); `text` (图2-1, (2-1),
   * 第2章) and `target` (chapter and element id) are filled in by src/model/numbering.ts.
   */
  | { type: 'ref'; label: string; role: 'numref' | 'eqref'; text?: string; target?: { chapterId: string; id: string } };

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
  | { type: 'paragraph'; children: Inline[]; pos: SourcePosition }
  | { type: 'heading'; level: 2 | 3 | 4 | 5 | 6; id: string; children: Inline[]; pos: SourcePosition; label?: string }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][]; pos: SourcePosition }
  | { type: 'blockquote'; children: Block[]; pos: SourcePosition }
  | { type: 'codeBlock'; lang: string; value: string; pos: SourcePosition }
  | { type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][]; pos: SourcePosition; caption?: string; label?: string; number?: string }
  /** A paragraph that is one image: caption = title, else alt; numbered 图n-k by src/model/numbering.ts. */
  | { type: 'figure'; image: Extract<Inline, { type: 'image' }>; caption: string; label?: string; number?: string; pos: SourcePosition }
  | { type: 'thematicBreak'; pos: SourcePosition }
  /** A display formula (`$$…$$` as a paragraph of its own); `label` from a `:eqlabel:` marker after it. */
  | { type: 'math'; tex: string; label?: string; number?: string; pos: SourcePosition };

export interface Footnote {
  /** Stable id within the chapter, e.g. fn1 */
  id: string;
  number: number;
  /** Ids of the references pointing here (for back links). */
  refIds: string[];
  blocks: Block[];
}

export interface Heading {
  id: string;
  level: number;
  text: string;
}

export type ChapterKind = 'preface' | 'article';

export interface Chapter {
  /** Stable ASCII id, e.g. ch001, front01; also the EPUB file stem. */
  id: string;
  kind: ChapterKind;
  /** Source file relative to the project root. */
  file: string;
  /** Section name for front matter (前言), shown in the TOC and running head instead of the title. */
  label?: string;
  /** Headline lines as printed (引题/主题 …); a single-line title has one entry. */
  titleLines: string[];
  /** All title lines joined with an ideographic space, for TOC, nav and running heads. */
  title: string;
  /** ——… subtitle line, without the dash. */
  subtitle?: string;
  /** The dated line under the title, without its parentheses, e.g. 2015年11月11日 */
  date?: string;
  /** Byline printed under the title (the preface's author). */
  author?: string;
  blocks: Block[];
  footnotes: Footnote[];
  /** h2… headings inside the chapter, in order, for the nested TOC. */
  headings: Heading[];
  /** Where the title comes from: front matter `title:` line. */
  pos: SourcePosition;
  /** A `:label:` at the top of the body names the chapter for cross-references. */
  xrefLabel?: string;
  /** Chapter number for figure, table and equation numbers (main matter: 1, 2 …). */
  number?: number;
}

export interface Part {
  /** part01 … */
  id: string;
  /** 第一编 */
  label: string;
  /** 高度重视　科学指导 */
  title: string;
  chapters: Chapter[];
}

export interface Book {
  /** Absolute path of the project directory. */
  root: string;
  meta: BookMetadata;
  front: Chapter[];
  parts: Part[];
  /** The book's design.yaml: fields that override the house print design. */
  design?: DesignOverrides;
}

/** Every chapter in reading order: front matter first, then each part's articles. */
export function allChapters(book: Book): Chapter[] {
  return [...book.front, ...book.parts.flatMap((p) => p.chapters)];
}
