/**
 * `hanpress import`: OCR text of a printed book → a book project (book.yaml, front/*.md,
 * chapters/*.md) and the report of every change and every unsure place. Pure: text in, file
 * texts out; the CLI writes them.
 */
import { buildChapters, unplacedText, type ChapterFile, type PartOut } from './chapters.js';
import { readFrontSections, type FrontSection } from './front.js';
import { parseBoard } from './meta/board.js';
import { draftMetadata, type DraftMetadata, type Missing } from './meta/book-meta.js';
import { parseCip } from './meta/cip.js';
import { parseColophon } from './meta/colophon.js';
import { parseTitlePage } from './meta/title-page.js';
import { removeFolios } from './rules/folios.js';
import { removeLogoMarks } from './rules/logo-marks.js';
import { removeRunningHeads, removeUnmarkedHeads } from './rules/running-heads.js';
import { splitVolumeMark } from './rules/superscript.js';
import { segment, type Segments } from './segment.js';
import { parseToc, type TocPart } from './toc/parse.js';
import { ChangeLog, toLines, type Change, type SourceLine, type Unsure } from './types.js';

export interface ImportedBook {
  source: string;
  lineCount: number;
  meta: DraftMetadata;
  missing: Missing[];
  front: FrontSection[];
  chapters: ChapterFile[];
  parts: PartOut[];
  toc: TocPart[];
  unplaced: string;
  changes: Change[];
  unsure: Unsure[];
}

/** The book's title as its first line gives it, to recognise running heads by. */
function bookTitle(lines: SourceLine[]): string | undefined {
  const first = lines.find((l) => l.text.trim() !== '');
  return first ? splitVolumeMark(first).value.title.replace(/\s+/g, '') : undefined;
}

function regionRecord(lines: SourceLine[], what: string): Change[] {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const first = nonBlank[0];
  const last = nonBlank[nonBlank.length - 1];
  if (!first || !last) return [];
  return [{ rule: 'metadata', line: first.no, before: `lines ${first.no}–${last.no}`, after: what, note: 'read as data, not copied into the text' }];
}

function tocRecords(toc: TocPart[], chapters: ChapterFile[]): Change[] {
  const articles = toc.flatMap((p) => p.articles);
  const parts = toc.filter((p) => p.label !== '').map((p): Change => ({ rule: 'toc', line: p.line, before: `${p.label} ${p.title}`, after: 'book.yaml contents.parts', note: 'printed TOC part heading' }));
  const entries = articles.map((a, i): Change => ({
    rule: 'toc',
    line: a.lines[0] ?? 0,
    before: `lines ${a.lines.join(', ')}${a.sections.length > 0 ? ` + sections on lines ${a.sections.map((s) => s.line).join(', ')}` : ''}`,
    after: chapters[i]?.file ?? '',
    note: 'printed TOC entry (hanpress generates the TOC)',
  }));
  return [...parts, ...entries];
}

function crossChecks(meta: DraftMetadata, seg: Segments, colophonTitle: string | undefined, log: ChangeLog): void {
  const t = meta.title;
  if (!t || !colophonTitle) return;
  const line = seg.colophon.find((l) => l.text.trim() === colophonTitle)?.no ?? 0;
  const expected = `${t.main}${t.partNumber ?? ''}${t.partName ? `——${t.partName}` : ''}`;
  const read = colophonTitle.replace(/\s+/g, '').replace(/II/, 'Ⅱ').replace(/[(（].*$/, '');
  // Some colophons print the other title information too: 民法典释义与案例——以典型案例为中心.
  const withOther = t.otherInfo && !t.partName ? `${expected}——${t.otherInfo}` : expected;
  if (read !== expected && read !== withOther) log.unsure.push({ rule: 'metadata', line, message: `版本记录 title line "${colophonTitle}" differs from the title page (${expected})` });
}

export function importOcr(text: string, source: string): ImportedBook {
  const log = new ChangeLog();
  const all = toLines(text);
  const title = bookTitle(all);
  const marked = log.take(removeRunningHeads(log.take(removeLogoMarks(all)), title));
  const cleaned = log.take(removeFolios(log.take(removeUnmarkedHeads(marked, title))));
  const seg = segment(cleaned);
  const titlePage = log.take(parseTitlePage(seg.titlePages));
  const cip = log.take(parseCip(seg.cip));
  const colophon = log.take(parseColophon(seg.colophon));
  const board = log.take(parseBoard(seg.board));
  const { meta, missing } = draftMetadata({ titlePage, cip, colophon, board });
  crossChecks(meta, seg, colophon.titleLine?.value, log);
  const lastColophon = seg.colophon.filter((l) => l.text.trim() !== '').at(-1);
  if (lastColophon && !colophon.rights) {
    log.unsure.push({ rule: 'metadata', line: lastColophon.no, message: `the 版本记录 has no 版权所有 line; it was taken to end here, before the next page (line ${lastColophon.no})` });
  }
  const front = log.take(readFrontSections(seg.front));
  const toc = log.take(parseToc(seg.toc));
  const { chapters, parts } = log.take(buildChapters(toc, seg.body));
  meta.contents = { front: front.map((f) => f.file), parts: parts.map((p) => ({ label: p.label, title: p.title, chapters: p.chapters })) };
  log.changes.push(
    ...regionRecord(seg.titlePages, 'book.yaml title, contributors, publisher'),
    ...regionRecord(seg.cip, 'book.yaml isbn, cip'),
    ...regionRecord(seg.colophon, 'book.yaml publisher, staff, print, edition, price, notice, rights'),
    ...regionRecord(seg.board, 'book.yaml contributors'),
    ...tocRecords(toc, chapters),
  );
  if (parts.some((p) => p.label === '')) missing.push({ field: 'contents.parts', why: 'the TOC has no part headings (第一编 …); write a label and title for the part' });
  return {
    source,
    lineCount: all.length,
    meta,
    missing,
    front,
    chapters,
    parts,
    toc,
    unplaced: unplacedText(seg.body, toc),
    changes: [...log.changes].sort((a, b) => a.line - b.line),
    unsure: [...log.unsure].sort((a, b) => a.line - b.line),
  };
}
