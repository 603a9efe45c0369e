/**
 * The CIP block (图书在版编目数据) as printed on the copyright page, in two profiles:
 * GB/T 12451-2001 (CIP data issued before 2024-04-01) and GB/T 12451-2023 (ISBN inside the
 * description, ISBD area separators, retrieval data reduced to the class number, issued by
 * 中国国家版本馆). Pure text generation: writers decide how the paragraphs are set.
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
  /** Its own paragraph in profile 2001; part of the description in profile 2023. */
  isbn?: string;
  /** Retrieval data (检索数据): Ⅰ. ①新…　Ⅱ. ①李…　… */
  retrieval: string;
  /** 核字 line as issued. */
  number: string;
  /** Every paragraph after the heading, in printed order. */
  paragraphs: string[];
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

interface Punctuation {
  /** before other title information */
  otherInfo: string;
  /** between title/responsibility and the publication area */
  area: string;
  /** between place and publisher */
  publisher: string;
}

const PUNCTUATION_2001: Punctuation = { otherInfo: ': ', area: '. —', publisher: ': ' };
const PUNCTUATION_2023: Punctuation = { otherInfo: ' : ', area: '. -- ', publisher: ' : ' };

export function cipTitle(meta: BookMetadata, p: Punctuation = PUNCTUATION_2001): string {
  const { main, partNumber, partName, otherInfo } = meta.title;
  let title = main;
  if (partNumber) title += `. ${partNumber}`;
  if (partName) title += `, ${partName}`;
  if (otherInfo) title += `${p.otherInfo}${cipRange(otherInfo)}`;
  return title;
}

function firstCharacterAccessPoint(text: string): string {
  return `${Array.from(text)[0] ?? ''}…`;
}

function numbered(entries: string[]): string {
  return entries.map((entry, i) => `${CIRCLED[i] ?? `(${i + 1})`}${entry}`).join(' ');
}

function retrievalGroup(index: number, entries: string[]): string {
  return `${ROMAN[index]}. ${numbered(entries)}`;
}

function descriptionOf(meta: BookMetadata, p: Punctuation): string {
  const statement = responsibilityStatement(meta.contributors);
  const { place, name } = meta.publisher;
  return `${cipTitle(meta, p)} / ${statement}${p.area}${place}${p.publisher}${name}, ${cipDate(meta.cip.publicationDate)}`;
}

function cip2001(meta: BookMetadata): CipBlock {
  const description = descriptionOf(meta, PUNCTUATION_2001);
  const isbn = `ISBN ${meta.isbn}`;
  const primary = meta.contributors.find((c) => c.primary);
  const groups = [
    [firstCharacterAccessPoint(meta.title.main)],
    ...(primary ? [[firstCharacterAccessPoint(primary.name)]] : []),
    meta.cip.subjects,
    meta.cip.clc,
  ];
  const retrieval = groups.map((entries, i) => retrievalGroup(i, entries)).join(IDEOGRAPHIC_SPACE);
  const number = meta.cip.number;
  return { heading: CIP_HEADING, description, isbn, retrieval, number, paragraphs: [description, isbn, retrieval, number] };
}

function cip2023(meta: BookMetadata): CipBlock {
  const description = `${descriptionOf(meta, PUNCTUATION_2023)}${PUNCTUATION_2023.area}ISBN ${meta.isbn}`;
  const clc = meta.cip.clc;
  const retrieval = `${ROMAN[0]}. ${clc.length === 1 ? (clc[0] ?? '') : numbered(clc)}`;
  const number = meta.cip.number;
  return { heading: CIP_HEADING, description, retrieval, number, paragraphs: [description, retrieval, number] };
}

export function buildCipBlock(meta: BookMetadata): CipBlock {
  return meta.cip.profile === '2023' ? cip2023(meta) : cip2001(meta);
}
