/**
 * `hanpress import <file.docx>`: a Word manuscript → a book project. Pure: bytes in, project
 * files and the import record out; the CLI writes them. Tracked changes and comments are
 * never taken silently: without `acceptChanges` the import is refused with the list of them.
 */
import path from 'node:path';
import type { Contributor } from '../../model/metadata.js';
import { IMAGE_EXTENSIONS } from '../../images/process.js';
import { draftMetadata, type DraftMetadata, type Missing } from '../meta/book-meta.js';
import { parseBoard, isBoardLine } from '../meta/board.js';
import { parseCip } from '../meta/cip.js';
import { parseColophon } from '../meta/colophon.js';
import { parseTitlePage } from '../meta/title-page.js';
import { ChangeLog, type SourceLine } from '../types.js';
import { lintLevels, lintMarkdown } from '../../lint/lint.js';
import { readCore, type CoreProperties } from './core.js';
import { readComments, readNotes, Walker, type DocBlock, type ParagraphBlock, type Revision } from './document.js';
import { plainSpans } from './markdown.js';
import { openDocx, child } from './ooxml.js';
import { renderBody } from './render.js';
import { copyrightRange, decideOutline, frontFile, roleOf, splitPartTitle, type StyleMap } from './structure.js';
import { Numbering, Styles } from './styles.js';

export interface DocxOptions {
  source: string;
  acceptChanges: boolean;
  styleMap: StyleMap;
}

export interface Note {
  para: number;
  message: string;
}

export interface Mapping {
  para: number;
  from: string;
  to: string;
}

export interface DocxChapter {
  file: string;
  title: string[];
  subtitle?: string;
  part: number;
  para: number;
  body: string;
  kind: 'front' | 'chapter';
}

export interface DocxBook {
  source: string;
  meta: DraftMetadata;
  missing: Missing[];
  chapters: DocxChapter[];
  parts: { label: string; title: string; chapters: string[]; para: number }[];
  images: { path: string; bytes: Uint8Array; alt: string; para: number }[];
  unplaced: string;
  core: CoreProperties;
  outline: string;
  paragraphs: number;
  counts: { footnotes: number; endnotes: number; tables: number; lists: number; quotes: number; headings: number; indented: number };
  mapped: Mapping[];
  unsure: Note[];
  dropped: { para: number; what: string; text: string }[];
  revisions: Revision[];
  comments: { id: string; author: string; date: string; text: string; para: number }[];
}

export type DocxResult = { refused: false; book: DocxBook } | { refused: true; revisions: Revision[]; comments: DocxBook['comments'] };

interface Section {
  title: ParagraphBlock;
  subtitle?: string;
  blocks: DocBlock[];
  part: number;
}

/** Joins a paragraph whose mark was deleted (accepted) with the next one. */
function joinDeletedMarks(blocks: DocBlock[]): DocBlock[] {
  const out: DocBlock[] = [];
  for (const b of blocks) {
    const last = out.at(-1);
    if (b.kind === 'paragraph' && last?.kind === 'paragraph' && last.markDeleted) out[out.length - 1] = { ...last, spans: [...last.spans, ...b.spans], markDeleted: b.markDeleted };
    else out.push(b);
  }
  return out;
}

function linesOf(blocks: DocBlock[]): SourceLine[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? plainSpans(b.spans).split('\n').map((text) => ({ no: b.para, text: text.replace(/\u3000/g, ' ').trim() })) : []));
}

