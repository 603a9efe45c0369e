/**
 * Generated front matter shared by both writers: title page, copyright page (CIP block and
 * 版本记录 per GB/T 12450), editorial board. Text only; layout belongs to the writers.
 */
import type { BookMetadata, Phone } from '../model/metadata.js';
import { buildCipBlock, type CipBlock } from './cip.js';
import { groupByRole, titlePageResponsibility, type RoleGroup } from './responsibility.js';

export interface TitlePage {
  main: string;
  partNumber?: string;
  /** ——中国工会改革创新实录（2015—2017） */
  subtitle?: string;
  responsibility: string[];
  publisher: string;
}

/** One 版本记录 line: a label padded to four em (出版发行, 地　　址) and its value lines. */
export interface RecordLine {
  label: string;
  values: string[];
}

export interface CopyrightPage {
  cip: CipBlock;
  /** 新的使命和担当Ⅱ——中国工会改革创新实录（2015—2017） */
  titleLine: string;
  records: RecordLine[];
  notice?: string;
  rights: string;
}

export interface FrontPages {
  /** Full display title, for dc:title, PDF Title and running heads. */
  displayTitle: string;
  titlePage: TitlePage;
  copyright: CopyrightPage;
  board: RoleGroup[];
}

const LABEL_WIDTH = 4;

/** Two-character labels are letter-spaced to the width of four: 地址 → 地　　址. */
export function padLabel(label: string): string {
  const chars = Array.from(label);
  if (chars.length === 2) return chars.join('\u3000'.repeat(LABEL_WIDTH - 2));
  if (chars.length === 3) return chars.join('\u2002');
  return label;
}

/** 分辑名 with 其他书名信息 in （）, or 其他书名信息 alone when the book has no 分辑名. */
function subtitleOf(meta: BookMetadata): string | undefined {
  const { partName, otherInfo } = meta.title;
  if (!partName) return otherInfo ? `——${otherInfo}` : undefined;
  return `——${partName}${otherInfo ? `（${otherInfo}）` : ''}`;
}

export function displayTitle(meta: BookMetadata): string {
  return `${meta.title.main}${meta.title.partNumber ?? ''}${subtitleOf(meta) ?? ''}`;
}

function formatPhone(phone: Phone): string {
  return phone.label ? `${phone.number}（${phone.label}）` : phone.number;
}

/** Two phone numbers per printed line, as the seed sets them. */
function phoneLines(phones: Phone[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < phones.length; i += 2) {
    lines.push(phones.slice(i, i + 2).map(formatPhone).join('\u3000'));
  }
  return lines;
}

function yearMonth(date: string): string {
  const [year, month] = date.split('-');
  return `${year}年${Number(month)}月`;
}

function record(label: string, value: string | string[] | undefined): RecordLine[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return [];
  return [{ label: padLabel(label), values }];
}

function recordLines(meta: BookMetadata): RecordLine[] {
  const { publisher: pub, staff, print, edition } = meta;
  const address = pub.address
    ? `${pub.address}${pub.postcode ? `\u3000邮编：${pub.postcode}` : ''}`
    : undefined;
  return [
    ...record('出版人', staff.publisher),
    ...record('责任编辑', staff.editors.join('\u3000')),
    ...record('责任校对', staff.proofreaders?.join('\u3000')),
    ...record('责任印制', staff.production?.join('\u3000')),
    ...record('出版发行', pub.name),
    ...record('地址', address),
    ...record('网址', pub.website),
    ...record('电话', pub.phones ? phoneLines(pub.phones) : undefined),
    ...record('发行热线', pub.salesPhones ? phoneLines(pub.salesPhones) : undefined),
    ...record('经销', meta.distributor),
    ...record('印刷', meta.printer),
    ...record('开本', `${print.paper.width}毫米×${print.paper.height}毫米\u30001/${print.fold}`),
    ...record('印张', print.sheets === undefined ? undefined : String(print.sheets)),
    ...record('字数', `${print.kiloCharacters}千字`),
    ...record(
      '版次',
      `${yearMonth(edition.date)}第${edition.number}版\u3000${yearMonth(edition.printingDate)}第${edition.printing}次印刷`,
    ),
    ...record('定价', `${meta.price}元`),
  ];
}

/**
 * The editorial board page (编委会) lists every contributor by role, and exists only when the
 * book has a board: someone beyond the statement of responsibility (副主编, 编委 …). A book
 * whose contributors are all primary (著：施耐庵) has its names on the title page already.
 */
export function boardOf(contributors: BookMetadata['contributors']): RoleGroup[] {
  return contributors.some((c) => !c.primary) ? groupByRole(contributors) : [];
}

export function deriveFrontPages(meta: BookMetadata): FrontPages {
  return {
    displayTitle: displayTitle(meta),
    titlePage: {
      main: meta.title.main,
      partNumber: meta.title.partNumber,
      subtitle: subtitleOf(meta),
      responsibility: titlePageResponsibility(meta.contributors),
      publisher: meta.publisher.name,
    },
    copyright: {
      cip: buildCipBlock(meta),
      titleLine: displayTitle(meta),
      records: recordLines(meta),
      notice: meta.notice,
      rights: meta.rights,
    },
    board: boardOf(meta.contributors),
  };
}
