/**
 * One chapter's blocks → its Markdown body: headings below the chapter level, paragraphs,
 * block quotations, lists (Chinese-numbered ones as the numbered paragraphs Word prints),
 * tables as pipe tables, and the chapter's footnotes and endnotes as Markdown footnotes in
 * the order they are cited.
 */
import type { DocBlock, ParagraphBlock, TableBlock } from './document.js';
import { paragraphMarkdown, type InlineContext } from './markdown.js';
import { roleOf, type StyleMap } from './structure.js';
import { formatNumber, type Numbering } from './styles.js';

export interface RenderNote {
  (note: 'footnote' | 'endnote', id: string): DocBlock[] | undefined;
}

export interface RenderEnv {
  styleMap: StyleMap;
  numbering: Numbering;
  /** Heading level of the chapters (headings below it become ##, ###, …). */
  chapterLevel: number;
  imagePath(part: string): string | undefined;
  note: RenderNote;
  unsure(para: number, message: string): void;
  /** Records what went where, for the report (`to` is completed with the chapter's file). */
  mapped(para: number, from: string, to: string): void;
}

interface ListState {
  counters: Map<string, number[]>;
}

const MAPPED_HEADING: Record<string, number> = { heading2: 2, heading3: 3, heading4: 4 };

function headingHashes(block: ParagraphBlock, env: RenderEnv): number | undefined {
  const { role, level } = roleOf(block, env.styleMap);
  const mapped = MAPPED_HEADING[role];
  if (mapped) return mapped;
  if (level === undefined) return undefined;
  return Math.min(6, Math.max(2, level - env.chapterLevel + 1));
}

/** A Markdown list item, or (for Chinese and other numberings) the numbered paragraph Word prints. */
function listItem(block: ParagraphBlock, text: string, env: RenderEnv, lists: ListState): { text: string; list: string | undefined } {
  const { numId, ilvl } = block.list ?? { numId: '', ilvl: 0 };
  const level = env.numbering.level(numId, ilvl);
  const counters = lists.counters.get(numId) ?? [];
  counters[ilvl] = (counters[ilvl] ?? (level?.start ?? 1) - 1) + 1;
  counters.length = ilvl + 1;
  lists.counters.set(numId, counters);
  const n = counters[ilvl] ?? 1;
  const indent = '    '.repeat(ilvl);
  if (!level || level.format === 'bullet') return { text: `${indent}- ${text.replace(/\n/g, `\n${indent}  `)}`, list: numId };
  if (level.format === 'decimal') return { text: `${indent}${n}. ${text.replace(/\n/g, `\n${indent}   `)}`, list: numId };
  const label = level.text.replace(/%(\d)/g, (_m, k: string) => {
    const depth = Number(k) - 1;
    const value = counters[depth] ?? 1;
    const lvl = env.numbering.level(numId, depth);
    return formatNumber(lvl?.format ?? 'decimal', value) ?? String(value);
  });
  return { text: `${label}${text}`, list: undefined };
}

/** A cell is one line in a pipe table: its paragraphs and line breaks are joined with a space (U+3000 between Chinese). */
function cellText(cell: { paragraphs: ParagraphBlock[] }, ctx: InlineContext): string {
  const join = (a: string, b: string): string => (/[\x21-\x7e]$/.test(a) || /^[\x21-\x7e]/.test(b) ? `${a} ${b}` : `${a}\u3000${b}`);
  return cell.paragraphs
    .flatMap((p) => paragraphMarkdown(p.spans, ctx).split('\\\n'))
    .filter((t) => t !== '')
    .reduce((acc, t) => (acc === '' ? t : join(acc, t)), '');
}

