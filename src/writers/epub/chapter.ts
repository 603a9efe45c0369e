/**
 * One chapter (preface or article) as one XHTML document: the headline block as printed
 * (label, title lines, subtitle, date, byline), the body, and its footnotes as EPUB 3 notes
 * in the same file, so pop-up notes work in Apple Books, Kobo and Thorium.
 */
import type { Chapter, Footnote } from '../../model/book.js';
import { noteMarker } from '../../derive/note-marker.js';
import { splitCouplet } from '../../kinds/couplet.js';
import { renderBlocks } from './blocks.js';
import { renderPageBreak, type PageTarget } from './page-breaks.js';
import { LABELS } from './labels.js';
import { textHref } from './paths.js';
import type { RenderContext } from './render-context.js';
import { createXhtml, serialize } from './xhtml.js';
import { epubType, type XMLBuilder } from './xml.js';

export function chapterHref(chapter: Chapter): string {
  return textHref(chapter.id);
}

/** A 回目: the number on a line of its own, then the phrases, each kept whole (CSS inline-block). */
function renderCouplet(h1: XMLBuilder, title: string): void {
  const { label, phrases } = splitCouplet(title);
  h1.att('class', 'chapter-title couplet');
  if (label) {
    h1.ele('span').att('class', 'title-label').txt(label);
    h1.ele('br');
  }
  phrases.forEach((phrase, i) => {
    if (i > 0) h1.txt('\u3000');
    h1.ele('span').att('class', 'title-phrase').txt(phrase);
  });
}

function renderHeader(section: XMLBuilder, chapter: Chapter, ctx: RenderContext): void {
  const header = section.ele('header');
  if (chapter.label) header.ele('p').att('class', 'chapter-label').txt(chapter.label);
  const h1 = header.ele('h1').att('class', 'chapter-title');
  if (ctx.structure?.titleBreak === 'couplet' && !chapter.label) renderCouplet(h1, chapter.title);
  else chapter.titleLines.forEach((line, i) => {
    if (i > 0) h1.ele('br');
    h1.ele('span').att('class', 'title-line').txt(line);
  });
  if (chapter.subtitle) header.ele('p').att('class', 'subtitle').txt(`${LABELS.subtitleDash}${chapter.subtitle}`);
  if (chapter.date) header.ele('p').att('class', 'date').txt(`${LABELS.dateOpen}${chapter.date}${LABELS.dateClose}`);
  if (chapter.author) header.ele('p').att('class', 'byline').txt(chapter.author);
}

/** Back links first, as in print the note number leads the note. */
function renderFootnote(parent: XMLBuilder, note: Footnote, ctx: RenderContext): void {
  const aside = epubType(parent.ele('aside'), 'footnote').att('role', 'doc-footnote').att('id', note.id).att('class', 'footnote');
  const marker = aside.ele('p').att('class', 'footnote-marker');
  note.refIds.forEach((refId, i) => {
    // A note cited twice gets one back link per citation: ①a, ①b.
    const label = `${noteMarker(note.number)}${note.refIds.length > 1 ? String.fromCharCode(0x61 + i) : ''}`;
    marker.ele('a').att('href', `#${refId}`).att('role', 'doc-backlink').att('aria-label', `${LABELS.backLink}${note.number}`).txt(label);
  });
  renderBlocks(aside, note.blocks, ctx);
}

export function renderChapter(chapter: Chapter, language: string, ctx: RenderContext): string {
  const isPreface = chapter.kind === 'preface';
  const { doc, body } = createXhtml({
    href: ctx.href,
    title: chapter.label ?? chapter.title,
    language,
    bodyClass: isPreface ? 'preface' : 'article',
  });
  const section = epubType(body.ele('section'), isPreface ? 'preface' : 'chapter')
    .att('role', isPreface ? 'doc-preface' : 'doc-chapter')
    .att('id', chapter.id);
  const breaks = ctx.pageBreaks ?? new Map<number, PageTarget[]>();
  for (const target of breaks.get(-1) ?? []) renderPageBreak(section, target);
  renderHeader(section, chapter, ctx);
  chapter.blocks.forEach((block, i) => {
    for (const target of breaks.get(i) ?? []) renderPageBreak(section, target);
    renderBlocks(section, [block], ctx);
  });
  if (chapter.footnotes.length > 0) {
    const notes = epubType(section.ele('section'), 'footnotes').att('class', 'footnotes');
    for (const note of chapter.footnotes) renderFootnote(notes, note, ctx);
  }
  return serialize(doc);
}
