/**
 * Runs → Markdown text. Bold is `**…**`, italic and Chinese emphasis marks (着重号) are `*…*`
 * (hanpress prints emphasis in the 黑体 face: Chinese has no italics); spaces at the edge of a
 * formatted run move outside the markers, which CommonMark needs. Every character Markdown
 * would read as syntax is escaped, so the text comes back exactly as the author typed it;
 * non-breaking and full-width spaces stay as they are.
 */
import type { Span } from './document.js';

export interface InlineContext {
  /** `[^n]` for a note reference, numbering notes in citation order. */
  noteLabel(note: 'footnote' | 'endnote', id: string): string;
  /** Project path of an extracted image. */
  imagePath(part: string): string | undefined;
}

const SPECIAL = /[\\`*_[\]~|<>]|&(?=#?[A-Za-z0-9]+;)/g;

export function escapeText(text: string): string {
  return text.replace(SPECIAL, (m) => `\\${m}`);
}

/** A line that would start a heading, quote, list, rule or code block is escaped there. */
export function escapeLineStart(line: string): string {
  if (/^(#{1,6}(?:\s|$)|[-+=](?:\s|$)|>)/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1]?.length ?? 0)}`;
  return line;
}

function wrap(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const [, lead = '', core = '', trail = ''] = m ?? [];
  return core === '' ? text : `${lead}${marker}${core}${marker}${trail}`;
}

function textGroups(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (s.kind === 'text' && last?.kind === 'text' && last.bold === s.bold && last.italic === s.italic) last.text += s.text;
    else out.push(s.kind === 'text' ? { ...s } : s);
  }
  return out;
}

export function renderSpans(spans: Span[], ctx: InlineContext): string {
  return textGroups(spans)
    .map((s): string => {
      switch (s.kind) {
        case 'text': {
          const text = escapeText(s.text.replace(/\t/g, ' '));
          const marker = (s.bold ? '**' : '') + (s.italic ? '*' : '');
          return marker ? wrap(text, marker) : text;
        }
        case 'break':
          return '\\\n';
        case 'note':
          return ctx.noteLabel(s.note, s.id);
        case 'image': {
          const path = ctx.imagePath(s.image.part);
          return path ? `![${escapeText(s.image.alt)}](${path})` : '';
        }
        case 'link':
          return `[${renderSpans(s.spans, ctx)}](<${s.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
      }
    })
    .join('');
}

/** Plain text of runs, for titles and the report. */
export function plainSpans(spans: Span[]): string {
  return spans
    .map((s) => {
      switch (s.kind) {
        case 'text':
          return s.text;
        case 'link':
          return plainSpans(s.spans);
        case 'break':
          return '\n';
        default:
          return '';
      }
    })
    .join('');
}

/** A paragraph's Markdown: leading indentation dropped (the book's design indents), line starts escaped. */
export function paragraphMarkdown(spans: Span[], ctx: InlineContext): string {
  const text = renderSpans(spans, ctx).replace(/^[ \t\u3000\u00a0]+/, '').replace(/[ \t]+$/, '');
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? escapeLineStart(line) : escapeLineStart(line.replace(/^[ \t]+/, ''))))
    .join('\n');
}
