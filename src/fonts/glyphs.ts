/**
 * Which characters each font role has to draw, so fonts are subset once per build from the
 * union of the whole book. Shared by both writers; the role rule is the one their styles use:
 * headings (h1–h6, part and title-page titles) and table header cells are set in the heading
 * family, everything else in the body family; `strong` needs the bold face of its role.
 */
import { splitArticle } from '../kinds/article-inlines.js';
import type { FrontPages } from '../derive/front-pages.js';
import type { Block, Book, Inline } from '../model/book.js';
import { allChapters } from '../model/book.js';
import { noteMarker } from '../derive/note-marker.js';
import { FONT_ROLES, type FontRoleName } from './roles.js';

export interface FaceGlyphs {
  regular: Set<number>;
  /** Empty when the book never sets this role in bold: the bold face is then left out. */
  bold: Set<number>;
}

export type GlyphSets = Record<FontRoleName, FaceGlyphs>;

/** Strings a writer adds around the book's own text (目录, brackets, separators …). */
export type ExtraText = Partial<Record<FontRoleName, string[]>>;

type Role = FontRoleName;

/**
 * The role of the kinds of text whose role the design chooses (styles.blockquote.font,
 * styles.code.font): both writers read them from the same design, so the subsets hold what
 * each face draws.
 */
export interface TextRoles {
  quote: FontRoleName;
  code: FontRoleName;
  /** 题注: figure and table captions, 续表 (styles.caption.font). */
  caption: FontRoleName;
  /** 条 numbers of a law book (styles.articleNumber.font, when structure.articleNumbers). */
  articleNumber?: FontRoleName;
}

export const DEFAULT_TEXT_ROLES: TextRoles = { quote: 'body', code: 'body', caption: 'body' };

/**
 * Where a run of text comes from, for diagnostics: the source file and the line its block
 * starts on (the exact column is found later by searching the file), or nothing for text the
 * writers add themselves.
 */
export interface TextOrigin {
  file?: string;
  line?: number;
}

/** Sees every drawn text run with its role, weight and origin (the coverage gate's locator). */
export type TextListener = (role: Role, bold: boolean, text: string, origin: TextOrigin) => void;

const BOOK_FILE = 'book.yaml';

/**
 * Printable ASCII is always kept: note numbers, URLs and ISBNs are digits and Latin letters,
 * and ~95 glyphs cost next to nothing next to a CJK subset.
 */
const ALWAYS = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCodePoint(0x20 + i)).join('');

/** Line breaks and tabs are never drawn. */
const NOT_DRAWN = new Set([0x09, 0x0a, 0x0d]);

class GlyphCollector {
  readonly sets = Object.fromEntries(FONT_ROLES.map((role) => [role, { regular: new Set<number>(), bold: new Set<number>() }])) as GlyphSets;

  constructor(private readonly roles: TextRoles) {}

  /** Set by the walker before each block or generated page. */
  origin: TextOrigin = {};

  private listener: TextListener | undefined;

  listen(listener: TextListener | undefined): void {
    this.listener = listener;
  }

  /** Per set, a bit per code point already seen: a book's text is mostly characters seen before. */
  private readonly seen = new Map<Set<number>, Uint8Array>();

  /** The roles the book's text (or the writers' own) is set in. */
  readonly used = new Set<Role>();

  add(role: Role, text: string | undefined, bold = false): void {
    if (!text) return;
    this.used.add(role);
    this.listener?.(role, bold, text, this.origin);
    const target = bold ? this.sets[role].bold : this.sets[role].regular;
    let seen = this.seen.get(target);
    if (!seen) this.seen.set(target, (seen = new Uint8Array(0x110000 >> 3)));
    // By index, not `for…of`: a book's whole text passes here, one string per character otherwise.
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff) {
        cp = text.codePointAt(i) ?? cp;
        if (cp > 0xffff) i++;
      }
      const bit = 1 << (cp & 7);
      if ((seen[cp >> 3] as number) & bit) continue;
      seen[cp >> 3] = (seen[cp >> 3] as number) | bit;
      if (!NOT_DRAWN.has(cp)) target.add(cp);
    }
  }

  inlines(role: Role, inlines: Inline[], bold = false): void {
    for (const inline of inlines) {
      switch (inline.type) {
        case 'text':
          this.add(role, inline.value, bold);
          break;
        case 'code':
          this.add(this.roles.code, inline.value, bold);
          break;
        case 'emphasis':
        case 'link':
          this.inlines(role, inline.children, bold);
          break;
        case 'strong':
          this.inlines(role, inline.children, true);
          break;
        case 'image':
          // Alt text is not drawn, but a reader shows it in place of a missing image.
          this.add(role, inline.alt, bold);
          break;
        case 'ref':
          this.add(role, inline.text ?? inline.label, bold);
          break;
        case 'math':
          // MathJax draws Latin and symbols itself; CJK inside \text{} comes from the text face.
          this.add(role, inline.tex.replace(/[\u0020-\u007e\s]/g, ''), bold);
          break;
        case 'footnoteRef':
          // The reference mark is set in the body face even inside a heading.
          this.add('body', noteMarker(inline.number));
          break;
        case 'break':
          break;
      }
    }
  }

  blocks(blocks: Block[], role: Role = 'body'): void {
    for (const block of blocks) {
      this.origin = { file: block.pos.file, line: block.pos.line };
      switch (block.type) {
        case 'paragraph':
          this.inlines(role, block.children);
          break;
        case 'heading':
          this.inlines('heading', block.children);
          break;
        case 'list':
          for (const item of block.items) this.blocks(item, role);
          break;
        case 'blockquote':
          this.blocks(block.children, this.roles.quote);
          break;
        case 'codeBlock':
          this.add(this.roles.code, block.value);
          break;
        case 'figure':
          this.add(this.roles.caption, [block.number, block.caption].filter(Boolean).join('\u3000'));
          this.inlines(role, [block.image]);
          break;
        case 'math':
          this.add(role, (block.number ?? '') + block.tex.replace(/[\u0020-\u007e\s]/g, ''));
          break;
        case 'table':
          // 续表 is printed above a continued table's repeated header.
          this.add(this.roles.caption, [block.number, block.caption, '续表'].filter(Boolean).join('\u3000'));
          for (const cell of block.head) this.inlines('heading', cell);
          for (const row of block.rows) for (const cell of row) this.inlines('body', cell);
          break;
        case 'thematicBreak':
          break;
      }
    }
  }
}

