/**
 * word/document.xml (and the notes parts) as a flat list of blocks with their runs: what the
 * author wrote, in order, with every paragraph numbered (¶n, tables included) so the report
 * can say where. Tracked changes and comments are recorded wherever they are; with
 * `acceptChanges` insertions are kept and deletions dropped, otherwise the caller refuses.
 */
import type { Element } from '@xmldom/xmldom';
import { attr, child, children, descendants, isOn, type DocxPackage } from './ooxml.js';
import type { Numbering, StyleInfo, Styles } from './styles.js';

export type Span =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean }
  | { kind: 'break' }
  | { kind: 'note'; note: 'footnote' | 'endnote'; id: string }
  | { kind: 'image'; image: ImageRef }
  | { kind: 'link'; href: string; spans: Span[] };

export interface ImageRef {
  /** Path of the media file inside the zip. */
  part: string;
  alt: string;
  para: number;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  para: number;
  style?: StyleInfo;
  list?: { numId: string; ilvl: number };
  spans: Span[];
  /** The paragraph mark itself was deleted (a tracked join with the next paragraph). */
  markDeleted: boolean;
}

export interface TableBlock {
  kind: 'table';
  para: number;
  rows: Cell[][];
}

export interface Cell {
  paragraphs: ParagraphBlock[];
  /** Columns this cell spans (w:gridSpan). */
  span: number;
  /** Continuation of a vertically merged cell (w:vMerge without restart). */
  continued: boolean;
}

export type DocBlock = ParagraphBlock | TableBlock;

export type RevisionKind = 'insertion' | 'deletion' | 'move' | 'formatting' | 'paragraph-mark' | 'comment';

export interface Revision {
  kind: RevisionKind;
  para: number;
  author: string;
  date: string;
  text: string;
}

export interface Dropped {
  para: number;
  what: string;
  text: string;
}

export class Walker {
  para = 0;
  readonly revisions: Revision[] = [];
  readonly dropped: Dropped[] = [];
  readonly images: ImageRef[] = [];
  private inField: 'instr' | 'result' | undefined;
  private rels = new Map<string, { target: string; external: boolean }>();

  constructor(
    private readonly pkg: DocxPackage,
    private readonly styles: Styles,
    private readonly numbering: Numbering,
    private readonly acceptChanges: boolean,
  ) {}

  private revision(kind: RevisionKind, el: Element, text: string): void {
    this.revisions.push({ kind, para: this.para, author: attr(el, 'author') ?? '', date: attr(el, 'date') ?? '', text });
  }

  /** The blocks of a part's container (the body, one note); relationships are the part's. */
  read(container: Element | undefined, part: string): DocBlock[] {
    this.rels = this.pkg.rels(part);
    return this.blocks(container);
  }

  /** The blocks of a container (body, cell, note, content control). */
  private blocks(container: Element | undefined): DocBlock[] {
    const out: DocBlock[] = [];
    const visit = (el: Element): void => {
      switch (el.localName) {
        case 'p':
          out.push(this.paragraph(el));
          break;
        case 'tbl':
          out.push(this.table(el));
          break;
        case 'sdt':
          children(child(el, 'sdtContent')).forEach(visit);
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          children(el).forEach(visit);
          break;
        case 'del':
        case 'moveFrom':
          this.revision(el.localName === 'del' ? 'deletion' : 'move', el, el.textContent ?? '');
          if (!this.acceptChanges) children(el).forEach(visit);
          break;
        default:
          break;
      }
    };
    children(container).forEach(visit);
    return out;
  }

  private table(tbl: Element): TableBlock {
    const first = this.para + 1;
    const rows = children(tbl, 'tr').map((tr) =>
      children(tr, 'tc').map((tc): Cell => {
        const tcPr = child(tc, 'tcPr');
        const vMerge = child(tcPr, 'vMerge');
        return {
          paragraphs: this.blocks(tc).flatMap((b) => (b.kind === 'paragraph' ? [b] : [])),
          span: Number(attr(child(tcPr, 'gridSpan'), 'val') ?? 1),
          continued: vMerge !== undefined && attr(vMerge, 'val') !== 'restart',
        };
      }),
    );
    return { kind: 'table', para: first, rows };
  }

