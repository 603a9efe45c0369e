/**
 * book.yaml from what the front matter pages say. Every field keeps the shape of the typed
 * BookMetadata (src/model/metadata.ts); a field the OCR does not give is left out and named in
 * `missing`, so `hanpress check` and the import report point the editor at the same gaps.
 */
import type { BookMetadata, Contributor, Edition, PrintSpec, Publisher, Staff } from '../../model/metadata.js';
import type { CipFields } from './cip.js';
import { parseNames, parsePhones, type Colophon } from './colophon.js';
import type { TitlePage } from './title-page.js';

export type DraftMetadata = Partial<BookMetadata>;

export interface Missing {
  field: string;
  why: string;
}

export interface MetaSources {
  titlePage: TitlePage;
  cip: CipFields;
  colophon: Colophon;
  board: Contributor[];
}

function field(c: Colophon, label: keyof Colophon['fields']): string | undefined {
  return c.fields[label]?.value;
}

/** The title page's statement first, then the board; a person named twice in one role once. */
export function contributors(titlePage: TitlePage, board: Contributor[]): Contributor[] {
  const out: Contributor[] = [];
  for (const c of [...titlePage.primary, ...board]) {
    if (!out.some((o) => o.name === c.name && o.role === c.role)) out.push(c);
  }
  return out;
}

function publisher(s: MetaSources): Publisher | undefined {
  const name = field(s.colophon, '出版发行') ?? s.cip.publisher ?? s.titlePage.publisher;
  if (!name || !s.cip.place) return undefined;
  const p: Publisher = { name, place: s.cip.place };
  const address = /^(.*?)\s*邮编\s*[:：]?\s*(\d{6})/.exec(field(s.colophon, '地址') ?? '');
  if (address?.[1]) p.address = address[1];
  if (address?.[2]) p.postcode = address[2];
  const website = field(s.colophon, '网址')?.replace(/[<>]/g, '').trim();
  if (website) p.website = website;
  const phones = parsePhones(field(s.colophon, '电话') ?? '');
  if (phones.length > 0) p.phones = phones;
  const sales = parsePhones(field(s.colophon, '发行热线') ?? '');
  if (sales.length > 0) p.salesPhones = sales;
  return p;
}

function edition(c: Colophon): Edition | undefined {
  const m = /(\d{4})年(\d{1,2})月第(\d+)版\s*(\d{4})年(\d{1,2})月第(\d+)次印刷/.exec((field(c, '版次') ?? '').replace(/\s+/g, ' '));
  if (!m) return undefined;
  const ym = (y?: string, mo?: string): string => `${y}-${(mo ?? '').padStart(2, '0')}`;
  return { number: Number(m[3]), date: ym(m[1], m[2]), printing: Number(m[6]), printingDate: ym(m[4], m[5]) };
}

function print(c: Colophon): PrintSpec | undefined {
  const size = /(\d+)\s*毫米\s*[×xX*]\s*(\d+)\s*毫米\s*1\s*\/\s*(\d+)/.exec(field(c, '开本') ?? '');
  const kilo = /(\d+)\s*千字/.exec(field(c, '字数') ?? '');
  if (!size || !kilo) return undefined;
  const sheets = Number(field(c, '印张'));
  // Key order as in manuscript/book.yaml; 印张 left out when unreadable (then computed from the PDF).
  return {
    paper: { width: Number(size[1]), height: Number(size[2]) },
    fold: Number(size[3]),
    ...(Number.isFinite(sheets) && sheets > 0 ? { sheets } : {}),
    kiloCharacters: Number(kilo[1]),
  };
}

function staff(c: Colophon): Staff | undefined {
  const names = (label: keyof Colophon['fields']): string[] | undefined => {
    const v = field(c, label);
    return v ? parseNames(v) : undefined;
  };
  const editors = names('责任编辑');
  if (!editors) return undefined;
  const publisher = names('出版人')?.join('、');
  const proofreaders = names('责任校对');
  const production = names('责任印制');
  return { ...(publisher ? { publisher } : {}), editors, ...(proofreaders ? { proofreaders } : {}), ...(production ? { production } : {}) };
}

function price(c: Colophon): string | undefined {
  const m = /(\d+(?:\.\d+)?)\s*元/.exec(field(c, '定价') ?? '');
  return m?.[1] ? Number(m[1]).toFixed(2) : undefined;
}

function title(s: MetaSources): BookMetadata['title'] | undefined {
  const main = s.titlePage.main ?? s.cip.main;
  if (!main) return undefined;
  const t: BookMetadata['title'] = { main };
  const partNumber = s.titlePage.partNumber ?? s.cip.partNumber;
  if (partNumber) t.partNumber = partNumber;
  const partName = s.titlePage.partName ?? s.cip.partName;
  if (partName) t.partName = partName;
  const otherInfo = s.titlePage.otherInfo ?? s.cip.otherInfo;
  if (otherInfo) t.otherInfo = otherInfo;
  return t;
}

function cip(s: MetaSources): BookMetadata['cip'] | undefined {
  const { profile, publicationDate, number } = s.cip;
  if (!profile || !publicationDate || !number || s.cip.clc.length === 0) return undefined;
  return { profile, publicationDate, subjects: s.cip.subjects, clc: s.cip.clc, number };
}

/** Fields in the order manuscript/book.yaml has them; undefined ones are reported missing. */
export function draftMetadata(s: MetaSources): { meta: DraftMetadata; missing: Missing[] } {
  const candidates: [keyof BookMetadata, unknown, string][] = [
    ['slug', undefined, 'an ASCII file name (lowercase letters, digits, hyphens) cannot be read from Chinese text; write one, e.g. from the title in pinyin'],
    ['language', 'zh-CN', ''],
    ['title', title(s), 'no title page found'],
    ['contributors', contributors(s.titlePage, s.board), ''],
    ['publisher', publisher(s), 'needs 出版发行 (or the CIP publisher) and the place from the CIP description'],
    ['isbn', s.cip.isbn, 'no ISBN line in the CIP block'],
    ['cip', cip(s), 'the CIP block lacks its 核字 line, publication date or class number'],
    ['edition', edition(s.colophon), 'no 版次 line like 2017年9月第1版 2017年9月第1次印刷'],
    ['print', print(s.colophon), 'no 开本 (700毫米×1000毫米 1/16) or 字数 line'],
    ['price', price(s.colophon), 'no 定价 line'],
    ['staff', staff(s.colophon), 'no 责任编辑 line'],
    ['distributor', field(s.colophon, '经销'), ''],
    ['printer', field(s.colophon, '印刷'), ''],
    ['notice', s.colophon.notice?.value, ''],
    ['rights', s.colophon.rights?.value, 'no 版权所有 line'],
  ];
  const meta: Record<string, unknown> = {};
  const missing: Missing[] = [];
  for (const [key, value, why] of candidates) {
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty) meta[key] = value;
    else if (why !== '') missing.push({ field: key, why });
  }
  if (!(meta.contributors as Contributor[] | undefined)?.some((c) => c.primary)) {
    missing.push({ field: 'contributors', why: 'no statement of responsibility (name + role) on the title page' });
  }
  // Built key by key from typed parts above; the record is the draft's own shape.
  return { meta: meta as DraftMetadata, missing };
}
