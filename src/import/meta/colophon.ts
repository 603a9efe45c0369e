/**
 * The 版本记录 (GB/T 12450) read into book.yaml fields. Labels are letter-spaced in print
 * (`地 址`, `开 本`); a line without a label continues the field above it (a second row of
 * phone numbers).
 */
import type { Phone } from '../../model/metadata.js';
import { fullWidthPunctuation } from '../rules/punctuation.js';
import { ideographicGaps } from '../rules/spacing.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from '../types.js';

export const COLOPHON_LABELS = [
  '出版人', '责任编辑', '责任校对', '责任印制', '出版发行', '地址', '网址', '电话', '发行热线',
  '经销', '印刷', '开本', '印张', '字数', '版次', '定价',
] as const;
type Label = (typeof COLOPHON_LABELS)[number];

export interface ColophonField {
  value: string;
  line: number;
}

export interface Colophon {
  titleLine?: ColophonField;
  fields: Partial<Record<Label, ColophonField>>;
  notice?: ColophonField;
  rights?: ColophonField;
}

/** Other publishers' words for the same fields. */
const SYNONYMS: Record<string, Label> = { 社址: '地址', 发行电话: '发行热线', 发行部电话: '发行热线' };

/** Labels a 版本记录 may print that book.yaml has no field for: read, reported, not kept. */
const NOT_IN_BOOK_YAML = ['封面设计', '装帧设计', '版式设计', '书籍设计', '排版', '特约编辑', '策划编辑', '监制', '书号', '邮购电话', '传真', '电子邮箱', '投稿邮箱', '读者服务'];

type Split = { label: Label | '邮编'; value: string } | { other: string; value: string };

/** `地 址 北京市…` → 地址, 北京市…: the longest letter-spaced label that ends at a space. */
function splitLabel(text: string): Split | undefined {
  const chars = [...text];
  for (let n = Math.min(chars.length, 8); n > 0; n--) {
    const squashed = chars.slice(0, n).join('').replace(/\s+/g, '');
    const rest = chars.slice(n).join('');
    if (!/^(\s|$)/.test(rest)) continue;
    const label = COLOPHON_LABELS.find((l) => l === squashed) ?? SYNONYMS[squashed] ?? (squashed === '邮编' ? '邮编' : undefined);
    if (label) return { label, value: rest.trim() };
    if (NOT_IN_BOOK_YAML.includes(squashed)) return { other: squashed, value: rest.trim() };
  }
  return undefined;
}

/** A line that starts like a label (up to six characters, then a space) that hanpress does not know. */
const UNKNOWN_LABEL = /^(\p{Script=Han}(?:\s?\p{Script=Han}){1,5})\s+\S/u;

export function parseColophon(lines: SourceLine[]): RuleResult<Colophon> {
  const log = new ChangeLog();
  const out: Colophon = { fields: {} };
  let last: ColophonField | undefined;
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const labelled = splitLabel(text);
    if (labelled && 'other' in labelled) {
      log.changes.push({ rule: 'metadata', line: line.no, before: text, after: '', note: `版本记录 field ${labelled.other}: book.yaml has no field for it` });
      last = undefined;
    } else if (labelled?.label === '邮编') {
      // A postcode on a line of its own belongs to the address above it.
      const address = out.fields['地址'];
      if (address) address.value += ` 邮编: ${labelled.value}`;
      else log.unsure.push({ rule: 'metadata', line: line.no, message: `postcode ${labelled.value} without an address line above it` });
    } else if (labelled) {
      last = { value: labelled.value, line: line.no };
      out.fields[labelled.label] = last;
    } else if (/版权所有/.test(text)) {
      out.rights = { value: ideographicGaps(text), line: line.no };
    } else if (/^(?:本书|如有|凡购买|凡本版)/.test(text)) {
      out.notice = { value: log.take(fullWidthPunctuation(text, line.no)), line: line.no };
    } else if (!out.titleLine && Object.keys(out.fields).length === 0) {
      out.titleLine = { value: text, line: line.no };
    } else if (UNKNOWN_LABEL.test(text)) {
      log.unsure.push({ rule: 'metadata', line: line.no, message: `版本记录 line "${text}" has a label hanpress does not know; not read into book.yaml` });
      last = undefined;
    } else if (last) {
      last.value += ` ${text}`;
    } else {
      log.unsure.push({ rule: 'metadata', line: line.no, message: `版本记录 line not understood: "${text}"` });
    }
  }
  const site = out.fields['网址'];
  const bare = site?.value.replace(/[<>]/g, '').trim();
  if (site && bare && !/^[a-z]+:\/\//i.test(bare)) {
    log.changes.push({ rule: 'metadata', line: site.line, before: bare, after: `http://${bare}`, note: 'website printed without its scheme; book.yaml needs a full address' });
    site.value = `http://${bare}`;
  }
  for (const label of ['出版人', '责任编辑', '责任校对', '责任印制'] as const) {
    const field = out.fields[label];
    const long = field ? parseNames(field.value).filter((n) => [...n].length >= 4 && /\s/.test(field.value)) : [];
    for (const name of long) log.unsure.push({ rule: 'metadata', line: field?.line ?? 0, message: `${label} "${name}" was read as one letter-spaced name; if it is two names, separate them in book.yaml` });
  }
  return result(out, log.changes, log.unsure);
}

const PHONE = /[(（]\s*(\d{3,4})\s*[)）]\s*([\d-]{5,})(?:\s*[(（]\s*([^()（）\d][^()（）]*?)\s*[)）])?/g;

/** `(010) 62005043 (总编室)` → `{ number: （010）62005043, label: 总编室 }`. */
export function parsePhones(text: string): Phone[] {
  return [...text.matchAll(PHONE)].map((m) => {
    const phone: Phone = { number: `（${m[1]}）${m[2]}` };
    if (m[3]) phone.label = m[3];
    return phone;
  });
}

/**
 * Names after a staff label: `杨 力` is one letter-spaced name, `陈荣书 李守镇` two, and a wider
 * gap (two spaces or U+3000) separates letter-spaced names: `刘 敏  陈 静` is 刘敏 and 陈静.
 */
export function parseNames(text: string): string[] {
  return text
    .trim()
    .split(/\s{2,}|\u3000|[、，,]/)
    .flatMap((group) => {
      const tokens = group.trim().split(/\s+/).filter((t) => t !== '');
      return tokens.every((t) => [...t].length === 1) ? [tokens.join('')] : tokens;
    })
    .filter((n) => n !== '');
}