/**
 * The characters each face draws. `listener`, when given, sees every text run with where it
 * comes from; the always-kept ASCII set is not reported to it (it is not the book's text).
 */
export function collectGlyphs(book: Book, front: FrontPages, extra: ExtraText = {}, listener?: TextListener, roles: TextRoles = DEFAULT_TEXT_ROLES): GlyphSets {
  const c = new GlyphCollector(roles);
  // ASCII first, in the roles the design sets text in; kept below only in those the book uses.
  const designed = new Set<Role>(['body', 'heading', roles.quote, roles.code, roles.caption]);
  for (const role of designed) c.add(role, ALWAYS);
  c.used.clear();
  c.listen(listener);
  c.origin = { file: BOOK_FILE };

  const { titlePage, copyright, board } = front;
  c.add('heading', titlePage.main);
  c.add('heading', titlePage.partNumber);
  c.add('body', titlePage.subtitle);
  for (const line of titlePage.responsibility) c.add('body', line);
  c.add('body', titlePage.publisher);

  const { cip } = copyright;
  for (const text of [cip.heading, cip.description, cip.isbn, cip.retrieval, cip.number, ...cip.paragraphs]) c.add('body', text);
  c.add('body', copyright.titleLine);
  for (const record of copyright.records) {
    c.add('body', record.label);
    for (const value of record.values) c.add('body', value);
  }
  c.add('body', copyright.notice);
  c.add('body', copyright.rights);
  for (const group of board) {
    c.add('body', group.role);
    for (const name of group.names) c.add('body', name);
  }

  for (const part of book.parts) {
    // On the part's own page (heading) and in the table of contents (body).
    for (const role of ['heading', 'body'] as const) {
      c.add(role, part.label);
      c.add(role, part.title);
    }
  }
  for (const chapter of allChapters(book)) {
    c.origin = { file: chapter.pos.file, line: chapter.pos.line };
    for (const line of chapter.titleLines) c.add('heading', line);
    // The contents lists titles, labels and section headings in body text.
    c.add('body', chapter.title);
    c.add('body', chapter.label);
    // Section titles come from the h2… blocks below; the TOC repeats them in the body face.
    for (const heading of chapter.headings) c.add('body', heading.text);
    c.add('body', chapter.subtitle);
    c.add('body', chapter.date);
    c.add('body', chapter.author);
    c.blocks(chapter.blocks);
    // 第一条: a law book's article numbers, in their own role (黑体), as both writers set them.
    if (roles.articleNumber) {
      for (const block of chapter.blocks) {
        const article = block.type === 'paragraph' ? splitArticle(block.children) : undefined;
        c.origin = { file: block.pos.file, line: block.pos.line };
        if (article) c.add(roles.articleNumber, article.number);
      }
    }
    for (const note of chapter.footnotes) {
      c.add('body', noteMarker(note.number));
      c.blocks(note.blocks);
    }
  }

  c.origin = {};
  for (const role of FONT_ROLES) for (const text of extra[role] ?? []) c.add(role, text);
  // An unused role's face is not embedded at all: a novel without quotations or code had its
  // 楷体 and its monospaced face subset to the ASCII alone, read and embedded for nothing.
  for (const role of designed) if (!c.used.has(role)) c.sets[role].regular.clear();
  return c.sets;
}

/** Code points as a string, in ascending order so the subsetter's input never depends on book order. */
export function glyphText(codePoints: Iterable<number>): string {
  return [...codePoints]
    .sort((a, b) => a - b)
    .map((cp) => String.fromCodePoint(cp))
    .join('');
}