  paragraph(p: Element): ParagraphBlock {
    this.para++;
    this.inField = undefined;
    const pPr = child(p, 'pPr');
    const style = this.styles.get(attr(child(pPr, 'pStyle'), 'val'));
    const numPr = child(pPr, 'numPr');
    const numId = attr(child(numPr, 'numId'), 'val');
    const markRPr = child(pPr, 'rPr');
    const markDel = child(markRPr, 'del');
    if (markDel) this.revision('paragraph-mark', markDel, '¶ (paragraph mark deleted: joins the next paragraph)');
    const markIns = child(markRPr, 'ins');
    if (markIns) this.revision('insertion', markIns, '¶ (paragraph mark inserted)');
    const pChange = child(pPr, 'pPrChange');
    if (pChange) this.revision('formatting', pChange, 'paragraph formatting changed');
    const block: ParagraphBlock = { kind: 'paragraph', para: this.para, spans: this.inlines(p), markDeleted: markDel !== undefined && this.acceptChanges };
    // WPS and some templates set the outline level on the paragraph itself, not through a style.
    const outline = attr(child(pPr, 'outlineLvl'), 'val');
    if (outline !== undefined && Number(outline) < 9) block.style = { ...(style ?? { id: '', name: `outline level ${Number(outline) + 1}`, quote: false, title: false, subtitle: false }), headingLevel: Number(outline) + 1 };
    else if (style) block.style = style;
    if (numId && numId !== '0') block.list = { numId, ilvl: Number(attr(child(numPr, 'ilvl'), 'val') ?? 0) };
    return block;
  }

  private inlines(parent: Element): Span[] {
    const spans: Span[] = [];
    for (const el of children(parent)) {
      switch (el.localName) {
        case 'r':
          spans.push(...this.run(el));
          break;
        case 'hyperlink': {
          const rel = this.rels.get(attr(el, 'id') ?? '');
          const inner = this.inlines(el);
          if (rel?.external) spans.push({ kind: 'link', href: rel.target, spans: inner });
          else spans.push(...inner);
          break;
        }
        case 'ins':
        case 'moveTo':
          this.revision(el.localName === 'ins' ? 'insertion' : 'move', el, el.textContent ?? '');
          spans.push(...this.inlines(el));
          break;
        case 'del':
        case 'moveFrom':
          this.revision(el.localName === 'del' ? 'deletion' : 'move', el, descendants(el, 'delText').map((t) => t.textContent ?? '').join('') || (el.textContent ?? ''));
          if (!this.acceptChanges) spans.push(...this.inlines(el));
          break;
        case 'commentRangeStart':
          this.revisions.push({ kind: 'comment', para: this.para, author: '', date: '', text: `comment ${attr(el, 'id') ?? ''}` });
          break;
        case 'fldSimple':
        case 'smartTag':
        case 'customXml':
        case 'sdt':
          spans.push(...this.inlines(el.localName === 'sdt' ? (child(el, 'sdtContent') ?? el) : el));
          break;
        default:
          break;
      }
    }
    return spans;
  }

  private runStyle(rPr: Element | undefined): { bold: boolean; italic: boolean } {
    const char = this.styles.characters.get(attr(child(rPr, 'rStyle'), 'val') ?? '');
    const em = attr(child(rPr, 'em'), 'val');
    return {
      bold: child(rPr, 'b') ? isOn(child(rPr, 'b')) : (char?.bold ?? false),
      italic: (child(rPr, 'i') ? isOn(child(rPr, 'i')) : (char?.italic ?? false)) || (em !== undefined && em !== 'none'),
    };
  }

