/**
 * The CIP block (图书在版编目数据, GB/T 12451) read into book.yaml fields. The standard's own
 * punctuation (`. `, ` / `, `—`) is kept as data, not "fixed". Slips a cataloguer would correct
 * are flagged: Latin letters for Roman numerals (II for Ⅱ) and, in 中图法 class numbers, digits
 * read for letters (1 for I, 0 for O) or letters for digits.
 */
import { checkClc, dottedClc } from '../../metadata/clc.js';
import { CIRCLED_CLASS, latinToRoman } from '../cjk.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from '../types.js';

export interface CipFields {
  main?: string;
  partNumber?: string;
  partName?: string;
  otherInfo?: string;
  responsibility?: string;
  place?: string;
  publisher?: string;
  publicationDate?: string;
  isbn?: string;
  subjects: string[];
  clc: string[];
  number?: string;
  profile?: '2001' | '2023';
}

const ACCESS_POINT = /(?:^|\s)(IV|III|II|I|Ⅳ|Ⅲ|Ⅱ|Ⅰ)\s*\.\s*/g;
const HAS_ACCESS_POINT = new RegExp(ACCESS_POINT.source);
const PUBLICATION = /—\s*([^:：]+?)\s*[:：]\s*(.+?)\s*[,，]\s*(\d{4})\.(\d{1,2})\s*$/;

function romanPart(text: string, line: number, log: ChangeLog): string {
  const roman = latinToRoman(text.trim());
  if (!roman) return text.trim();
  log.changes.push({ rule: 'cataloguing', line, before: text.trim(), after: roman, note: 'Latin letters read for a Roman numeral character' });
  return roman;
}

/** `新的使命和担当. II , 中国工会改革创新实录: 2015-2017` */
function parseTitleArea(area: string, line: number, log: ChangeLog, out: CipFields): void {
  const [titlePart = '', other] = area.split(/\s*[:：]\s*/, 2);
  const [main = '', numbered] = titlePart.split(/\.\s+/, 2);
  out.main = main.trim();
  if (numbered) {
    const [num = '', name] = numbered.split(/\s*[,，]\s*/, 2);
    out.partNumber = romanPart(num, line, log);
    if (name) out.partName = name.trim();
  }
  if (other) out.otherInfo = other.trim();
}

function parseDescription(text: string, line: number, log: ChangeLog, out: CipFields): void {
  const [area = '', rest = ''] = text.split(/\s+\/\s+/, 2);
  parseTitleArea(area, line, log, out);
  const pub = PUBLICATION.exec(rest);
  out.responsibility = rest.slice(0, pub?.index ?? rest.length).replace(/\.\s*$/, '').trim();
  if (pub) {
    out.place = pub[1]?.trim();
    out.publisher = pub[2]?.trim();
    out.publicationDate = `${pub[3]}-${(pub[4] ?? '').padStart(2, '0')}`;
  } else {
    log.unsure.push({ rule: 'metadata', line, message: 'CIP: no publication area (—place: publisher, year.month) found' });
  }
}

/** `1247.5` → `I247.5`, `0213` → `O213`, `D4l2.6` → `D412.6`. */
export function fixClc(code: string, line: number, log: ChangeLog): string {
  const head = code.charAt(0).replace(/^1$/, 'I').replace(/^0$/, 'O');
  const fixed = head + code.slice(1).replace(/(?<=\d)[Oo](?=[\d.]|$)/g, '0').replace(/(?<=[\dA-Z.])[Il](?=[\d.]|$)/g, '1');
  if (fixed !== code) {
    log.changes.push({ rule: 'cataloguing', line, before: code, after: fixed, note: 'CLC class number: OCR read I/O as 1/0 (or the reverse); check against the CIP data' });
    log.unsure.push({ rule: 'cataloguing', line, message: `CLC number ${code} corrected to ${fixed}: confirm with the CIP data` });
  }
  // OCR loses the dot of D412.6 as often as it misreads letters: put it back after the third digit.
  const dotted = checkClc(fixed) ? (dottedClc(fixed) ?? fixed) : fixed;
  if (dotted !== fixed) {
    log.changes.push({ rule: 'cataloguing', line, before: fixed, after: dotted, note: 'CLC class number: 中图法 puts a dot after every third digit' });
    log.unsure.push({ rule: 'cataloguing', line, message: `CLC number ${fixed} written as ${dotted}: confirm with the CIP data` });
  }
  const problem = checkClc(dotted);
  if (problem) log.unsure.push({ rule: 'cataloguing', line, message: `CLC number ${dotted}: ${problem.hint}` });
  return dotted;
}

function circledItems(text: string): string[] {
  return text.split(new RegExp(CIRCLED_CLASS)).map((s) => s.trim()).filter((s) => s !== '');
}

function parseAccessPoints(text: string, line: number, log: ChangeLog, out: CipFields): void {
  const groups = new Map<string, string>();
  const marks = [...text.matchAll(ACCESS_POINT)];
  marks.forEach((m, i) => {
    const roman = latinToRoman(m[1] ?? '') ?? m[1] ?? '';
    const end = marks[i + 1]?.index ?? text.length;
    groups.set(roman, text.slice((m.index ?? 0) + m[0].length, end).trim());
  });
  if (marks.some((m) => /^[IV]+$/.test(m[1] ?? ''))) {
    log.changes.push({ rule: 'cataloguing', line, before: text, after: '(access points read as data)', note: 'access point numbers printed as Latin letters (I . II .) for Ⅰ. Ⅱ.; hanpress generates this line' });
  }
  out.subjects = circledItems(groups.get('Ⅲ') ?? '');
  out.clc = circledItems(groups.get('Ⅳ') ?? '').map((c) => fixClc(c.replace(/\s+/g, ''), line, log));
}

function parseNumber(text: string, line: number, log: ChangeLog, out: CipFields): void {
  const number = text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  if (number !== text) log.changes.push({ rule: 'punctuation', line, before: text, after: number, note: 'CIP 核字 line as issued' });
  out.number = number;
  out.profile = number.startsWith('中国国家版本馆') ? '2023' : '2001';
}

export function parseCip(lines: SourceLine[]): RuleResult<CipFields> {
  const log = new ChangeLog();
  const out: CipFields = { subjects: [], clc: [] };
  const body = lines.filter((l) => l.text.trim() !== '' && !/图书在版编目/.test(l.text));
  const isbnAt = body.findIndex((l) => /^ISBN/.test(l.text.trim()));
  const description = body.slice(0, isbnAt < 0 ? body.length : isbnAt);
  parseDescription(description.map((l) => l.text.trim()).join(' '), description[0]?.no ?? 0, log, out);
  for (const l of body.slice(isbnAt < 0 ? body.length : isbnAt)) {
    const text = l.text.trim();
    if (/^ISBN/.test(text)) out.isbn = text.replace(/^ISBN\s*/, '').replace(/\s+/g, '');
    else if (/CIP数据核字/.test(text)) parseNumber(text, l.no, log, out);
    else if (HAS_ACCESS_POINT.test(text)) parseAccessPoints(text, l.no, log, out);
  }
  return result(out, log.changes, log.unsure);
}
