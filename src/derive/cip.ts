/**
 * The CIP block (图书在版编目数据) per GB/T 12451-2001 as printed on the copyright page.
 * Pure text generation: writers decide how the paragraphs are set.
 */
import type { BookMetadata } from '../model/metadata.js';
import { responsibilityStatement } from './responsibility.js';

export const CIP_HEADING = '图书在版编目（CIP）数据';
const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ'];
const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];
const IDEOGRAPHIC_SPACE = '\u3000';

export interface CipBlock {
  heading: string;
  /** Description (著录) paragraph: title / responsibility. —place: publisher, date */
  description: string;
  isbn: string;
  /** Retrieval data (检索数据): Ⅰ. ①新…　Ⅱ. ①李…　… */
  retrieval: string;
  /** 核字 line as issued. */
  number: string;
}

/** CIP dates print as 2017.8: no zero padding on the month. */
export function cipDate(yearMonth: string): string {
  const [year, month] = yearMonth.split('-');
  return `${year}.${Number(month)}`;
}

/** Ranges inside CIP data use the hyphen-minus, where the title page prints a dash. */
function cipRange(text: string): string {
  return text.replace(/[—–]/g, '-');
}

export function cipTitle(meta: BookMetadata): string {
  const { main, partNumber, partName, otherInfo } = meta.title;
  let title = main;
  if (partNumber) title += `. ${partNumber}`;
  if (partName) title += `, ${partName}`;
  if (otherInfo) title += `: ${cipRange(otherInfo)}`;
  return title;
}

function firstCharacterAccessPoint(text: string): string {
  return `${Array.from(text)[0] ?? ''}…`;
}

function retrievalGroup(index: number, entries: string[]): string {
  const numbered = entries.map((entry, i) => `${CIRCLED[i] ?? `(${i + 1})`}${entry}`).join(' ');
  return `${ROMAN[index]}. ${numbered}`;
}

export function buildCipBlock(meta: BookMetadata): CipBlock {
  const statement = responsibilityStatement(meta.contributors);
  const description =
    `${cipTitle(meta)} / ${statement}. —${meta.publisher.place}: ${meta.publisher.name}, ` +
    cipDate(meta.cip.publicationDate);
  const primary = meta.contributors.find((c) => c.primary);
  const groups = [
    [firstCharacterAccessPoint(meta.title.main)],
    ...(primary ? [[firstCharacterAccessPoint(primary.name)]] : []),
    meta.cip.subjects,
    meta.cip.clc,
  ];
  const retrieval = groups.map((entries, i) => retrievalGroup(i, entries)).join(IDEOGRAPHIC_SPACE);
  return {
    heading: CIP_HEADING,
    description,
    isbn: `ISBN ${meta.isbn}`,
    retrieval,
    number: meta.cip.number,
  };
}