function slugFromFile(source: string): string | undefined {
  const base = path.basename(source, path.extname(source)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(base) ? base : undefined;
}

class Assembler {
  readonly unsure: Note[] = [];
  readonly mapped: Mapping[] = [];
  readonly preamble: DocBlock[] = [];
  readonly parts: { heading?: ParagraphBlock; sections: Section[] }[] = [];

  constructor(
    private readonly styleMap: StyleMap,
    private readonly chapterLevel: number | undefined,
    private readonly partLevel: number | undefined,
  ) {}

  private kind(block: ParagraphBlock): 'part' | 'chapter' | 'subtitle' | 'title' | 'other' {
    const { role, level } = roleOf(block, this.styleMap);
    if (role === 'part' || (level !== undefined && level === this.partLevel)) return 'part';
    if (role === 'chapter' || (level !== undefined && level === this.chapterLevel)) return 'chapter';
    if (role === 'subtitle' || role === 'title') return role;
    return 'other';
  }

  add(block: DocBlock): void {
    const current = this.parts.at(-1)?.sections.at(-1);
    if (block.kind === 'paragraph') {
      const kind = this.kind(block);
      if (kind === 'part') {
        this.parts.push({ heading: block, sections: [] });
        return;
      }
      if (kind === 'chapter') {
        if (this.parts.length === 0) this.parts.push({ sections: [] });
        const part = this.parts[this.parts.length - 1] as { sections: Section[] };
        part.sections.push({ title: block, blocks: [], part: this.parts.length });
        return;
      }
      if (kind === 'subtitle' && current && current.blocks.length === 0 && current.subtitle === undefined) {
        current.subtitle = plainSpans(block.spans).trim();
        return;
      }
    }
    if (current) current.blocks.push(block);
    else if (this.parts.length > 0) {
      this.unsure.push({ para: block.para, message: 'text between a part heading and its first chapter; kept in unplaced.md' });
      this.preamble.push(block);
    } else this.preamble.push(block);
  }
}

function countBlocks(blocks: DocBlock[], styleMap: StyleMap): DocxBook['counts'] {
  const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flatMap((r) => r.flatMap((c) => c.paragraphs))));
  const spans = paragraphs.flatMap((p) => p.spans);
  return {
    footnotes: spans.filter((s) => s.kind === 'note' && s.note === 'footnote').length,
    endnotes: spans.filter((s) => s.kind === 'note' && s.note === 'endnote').length,
    tables: blocks.filter((b) => b.kind === 'table').length,
    lists: paragraphs.filter((p) => p.list).length,
    quotes: paragraphs.filter((p) => roleOf(p, styleMap).role === 'quote').length,
    headings: paragraphs.filter((p) => roleOf(p, styleMap).level !== undefined || ['part', 'chapter', 'heading2', 'heading3', 'heading4'].includes(roleOf(p, styleMap).role)).length,
    indented: paragraphs.filter((p) => {
      const first = p.spans[0];
      return first?.kind === 'text' && /^[ \t\u3000\u00a0]+\S/.test(first.text);
    }).length,
  };
}

