/**
 * Generated pages, each laid out whole on its page: 扉页 (title page), 版权页 (CIP block and
 * 版本记录) on its verso, 编委会 (editorial board), and the part title pages (编页).
 */
import type { CopyrightPage, TitlePage } from '../derive/front-pages.js';
import type { RoleGroup } from '../derive/responsibility.js';
import type { Part } from '../model/book.js';
import type { FlowContext } from './blocks.js';
import { Typography, type Design, type StyleName, type StyleSpec } from './design.js';
import { balanceHeadline } from './headline.js';
import type { PageItem, Section, TextLine } from './model.js';
import { Stack, styleOf } from './stack.js';
import { plainLines } from './plain-lines.js';
import { lineWidth, naturalLine } from './text.js';

/** How far a generated page's styles are scaled to fit: spaces, type sizes, leadings. */
interface Scale {
  space: number;
  size: number;
  leading: number;
}

/** The design with `names` scaled: a generated page that would overflow is set tighter. */
function scaled(typo: Typography, names: readonly StyleName[], scale: Scale): Typography {
  if (scale.space === 1 && scale.size === 1 && scale.leading === 1) return typo;
  const { design } = typo;
  const styles: Record<string, StyleSpec> = { ...design.styles };
  const times = (n: number | undefined, by: number): number | undefined => (n === undefined ? undefined : n * by);
  for (const name of names) {
    const spec = design.styles[name];
    styles[name] = {
      ...spec,
      size: times(spec.size, scale.size),
      leading: (spec.leading ?? design.styles.body.leading) * scale.leading,
      spaceBefore: times(spec.spaceBefore, scale.space),
      spaceAfter: times(spec.spaceAfter, scale.space),
    };
  }
  // Only the named styles changed; body keeps its required size and leading.
  return new Typography({ ...design, styles: styles as Design['styles'] });
}

const TITLE_STYLES = ['titleMain', 'titlePartNumber', 'titleSubtitle', 'titleResponsibility'] as const;
/** The white between the title lines goes first (to 30%), then the type shrinks (to 60%). */
const TITLE_STEPS: Scale[] = [
  ...[1, 0.75, 0.5, 0.3].map((space) => ({ space, size: 1, leading: 1 })),
  ...[0.9, 0.8, 0.7, 0.6].map((size) => ({ space: 0.3, size, leading: 1 })),
];

/** 正书名 with the 分辑号 in its own size after it; balanced lines when it is wider than the page. */
function mainTitleLines(page: TitlePage, cx: FlowContext): TextLine[] {
  const { typo, fonts, grid } = cx;
  const style = styleOf(typo, 'titleMain');
  const part = page.partNumber
    ? naturalLine(page.partNumber, { ...style, ...styleOf(typo, 'titlePartNumber'), bold: typo.spec('titlePartNumber').bold ?? true }, fonts)
    : undefined;
  const partWidth = part ? lineWidth(part) : 0;
  const whole = naturalLine(page.main, style, fonts);
  const texts = lineWidth(whole) + partWidth <= grid.width ? [page.main] : balanceHeadline(page.main, ((grid.width - partWidth) / style.size) * 0.98);
  const lines = texts.map((t) => (texts.length === 1 ? whole : naturalLine(t, style, fonts)));
  const last = lines.at(-1);
  if (part && last) {
    const end = last.runs.reduce((x, r) => Math.max(x, r.x + r.width), 0);
    last.runs.push(...part.runs.map((r) => ({ ...r, x: r.x + end })));
  }
  return lines;
}

/** Title, subtitle and responsibility lines from the top of the text block. */
function titleStack(page: TitlePage, cx: FlowContext): Stack {
  const { typo, fonts, grid } = cx;
  const stack = new Stack(grid.width).space(typo.spec('titleMain').spaceBefore ?? 0);
  for (const line of mainTitleLines(page, cx)) stack.line(line, typo.leading('titleMain'), 'center');
  if (page.subtitle) stack.space(typo.spec('titleSubtitle').spaceBefore ?? 0).text(page.subtitle, 'titleSubtitle', typo, fonts, 'center');
  page.responsibility.forEach((line, i) => {
    if (i === 0) stack.space(typo.spec('titleResponsibility').spaceBefore ?? 0);
    stack.text(line, 'titleResponsibility', typo, fonts, 'center');
  });
  return stack;
}

/**
 * 扉页: title, subtitle and responsibility from the top, the publisher on the last lines of the
 * text block, a line of white at least between them. On a small 开本 the spaces and then the
 * type of the upper block shrink step by step until it fits, so nothing reaches the next page.
 */
export function titleSection(page: TitlePage, cx: FlowContext): Section {
  const { typo, fonts, grid } = cx;
  const publisherHeight = new Stack(grid.width).text(page.publisher, 'titlePublisher', typo, fonts, 'center').y;
  const room = cx.textHeight - publisherHeight - typo.leading('titlePublisher');
  let top = titleStack(page, cx);
  for (const step of TITLE_STEPS) {
    top = titleStack(page, { ...cx, typo: scaled(typo, TITLE_STYLES, step) });
    if (top.y <= room) break;
  }
  const publisher = new Stack(grid.width);
  publisher.y = cx.textHeight - publisherHeight;
  publisher.text(page.publisher, 'titlePublisher', typo, fonts, 'center');
  return fixed('front', [...top.items, ...publisher.items]);
}

