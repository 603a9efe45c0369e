/**
 * Pages the book does not have as Markdown: title page (扉页), copyright page (版权页: CIP
 * block and 版本记录), editorial board, part title pages. Text comes from derive/front-pages;
 * this file only decides the markup.
 */
import type { CopyrightPage, RecordLine, TitlePage } from '../../derive/front-pages.js';
import type { RoleGroup } from '../../derive/responsibility.js';
import type { Part } from '../../model/book.js';
import { LABELS } from './labels.js';
import { BOARD_HREF, COPYRIGHT_HREF, TITLEPAGE_HREF } from './paths.js';
import { createXhtml, serialize } from './xhtml.js';
import { epubType, type XMLBuilder } from './xml.js';

export function renderTitlePage(page: TitlePage, displayTitle: string, language: string): string {
  const { doc, body } = createXhtml({ href: TITLEPAGE_HREF, title: displayTitle, language, bodyClass: 'titlepage' });
  const section = epubType(body.ele('section'), 'titlepage').att('class', 'titlepage');
  const h1 = section.ele('h1').att('class', 'book-title');
  h1.txt(page.main);
  if (page.partNumber) h1.ele('span').att('class', 'part-number').txt(page.partNumber);
  if (page.subtitle) section.ele('p').att('class', 'book-subtitle').txt(page.subtitle);
  for (const line of page.responsibility) section.ele('p').att('class', 'responsibility').txt(line);
  section.ele('p').att('class', 'publisher').txt(page.publisher);
  return serialize(doc);
}

/**
 * A record line as a hanging indent: the label (already padded to four em) and a space take
 * five em, and further value lines after <br/> start under the first value.
 */
function renderRecord(parent: XMLBuilder, record: RecordLine): void {
  const p = parent.ele('p').att('class', 'record');
  p.ele('span').att('class', 'record-label').txt(record.label);
  p.txt(LABELS.ideographicSpace);
  record.values.forEach((value, i) => {
    if (i > 0) p.ele('br');
    p.txt(value);
  });
}

export function renderCopyrightPage(page: CopyrightPage, language: string): string {
  const { doc, body } = createXhtml({ href: COPYRIGHT_HREF, title: LABELS.copyrightPage, language, bodyClass: 'copyright' });
  const section = epubType(body.ele('section'), 'copyright-page').att('class', 'copyright-page');

  // The CIP block is data issued by the CIP centre: printed exactly, one paragraph per field.
  const cip = section.ele('div').att('class', 'cip');
  cip.ele('p').att('class', 'cip-heading').txt(page.cip.heading);
  for (const text of page.cip.paragraphs) cip.ele('p').att('class', 'cip-data').txt(text);

  section.ele('hr').att('class', 'cip-separator');

  const records = section.ele('div').att('class', 'imprint');
  records.ele('p').att('class', 'imprint-title').txt(page.titleLine);
  for (const record of page.records) renderRecord(records, record);
  if (page.notice) records.ele('p').att('class', 'notice').txt(page.notice);
  records.ele('p').att('class', 'rights').txt(page.rights);
  return serialize(doc);
}

/**
 * Roles are letter-spaced to the widest role so the colons line up, as printed
 * (主　　编：/副 主 编：/执行副主编：). Gaps that are not whole or half em are left alone.
 */
export function alignRole(role: string, width: number): string {
  const chars = Array.from(role);
  const gaps = chars.length - 1;
  const spare = width - chars.length;
  if (gaps <= 0 || spare <= 0) return role;
  const perGap = spare / gaps;
  const whole = Math.floor(perGap);
  const half = perGap - whole === 0.5;
  if (perGap !== whole && !half) return role;
  const gap = LABELS.ideographicSpace.repeat(whole) + (half ? LABELS.enSpace : '');
  return chars.join(gap);
}

export function renderBoardPage(board: RoleGroup[], language: string): string {
  const { doc, body } = createXhtml({ href: BOARD_HREF, title: LABELS.board, language, bodyClass: 'board' });
  const section = body.ele('section').att('class', 'board').att('aria-label', LABELS.board);
  const width = Math.max(0, ...board.map((g) => Array.from(g.role).length));
  for (const group of board) {
    const p = section.ele('p').att('class', 'board-line');
    p.ele('span').att('class', 'board-role').txt(`${alignRole(group.role, width)}${LABELS.colon}`);
    p.txt(group.names.join(LABELS.ideographicSpace));
  }
  return serialize(doc);
}

export function renderPartPage(part: Part, href: string, language: string): string {
  const { doc, body } = createXhtml({ href, title: `${part.label}${LABELS.ideographicSpace}${part.title}`, language, bodyClass: 'part' });
  const section = epubType(body.ele('section'), 'part').att('role', 'doc-part').att('id', part.id).att('class', 'part-page');
  const h1 = section.ele('h1').att('class', 'part-heading');
  h1.ele('span').att('class', 'part-label').txt(part.label);
  h1.ele('br');
  h1.ele('span').att('class', 'part-title').txt(part.title);
  return serialize(doc);
}