export function importDocx(bytes: Uint8Array, options: DocxOptions): DocxResult {
  const pkg = openDocx(bytes);
  const styles = new Styles(pkg);
  const numbering = new Numbering(pkg);
  const walker = new Walker(pkg, styles, numbering, options.acceptChanges);
  const body = joinDeletedMarks(walker.read(child(pkg.xml('word/document.xml'), 'body'), 'word/document.xml'));
  const paragraphs = walker.para;
  const footnotes = readNotes(pkg, walker, 'word/footnotes.xml');
  const endnotes = readNotes(pkg, walker, 'word/endnotes.xml');
  const commentTexts = readComments(pkg);
  const anchored = new Map(walker.revisions.filter((r) => r.kind === 'comment').map((r) => [r.text.replace(/^comment /, ''), r.para]));
  const comments = [...commentTexts].map(([id, c]) => ({ id, ...c, para: anchored.get(id) ?? 0 }));
  const revisions = walker.revisions.filter((r) => r.kind !== 'comment');
  if (!options.acceptChanges && (revisions.length > 0 || comments.length > 0)) return { refused: true, revisions, comments };

  const outline = decideOutline(body, options.styleMap);
  const asm = new Assembler(options.styleMap, outline.chapterLevel, outline.partLevel);
  body.forEach((b) => asm.add(b));
  const core = readCore(pkg);
  const log = new ChangeLog();
  const dropped = [...walker.dropped];

  // The 版权页 and title page before the first heading are data for book.yaml.
  const preambleLines = linesOf(asm.preamble);
  const texts = preambleLines.map((l) => l.text);
  const range = copyrightRange(texts);
  const cipLines = range ? preambleLines.slice(range.start, range.cipEnd + 1) : [];
  const colophonLines = range ? preambleLines.slice(range.cipEnd + 1, range.end + 1) : [];
  const before = range ? preambleLines.slice(0, range.start) : preambleLines;
  const after = range ? preambleLines.slice(range.end + 1) : [];
  const boardLines = after.filter((l) => isBoardLine(l.text));
  const cip = range ? log.take(parseCip(cipLines)) : { subjects: [], clc: [] };
  const colophon = log.take(parseColophon(colophonLines));
  const titleBlocks = asm.preamble.filter((b) => b.kind === 'paragraph' && roleOf(b, options.styleMap).role === 'title');
  // The title page starts at a Title-styled paragraph when there is one (what precedes it is
  // not the title), and goes on to the 版权页 with the statement of responsibility and imprint.
  const firstTitle = titleBlocks[0]?.para;
  const titleLines = firstTitle === undefined ? before : before.filter((l) => l.no >= firstTitle);
  const titlePage = log.take(parseTitlePage(titleLines));
  const board = log.take(parseBoard(boardLines));
  const { meta, missing } = draftMetadata({ titlePage, cip, colophon, board });
  const used = new Set([...cipLines, ...colophonLines, ...boardLines, ...(titlePage.main ? titleLines : [])].map((l) => l.no));
  if (range) asm.mapped.push({ para: cipLines[0]?.no ?? 0, from: `版权页 (¶${cipLines[0]?.no ?? 0}–¶${colophonLines.at(-1)?.no ?? cipLines.at(-1)?.no ?? 0})`, to: 'book.yaml isbn, cip, publisher, staff, print, edition, price, rights' });
  if (titlePage.main) asm.mapped.push({ para: titlePage.line ?? 0, from: `title page “${titlePage.main}”`, to: 'book.yaml title, contributors' });
  fillFromCore(meta, missing, core, titlePage.main, options.source, asm);

  const imagePaths = new Map<string, string>();
  const images: DocxBook['images'] = [];
  for (const image of walker.images) {
    const ext = path.extname(image.part).toLowerCase();
    if (!IMAGE_EXTENSIONS.has(ext)) {
      dropped.push({ para: image.para, what: `image in ${ext || 'an unknown'} format (convert it to PNG or JPEG and add it by hand)`, text: image.alt });
      asm.unsure.push({ para: image.para, message: `image ${path.basename(image.part)} is ${ext} and cannot go into a book; left out` });
      continue;
    }
    if (!imagePaths.has(image.part)) {
      const name = `images/${path.basename(image.part)}`;
      imagePaths.set(image.part, name);
      images.push({ path: name, bytes: pkg.files[image.part] ?? new Uint8Array(), alt: image.alt, para: image.para });
      asm.mapped.push({ para: image.para, from: `image ${image.part}${image.alt ? ` “${image.alt}”` : ''}`, to: name });
    }
    if (image.alt === '') asm.unsure.push({ para: image.para, message: `image ${path.basename(image.part)} has no alt text: describe it in the Markdown ![…] for readers who cannot see it` });
  }

  const env = {
    styleMap: options.styleMap,
    numbering,
    chapterLevel: outline.chapterLevel ?? 1,
    imagePath: (part: string): string | undefined => {
      const p = imagePaths.get(part);
      return p ? `../${p}` : undefined;
    },
    note: (note: 'footnote' | 'endnote', id: string) => (note === 'footnote' ? footnotes : endnotes).get(id),
    unsure: (para: number, message: string) => asm.unsure.push({ para, message }),
    mapped: (para: number, from: string, to: string) => asm.mapped.push({ para, from, to }),
  };

  const chapters: DocxChapter[] = [];
  const parts: DocxBook['parts'] = [];
  let partNo = 0;
  for (const part of asm.parts) {
    const files: string[] = [];
    let chapterNo = 0;
    const partIndex = partNo;
    for (const section of part.sections) {
      const titleText = plainSpans(section.title.spans).trim();
      const title = titleText.split('\n').map((t) => t.trim()).filter((t) => t !== '');
      if (section.title.spans.some((s) => s.kind === 'note')) asm.unsure.push({ para: section.title.para, message: 'a note is attached to a chapter heading; front matter cannot hold it, so it is left out: add it to the text' });
      const front = partIndex === 0 && part.heading === undefined && chapters.every((c) => c.kind === 'front') ? frontFile(titleText) : undefined;
      const file = front ? `front/${front}.md` : `chapters/${partIndex + 1}-${String(++chapterNo).padStart(2, '0')}.md`;
      const bodyText = renderBody(section.blocks, { ...env, mapped: (para, from, to) => asm.mapped.push({ para: para || section.title.para, from, to: `${file} ${to}` }) });
      chapters.push({ file, title: title.length > 0 ? title : ['（无题）'], ...(section.subtitle ? { subtitle: section.subtitle } : {}), part: partIndex + 1, para: section.title.para, body: bodyText, kind: front ? 'front' : 'chapter' });
      asm.mapped.push({ para: section.title.para, from: `${section.title.style?.name ?? 'heading'} “${title.join(' / ')}”`, to: file });
      if (!front) files.push(file);
    }
    if (files.length === 0) continue;
    const heading = part.heading ? splitPartTitle(plainSpans(part.heading.spans)) : { label: '', title: '' };
    if (part.heading) asm.mapped.push({ para: part.heading.para, from: `${part.heading.style?.name ?? 'heading'} “${plainSpans(part.heading.spans).trim()}”`, to: `book.yaml contents.parts[${parts.length}]` });
    if (part.heading && heading.label === '') asm.unsure.push({ para: part.heading.para, message: `part heading “${heading.title}” has no label like 第一编; write contents.parts[${parts.length}].label` });
    parts.push({ ...heading, chapters: files, para: part.heading?.para ?? 0 });
    partNo++;
  }
  chapters.forEach((c) => {
    const p = parts.findIndex((x) => x.chapters.includes(c.file));
    c.part = p + 1;
  });
  if (chapters.length === 0) {
    const title = meta.title?.main ?? core.title ?? '（无题）';
    chapters.push({ file: 'chapters/1-01.md', title: [title], part: 1, para: 1, body: renderBody(asm.preamble.filter((b) => b.kind === 'table' || !used.has(b.para)), env), kind: 'chapter' });
    parts.push({ label: '', title: '', chapters: ['chapters/1-01.md'], para: 0 });
    asm.unsure.push({ para: 1, message: 'the document has no headings (Heading 1 / 标题 1 or a --style mapping): all its text is one chapter' });
  }
  if (parts.some((p) => p.label === '' || p.title === '')) {
    missing.push({ field: 'contents.parts', why: 'hanpress books are divided into parts (编); the document has no part headings: write a label (第一编) and title for each part' });
  }
  meta.contents = { front: chapters.filter((c) => c.kind === 'front').map((c) => c.file), parts: parts.map((p) => ({ label: p.label, title: p.title, chapters: p.chapters })) };

  const leftover = chapters.length > 0 && asm.parts.length > 0 ? asm.preamble.filter((b) => b.kind === 'table' || !used.has(b.para)) : [];
  const unplaced = leftover.length > 0 ? renderBody(leftover, env) : '';
  if (unplaced !== '') asm.unsure.push({ para: leftover[0]?.para ?? 0, message: `${leftover.length} block(s) belong to no chapter (before the first heading and neither title page nor 版权页, or under a part heading before its first chapter); kept in unplaced.md` });
  for (const c of log.unsure) asm.unsure.push({ para: c.line, message: `${c.rule}: ${c.message}` });
  for (const c of chapters) asm.unsure.push(...literalMarkers(c));
  for (const c of log.changes) asm.mapped.push({ para: c.line, from: c.before, to: c.after === '' ? '(removed)' : c.after });
  return {
    refused: false,
    book: {
      source: options.source,
      meta,
      missing,
      chapters,
      parts,
      images,
      unplaced,
      core,
      outline: outline.note,
      paragraphs,
      counts: countBlocks(body, options.styleMap),
      mapped: asm.mapped.sort((a, b) => a.para - b.para),
      unsure: [...asm.unsure, ...unusedNotes(footnotes, endnotes, body)].sort((a, b) => a.para - b.para),
      dropped: dropped.sort((a, b) => a.para - b.para),
      revisions,
      comments,
    },
  };
}