function fixed(kind: Section['kind'], items: PageItem[], start: Section['start'] = 'page', extra: Partial<Section> = {}): Section {
  return { kind, start, head: '', items: [], notes: new Map(), fixed: items, ...extra };
}

/**
 * The ISBD area separator (". —" in GB/T 12451-2001, ". -- " in 2023) and the word after it
 * stay on one line: a line never ends in "." or "—" there and never starts with "—".
 */
/** Nothing is kept whole in the 版本记录's values. */
const NO_RUN = /(?!)/g;

export const AREA_SEPARATOR = /\.\s?(?:—|--)\s?[^\s:：,，]*/g;

/** The copyright page's styles, whose leading and spacing tighten before the page overflows. */
const COPYRIGHT_STYLES = ['cipHeading', 'cip', 'cipRule', 'recordTitle', 'record', 'notice', 'rights'] as const;
/** 1.6 em leading goes no lower than 1.2 em. */
const TIGHTENING = [1, 0.95, 0.9, 0.85, 0.8, 0.75];

/**
 * 版权页: the CIP block, a rule, the 版本记录. On a small 开本 the page's leading and spacing
 * tighten step by step until it fits the text block; it never runs onto the next page.
 */
export function copyrightSection(page: CopyrightPage, cx: FlowContext): Section {
  let items: PageItem[] = [];
  for (const factor of TIGHTENING) {
    const stack = copyrightStack(page, { ...cx, typo: scaled(cx.typo, COPYRIGHT_STYLES, { space: factor, size: 1, leading: factor }) });
    items = stack.items;
    if (stack.y <= cx.textHeight) break;
  }
  return fixed('front', items);
}

function copyrightStack(page: CopyrightPage, cx: FlowContext): Stack {
  const { typo, fonts, grid } = cx;
  const stack = new Stack(grid.width);
  stack.text(page.cip.heading, 'cipHeading', typo, fonts).space(typo.spec('cipHeading').spaceAfter ?? 0);
  const cip = styleOf(typo, 'cip');
  for (const p of page.cip.paragraphs) {
    const lines = plainLines(p, cip, grid.width, (typo.spec('cip').indent ?? 0) * cip.size, AREA_SEPARATOR, fonts);
    for (const line of lines) stack.line(line, typo.leading('cip'));
  }
  const ruleSpec = typo.spec('cipRule');
  stack.space(ruleSpec.spaceBefore ?? 0).rule(0, grid.width, 0.5).space(ruleSpec.spaceAfter ?? 0);
  stack.text(page.titleLine, 'recordTitle', typo, fonts).space(typo.spec('recordTitle').spaceAfter ?? 0);
  const record = styleOf(typo, 'record');
  const labelWidth = record.size * 5;
  const leading = typo.leading('record');
  for (const r of page.records) {
    // The label shares the baseline of the record's first value line.
    stack.line(naturalLine(r.label, record, fonts), leading).space(-leading);
    for (const value of r.values) {
      for (const line of plainLines(value, record, grid.width - labelWidth, 0, NO_RUN, fonts)) stack.line(line, leading, 'left', labelWidth);
    }
  }
  if (page.notice) stack.space(typo.spec('notice').spaceBefore ?? 0).text(page.notice, 'notice', typo, fonts);
  stack.space(typo.spec('rights').spaceBefore ?? 0).text(page.rights, 'rights', typo, fonts);
  return stack;
}

/** Role labels spread to the width of the longest, then the names. */
export function boardSection(board: RoleGroup[], cx: FlowContext): Section | undefined {
  if (board.length === 0) return undefined;
  const { typo, fonts, grid } = cx;
  const style = styleOf(typo, 'boardEntry');
  const ems = Math.max(...board.map((g) => Array.from(g.role).length));
  const labelWidth = ems * style.size;
  const blockWidth = labelWidth + style.size * 8;
  const left = Math.max(0, (grid.width - blockWidth) / 2);
  const stack = new Stack(grid.width).space(typo.spec('boardBlock').spaceBefore ?? 0);
  for (const group of board) {
    const label = naturalLine(group.role, style, fonts);
    const count = Array.from(group.role).length;
    const spacing = count >= 2 && count < ems ? ((ems - count) * style.size) / (count - 1) : 0;
    let x = left;
    const runs = label.runs.map((r) => ({ ...r, x: left + r.x, spacing }));
    x = left + labelWidth;
    const colon = naturalLine('：', style, fonts).runs.map((r) => ({ ...r, x }));
    x += style.size;
    const names = naturalLine(group.names.join('\u3000'), style, fonts).runs.map((r) => ({ ...r, x: x + r.x }));
    stack.line({ runs: [...runs, ...colon, ...names], size: style.size, noteRefs: [] }, typo.leading('boardEntry'));
  }
  return fixed('front', stack.items, 'recto');
}

export function partSection(part: Part, cx: FlowContext, mainStart: boolean): Section {
  const { typo, fonts, grid } = cx;
  const stack = new Stack(grid.width).space(typo.spec('partLabel').spaceBefore ?? 0);
  stack.dest(part.id).text(part.label, 'partLabel', typo, fonts, 'center');
  stack.space(typo.spec('partTitle').spaceBefore ?? 0).text(part.title, 'partTitle', typo, fonts, 'center');
  return fixed('part', stack.items, 'recto', {
    mainStart,
    fixedOutline: [{ id: part.id, title: `${part.label}\u3000${part.title}`, expanded: true }],
  });
}
