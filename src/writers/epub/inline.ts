/** Inline AST → XHTML phrasing content. */
import type { Inline } from '../../model/book.js';
import { noteMarker } from '../../derive/note-marker.js';
import { missingPieces } from '../../kinds/missing.js';
import { LABELS } from './labels.js';
import { markEnglish } from './latin.js';
import { appendMath } from './math.js';
import { relativeHref, textHref } from './paths.js';
import type { RenderContext } from './render-context.js';
import { epubType, setLanguage, type XMLBuilder } from './xml.js';

export function renderInlines(parent: XMLBuilder, inlines: Inline[], ctx: RenderContext): void {
  for (const inline of inlines) renderInline(parent, inline, ctx);
}

function renderInline(parent: XMLBuilder, inline: Inline, ctx: RenderContext): void {
  switch (inline.type) {
    case 'text':
      renderText(parent, inline.value);
      return;
    case 'emphasis':
      renderInlines(parent.ele('em'), inline.children, ctx);
      return;
    case 'strong':
      renderInlines(parent.ele('strong'), inline.children, ctx);
      return;
    case 'code':
      parent.ele('code').txt(inline.value);
      return;
    case 'link': {
      const a = parent.ele('a').att('href', ctx.linkHref(inline.href));
      if (inline.title) a.att('title', inline.title);
      renderInlines(a, inline.children, ctx);
      return;
    }
    case 'image':
      renderImage(parent, inline, ctx);
      return;
    case 'break':
      parent.ele('br');
      return;
    case 'footnoteRef':
      renderNoteRef(parent, inline);
      return;
    case 'math':
      appendMath(parent, inline.tex, inline.display);
      return;
    case 'ref': {
      const text = inline.text ?? inline.label;
      if (!inline.target) {
        parent.txt(text);
        return;
      }
      const file = relativeHref(ctx.href, textHref(inline.target.chapterId));
      const fragment = inline.target.id === inline.target.chapterId ? '' : `#${inline.target.id}`;
      parent.ele('a').att('href', `${file}${fragment}`).txt(text);
      return;
    }
  }
}

/**
 * Text; a 缺字 placeholder and its 【…】 note are set apart for the proofreader, and English
 * words are marked as English so that readers can hyphenate them (./latin.ts).
 */
function renderText(parent: XMLBuilder, value: string): void {
  for (const piece of missingPieces(value)) {
    if (piece.kind === 'text') {
      for (const run of markEnglish(piece.text)) {
        if (run.english) setLanguage(parent.ele('span'), 'en').txt(run.text);
        else parent.txt(run.text);
      }
    } else parent.ele('span').att('class', piece.kind === 'mark' ? 'missing-char' : 'missing-note').txt(piece.text);
  }
}

function renderImage(parent: XMLBuilder, image: Extract<Inline, { type: 'image' }>, ctx: RenderContext): void {
  const embedded = ctx.image(image.src);
  // A missing image is reported by validation, not here; writing a dangling <img> would make
  // the EPUB invalid.
  if (!embedded) return;
  // alt exactly as written: an empty alt marks a decorative image and must stay empty.
  const img = parent.ele('img').att('src', relativeHref(ctx.href, embedded.href)).att('alt', image.alt);
  // The size lets a reader reserve the space before the image loads (no reflow jumps).
  if (embedded.width && embedded.height) img.att('width', String(embedded.width)).att('height', String(embedded.height));
  if (image.title) img.att('title', image.title);
}

function renderNoteRef(parent: XMLBuilder, ref: Extract<Inline, { type: 'footnoteRef' }>): void {
  const a = parent.ele('a');
  epubType(a, 'noteref');
  a.att('role', 'doc-noteref').att('href', `#${ref.noteId}`).att('id', ref.refId).att('class', 'noteref');
  // Circled numbers sit on the baseline at text size in Chinese print; no <sup>.
  a.att('aria-label', `${LABELS.noteRef}${ref.number}`).txt(noteMarker(ref.number));
}
