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

/** `地 址 北京市…` → [地址, 北京市…]: the longest letter-spaced label that ends at a space. */
function splitLabel(text: string): [Label, string] | undefined {
  const chars = [...text];
  for (let n = Math.min(chars.length, 8); n > 0; n--) {
    const label = COLOPHON_LABELS.find((l) => l === chars.slice(0, n).join('').replace(/\s+/g, ''));
    const rest = chars.slice(n).join('');
    if (label && /^(\s|$)/.test(rest)) return [label, rest.trim()];
  }
  return undefined;
}

export function parseColophon(lines: SourceLine[]): RuleResult<Colophon> {
  const log = new ChangeLog();
  const out: Colophon = { fields: {} };
  let last: ColophonField | undefined;
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const labelled = splitLabel(text);
    if (labelled) {
      last = { value: labelled[1], line: line.no };
      out.fields[labelled[0]] = last;
    } else if (/版权所有/.test(text)) {
      out.rights = { value: ideographicGaps(text), line: line.no };
    } else if (/^本书/.test(text)) {
      out.notice = { value: log.take(fullWidthPunctuation(text, line.no)), line: line.no };
    } else if (!out.titleLine && Object.keys(out.fields).length === 0) {
      out.titleLine = { value: text, line: line.no };
    } else if (last) {
      last.value += ` ${text}`;
    } else {
      log.unsure.push({ rule: 'metadata', line: line.no, message: `版本记录 line not understood: "${text}"` });
    }
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

/** Names after a staff label: `杨 力` is one letter-spaced name, `陈荣书 李守镇` two. */
export function parseNames(text: string): string[] {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  return tokens.every((t) => [...t].length === 1) ? [tokens.join('')] : tokens;
}