/**
 * Bold and italic runs become `**`/`*`; where Word's runs sit so that CommonMark cannot pair
 * the markers (bold ending inside a word next to Latin text, say), the parser would print them.
 * The linter's own rule finds those places in the written Markdown.
 */
function literalMarkers(chapter: DocxChapter): Note[] {
  const only = lintLevels({}, 'off');
  only['literal-emphasis'] = 'error';
  const { findings } = lintMarkdown({ file: chapter.file, text: chapter.body, bodyLineOffset: 0 }, only);
  return findings.map((f) => ({ para: chapter.para, message: `${chapter.file}: body line ${f.diagnostic.line ?? 0}: ${f.diagnostic.message} Check the bold/italic there.` }));
}

function unusedNotes(footnotes: Map<string, DocBlock[]>, endnotes: Map<string, DocBlock[]>, body: DocBlock[]): Note[] {
  const cited = new Set(
    body
      .flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flatMap((r) => r.flatMap((c) => c.paragraphs))))
      .flatMap((p) => p.spans.flatMap((s) => (s.kind === 'note' ? [`${s.note}:${s.id}`] : []))),
  );
  const out: Note[] = [];
  for (const [kind, map] of [['footnote', footnotes], ['endnote', endnotes]] as const) {
    for (const id of map.keys()) if (!cited.has(`${kind}:${id}`)) out.push({ para: 0, message: `${kind} ${id} is never cited in the text; left out` });
  }
  return out;
}