  private run(r: Element): Span[] {
    const rPr = child(r, 'rPr');
    const change = child(rPr, 'rPrChange');
    if (change) this.revision('formatting', change, `formatting of “${r.textContent ?? ''}” changed`);
    if (isOn(child(rPr, 'vanish'))) {
      this.dropped.push({ para: this.para, what: 'hidden text', text: r.textContent ?? '' });
      return [];
    }
    const { bold, italic } = this.runStyle(rPr);
    const spans: Span[] = [];
    const text = (t: string): void => {
      if (this.inField === 'instr') return;
      const last = spans.at(-1);
      if (last?.kind === 'text') last.text += t;
      else spans.push({ kind: 'text', text: t, bold, italic });
    };
    for (const el of children(r)) {
      switch (el.localName) {
        case 't':
          text(el.textContent ?? '');
          break;
        case 'delText':
          if (!this.acceptChanges) text(el.textContent ?? '');
          break;
        case 'tab':
          text('\t');
          break;
        case 'noBreakHyphen':
          text('\u2011');
          break;
        case 'br':
        case 'cr':
          if (['page', 'column'].includes(attr(el, 'type') ?? '')) this.dropped.push({ para: this.para, what: `${attr(el, 'type') ?? ''} break`, text: '' });
          else if (this.inField !== 'instr') spans.push({ kind: 'break' });
          break;
        case 'fldChar': {
          const type = attr(el, 'fldCharType');
          this.inField = type === 'begin' ? 'instr' : type === 'separate' ? 'result' : undefined;
          break;
        }
        case 'footnoteReference':
        case 'endnoteReference':
          spans.push({ kind: 'note', note: el.localName === 'footnoteReference' ? 'footnote' : 'endnote', id: attr(el, 'id') ?? '' });
          break;
        case 'drawing':
        case 'pict':
          spans.push(...this.image(el));
          break;
        case 'object':
          this.dropped.push({ para: this.para, what: 'embedded object (OLE)', text: '' });
          break;
        case 'sym':
          this.dropped.push({ para: this.para, what: `symbol-font character ${attr(el, 'font') ?? ''} ${attr(el, 'char') ?? ''}`, text: '' });
          break;
        default:
          break;
      }
    }
    return spans;
  }

  private image(el: Element): Span[] {
    const blip = descendants(el, 'blip')[0] ?? descendants(el, 'imagedata')[0];
    const id = attr(blip, 'embed') ?? attr(blip, 'id');
    const rel = id ? this.rels.get(id) : undefined;
    const docPr = descendants(el, 'docPr')[0];
    const shape = descendants(el, 'shape')[0];
    const alt = (attr(docPr, 'descr') ?? attr(shape, 'alt') ?? '').trim() || (attr(docPr, 'title') ?? '').trim();
    if (!rel || rel.external || !this.pkg.files[rel.target]) {
      // A text box's text goes too: name it, so the editor can copy it back.
      const boxText = descendants(el, 't').map((t) => t.textContent ?? '').join('');
      this.dropped.push({ para: this.para, what: rel?.external ? 'linked (not embedded) image' : 'drawing without an embedded picture (shape, chart or text box)', text: alt || boxText });
      return [];
    }
    const image: ImageRef = { part: rel.target, alt, para: this.para };
    this.images.push(image);
    return [{ kind: 'image', image }];
  }
}

/** Footnotes or endnotes by id, each as its blocks (separators left out). */
export function readNotes(pkg: DocxPackage, walker: Walker, part: 'word/footnotes.xml' | 'word/endnotes.xml'): Map<string, DocBlock[]> {
  const notes = new Map<string, DocBlock[]>();
  const root = pkg.xml(part);
  for (const note of children(root, part === 'word/footnotes.xml' ? 'footnote' : 'endnote')) {
    const type = attr(note, 'type');
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
    const saved = walker.para;
    notes.set(attr(note, 'id') ?? '', walker.read(note, part));
    walker.para = saved;
  }
  return notes;
}

/** Comments with their author and text, for the report. */
export function readComments(pkg: DocxPackage): Map<string, { author: string; date: string; text: string }> {
  const out = new Map<string, { author: string; date: string; text: string }>();
  for (const c of children(pkg.xml('word/comments.xml'), 'comment')) {
    const text = descendants(c, 'p').map((p) => descendants(p, 't').map((t) => t.textContent ?? '').join('')).join(' ');
    out.set(attr(c, 'id') ?? '', { author: attr(c, 'author') ?? '', date: attr(c, 'date') ?? '', text });
  }
  return out;
}
