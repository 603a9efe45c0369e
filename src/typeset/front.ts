/**
 * Generated pages, each laid out whole on its page: 扉页 (title page), 版权页 (CIP block and
 * 版本记录) on its verso, 编委会 (editorial board), and the part title pages (编页).
 */
import type { CopyrightPage, TitlePage } from '../derive/front-pages.js';
import type { RoleGroup } from '../derive/responsibility.js';
import type { Part } from '../model/book.js';
import type { FlowContext } from './blocks.js';
import { Typography } from './design.js';
import type { PageItem, Section } from './model.js';
import { Stack, styleOf } from './stack.js';
import { plainLines } from './plain-lines.js';
import { naturalLine } from './text.js';

export function titleSection(page: TitlePage, cx: FlowContext): Section {
  const { typo, fonts, grid } = cx;
  const stack = new Stack(grid.width);
  const main = naturalLine(page.main, styleOf(typo, 'titleMain'), fonts);
  if (page.partNumber) {
    const part = naturalLine(page.partNumber, { ...styleOf(typo, 'titleMain'), ...styleOf(typo, 'titlePartNumber'), bold: typo.spec('titlePartNumber').bold ?? true }, fonts);
    const end = main.runs.reduce((x, r) => Math.max(x, r.x + r.width), 0);
    main.runs.push(...part.runs.map((r) => ({ ...r, x: r.x + end })));
  }
  stack.space(typo.spec('titleMain').spaceBefore ?? 0).line(main, typo.leading('titleMain'), 'center');
  if (page.subtitle) stack.space(typo.spec('titleSubtitle').spaceBefore ?? 0).text(page.subtitle, 'titleSubtitle', typo, fonts, 'center');
  page.responsibility.forEach((line, i) => {
    if (i === 0) stack.space(typo.spec('titleResponsibility').spaceBefore ?? 0);
    stack.text(line, 'titleResponsibility', typo, fonts, 'center');
  });
  // The publisher sits on the last line of the text block.
  const publisher = new Stack(grid.width);
  publisher.y = cx.textHeight - typo.leading('titlePublisher');
  publisher.text(page.publisher, 'titlePublisher', typo, fonts, 'center');
  return fixed('front', [...stack.items, ...publisher.items]);
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
/** Tightest first: 1.6 em leading goes no lower than 1.2 em. */
const TIGHTENING = [1, 0.95, 0.9, 0.85, 0.8, 0.75];

function tightened(typo: Typography, factor: number): Typography {
  if (factor === 1) return typo;
  const { design } = typo;
  const styles = { ...design.styles };
  for (const name of COPYRIGHT_STYLES) {
    const spec = design.styles[name];
    const scale = (n: number | undefined): number | undefined => (n === undefined ? undefined : n * factor);
    styles[name] = { ...spec, leading: (spec.leading ?? design.styles.body.leading) * factor, spaceBefore: scale(spec.spaceBefore), spaceAfter: scale(spec.spaceAfter) };
  }
  return new Typography({ ...design, styles });
}

/**
 * 版权页: the CIP block, a rule, the 版本记录. On a small 开本 the page's leading and spacing
 * tighten step by step until it fits the text block; it never runs onto the next page.
 */
export function copyrightSection(page: CopyrightPage, cx: FlowContext): Section {
  let items: PageItem[] = [];
  for (const factor of TIGHTENING) {
    const stack = copyrightStack(page, { ...cx, typo: tightened(cx.typo, factor) });
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