function fillFromCore(meta: DraftMetadata, missing: Missing[], core: CoreProperties, pageTitle: string | undefined, source: string, asm: Assembler): void {
  const drop = (field: string): void => {
    const i = missing.findIndex((m) => m.field === field);
    if (i >= 0) missing.splice(i, 1);
  };
  if (!meta.title && core.title) {
    meta.title = { main: core.title };
    drop('title');
    asm.mapped.push({ para: 0, from: `core property title “${core.title}”`, to: 'book.yaml title.main' });
  } else if (pageTitle && core.title && core.title.replace(/\s+/g, '') !== pageTitle.replace(/\s+/g, '')) {
    asm.unsure.push({ para: 0, message: `the document's title property “${core.title}” differs from its title page “${pageTitle}”; book.yaml has the title page's` });
  }
  const primary = (meta.contributors ?? []).some((c: Contributor) => c.primary);
  if (!primary && core.creator) {
    const names = core.creator.split(/[,，;；、]\s*/).map((n) => n.trim()).filter(Boolean);
    meta.contributors = [...names.map((name): Contributor => ({ name, role: '著', primary: true })), ...(meta.contributors ?? [])];
    drop('contributors');
    asm.mapped.push({ para: 0, from: `core property creator “${core.creator}”`, to: 'book.yaml contributors' });
    asm.unsure.push({ para: 0, message: `contributors: the role 著 is assumed for ${names.join('、')} (the document's author property); write 主编, 编著, 译 … if it is another` });
  }
  if (core.language && /^zh\b/i.test(core.language)) meta.language = core.language;
  const slug = slugFromFile(source);
  if (slug && !meta.slug) {
    // slug first, as in every book.yaml: rebuild the draft in that key order.
    const rest: DraftMetadata = { ...meta };
    for (const key of Object.keys(meta)) Reflect.deleteProperty(meta, key);
    Object.assign(meta, { slug }, rest);
    drop('slug');
    asm.unsure.push({ para: 0, message: `slug ${slug} is taken from the file name; change it if the output files should be named otherwise` });
  }
}
