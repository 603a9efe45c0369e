/**
 * One chapter → one section: its head (section label, title lines in 黑体, ——subtitle,
 * （date）, byline) as an opening box, its body, and its notes — page-foot notes (页下注) handed
 * to the paginator by key, or 篇末注 set after the body.
 */
import type { StyledText } from '../cjk/index.js';
import type { Chapter, Footnote } from '../model/book.js';
import { inlineRuns } from '../model/walk.js';
import { renderBody, setInlines, type FlowContext, type ChapterScope } from './blocks.js';
import { slotsFor } from './grid.js';
import { balanceHeadline, emsOf } from './headline.js';
import { coupletLines, splitCouplet } from '../kinds/couplet.js';
import type { Box, FlowItem, OutlineEntry, RunStyle, Section, TextLine } from './model.js';
import { Stack, styleOf } from './stack.js';
import { circledNumber, noteDestination } from './text.js';

/** Two-character section names are set with a space between: 前言 → 前　言. */
export function spacedLabel(label: string): string {
  const chars = Array.from(label);
  return chars.length === 2 ? chars.join('\u3000') : label;
}

export interface ChapterOptions {
  start: 'recto' | 'page';
  head: string;
  /** Outline parent (the part) for articles. */
  outlineParent?: string;
}

function headBox(chapter: Chapter, cx: FlowContext, outline: OutlineEntry): Box {
  const { typo, fonts, grid } = cx;
  const stack = new Stack(grid.width);
  let placed = false;
  const add = (text: string, name: Parameters<typeof styleOf>[1], first: boolean): void => {
    const spec = typo.spec(name);
    if (first || name !== 'articleTitle') stack.space(spec.spaceBefore ?? 0);
    // The chapter's destination (TOC, outline, links) is the top of its first printed line.
    if (!placed) stack.dest(chapter.id);
    placed = true;
    stack.text(text, name, typo, fonts, spec.align ?? 'center');
    if (name === 'sectionLabel') stack.space(spec.spaceAfter ?? 0);
  };
  if (chapter.label) add(spacedLabel(chapter.label), 'sectionLabel', true);
  const titleEms = (grid.width / typo.size('articleTitle')) * 0.98;
  const couplet = typo.design.structure.titleBreak === 'couplet' && !chapter.label ? splitCouplet(chapter.title) : undefined;
  if (couplet?.label) {
    add(couplet.label, 'titleLabel', true);
    stack.space(typo.spec('titleLabel').spaceAfter ?? 0);
  }
  const titleLines = couplet ? coupletLines(couplet.phrases, titleEms, emsOf) : chapter.titleLines;
  titleLines.flatMap((l) => balanceHeadline(l, titleEms)).forEach((line, i) => add(line, 'articleTitle', i === 0 && !couplet?.label));
  if (chapter.subtitle) add(`——${chapter.subtitle}`, 'articleSubtitle', false);
  if (chapter.date) add(`（${chapter.date}）`, 'articleDate', false);
  if (chapter.author) add(chapter.author, 'byline', false);
  stack.space(typo.spec('articleHeadEnd').spaceAfter ?? 0);
  return { kind: 'box', slots: slotsFor(stack.y, grid.pitch), items: stack.items, keepWithNext: true, blockIndex: -1, outline: [outline], opening: true };
}

/** A note's lines at the note size, opening with its number (the page's, for page-foot notes). */
function noteLines(note: Footnote, scope: ChapterScope): TextLine[] {
  const { typo, grid, footNotes } = scope.cx;
  const dest = noteDestination(scope.chapterId, note.id);
  const style: RunStyle = { ...styleOf(typo, 'footnote'), id: dest, goTo: note.refIds[0] };
  if (footNotes) style.noteKey = dest;
  const marker: Array<StyledText<RunStyle>> = [{ text: `${circledNumber(footNotes ? 1 : note.number)}\u3000`, style }];
  // Lists, quotations and tables inside a note are set as its paragraphs: nothing is dropped.
  const paragraphs = [...inlineRuns(note.blocks)].map((r) => r.inlines);
  if (paragraphs.length === 0) paragraphs.push([]);
  return paragraphs.flatMap((inlines, i) => setInlines(inlines, 'footnote', scope, { measure: grid.width, indent: 0, ...(i === 0 ? { lead: marker } : {}) }));
}

/** 篇末注: a short rule, then each note led by its number, after the body. */
function endNotes(notes: Footnote[], scope: ChapterScope): FlowItem[] {
  if (notes.length === 0) return [];
  const { typo, grid } = scope.cx;
  const leading = typo.leading('footnote');
  const rule = typo.spec('footnoteRule');
  const out: FlowItem[] = [];
  const ruleStack = new Stack(grid.width).space(rule.spaceBefore ?? 0).rule(0, grid.width / 4, 0.5);
  out.push({ kind: 'box', slots: slotsFor((rule.spaceBefore ?? 0) + (rule.spaceAfter ?? 0), grid.pitch), items: ruleStack.items });
  for (const note of notes) {
    const lines = noteLines(note, scope);
    const stack = new Stack(grid.width);
    for (const line of lines) stack.line(line, leading, 'left');
    out.push({ kind: 'rows', header: { height: 0, items: [] }, rows: [{ height: stack.y, items: stack.items }] });
  }
  return out;
}

export function chapterSection(chapter: Chapter, cx: FlowContext, options: ChapterOptions): Section {
  const scope: ChapterScope = { cx, chapterId: chapter.id };
  const outline: OutlineEntry = { id: chapter.id, title: chapter.label ?? chapter.title, ...(options.outlineParent ? { parent: options.outlineParent } : {}) };
  const items: FlowItem[] = [headBox(chapter, cx, outline), ...renderBody(chapter.blocks, scope)];
  const notes = new Map<string, TextLine[]>();
  if (cx.footNotes) for (const note of chapter.footnotes) notes.set(noteDestination(chapter.id, note.id), noteLines(note, scope));
  else items.push(...endNotes(chapter.footnotes, scope));
  return { kind: 'text', start: options.start, head: options.head, chapterId: chapter.id, items, notes };
}