function table(block: TableBlock, ctx: InlineContext, env: RenderEnv): string {
  env.mapped(block.para, `table of ${block.rows.length} rows`, 'pipe table');
  const rows = block.rows.map((row) =>
    row.flatMap((cell) => {
      if (cell.paragraphs.filter((p) => p.spans.length > 0).length > 1) {
        env.unsure(cell.paragraphs[0]?.para ?? block.para, 'a table cell holds several paragraphs; they are joined with a space (Markdown table cells are one line)');
      }
      if (cell.span > 1) env.unsure(cell.paragraphs[0]?.para ?? block.para, `a table cell spans ${cell.span} columns; written in the first, the others left empty`);
      if (cell.continued) env.unsure(cell.paragraphs[0]?.para ?? block.para, 'a vertically merged table cell; its text stands in the first row of the merge, the others are empty');
      return [cell.continued ? '' : cellText(cell, ctx), ...Array<string>(Math.max(0, cell.span - 1)).fill('')];
    }),
  );
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]): string => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** Body Markdown and the note definitions, numbered per chapter in citation order. */
export function renderBody(blocks: DocBlock[], env: RenderEnv): string {
  const order: { note: 'footnote' | 'endnote'; id: string; para: number }[] = [];
  let para = 0;
  const ctx: InlineContext = {
    noteLabel(note, id) {
      let n = order.findIndex((o) => o.note === note && o.id === id) + 1;
      if (n === 0) n = order.push({ note, id, para });
      return `[^${n}]`;
    },
    imagePath: (part) => env.imagePath(part),
  };
  const out: string[] = [];
  const lists: ListState = { counters: new Map() };
  // The list a paragraph continues (kind and numbering id), or quote, or other.
  let previous = 'other';
  for (const block of blocks) {
    para = block.para;
    if (block.kind === 'table') {
      out.push(table(block, ctx, env));
      previous = 'other';
      continue;
    }
    const text = paragraphMarkdown(block.spans, ctx);
    if (text.trim() === '') continue;
    const hashes = headingHashes(block, env);
    const role = roleOf(block, env.styleMap).role;
    if (hashes !== undefined) {
      env.mapped(block.para, `${block.style?.name ?? 'heading'} “${text.replace(/\\\n/g, ' ')}”`, '#'.repeat(hashes));
      out.push(`${'#'.repeat(hashes)} ${text.replace(/\\\n/g, ' ').replace(/#+$/, (m) => m.replace(/#/g, '\\#'))}`);
      previous = 'other';
    } else if (block.list) {
      const item = listItem(block, text, env, lists);
      if (item.list !== undefined && previous === item.list) out[out.length - 1] += `\n${item.text}`;
      else out.push(item.text);
      previous = item.list ?? 'other';
    } else if (role === 'quote') {
      const quoted = text.split('\n').map((l) => `> ${l}`).join('\n');
      if (previous === 'quote') out[out.length - 1] += `\n>\n${quoted}`;
      else out.push(quoted);
      previous = 'quote';
    } else {
      out.push(text);
      previous = 'other';
    }
  }
  const definitions = noteDefinitions(order, ctx, env);
  return [...out, ...definitions].join('\n\n') + (out.length + definitions.length > 0 ? '\n' : '');
}

function noteDefinitions(order: { note: 'footnote' | 'endnote'; id: string; para: number }[], ctx: InlineContext, env: RenderEnv): string[] {
  const out: string[] = [];
  // A note's own text may cite another note (rare); the list grows while it is read.
  for (let i = 0; i < order.length; i++) {
    const o = order[i] as { note: 'footnote' | 'endnote'; id: string; para: number };
    const blocks = env.note(o.note, o.id) ?? [];
    env.mapped(o.para, `${o.note} ${o.id}`, `[^${i + 1}]`);
    const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [paragraphMarkdown(b.spans, ctx)] : [table(b, ctx, env)])).filter((t) => t.trim() !== '');
    if (paragraphs.length === 0) env.unsure(0, `${o.note} ${o.id} is empty or missing in the document`);
    const [first = '', ...rest] = paragraphs;
    const indented = rest.map((p) => p.split('\n').map((l) => `    ${l}`).join('\n'));
    out.push([`[^${i + 1}]: ${first.split('\n').join('\n    ')}`, ...indented].join('\n\n'));
  }
  return out;
}
