/**
 * The half-title and title pages: title with its volume mark (`新的使命和担当^②`), the
 * part name and other title information (`——中国工会改革创新实录（2015—2017）`), the
 * statement of responsibility (`李玉赋 主编`) and the imprint.
 */
import type { Contributor } from '../../model/metadata.js';
import { ROLE_NAMES } from '../../metadata/roles.js';
import { normaliseDashes } from '../rules/dashes.js';
import { splitVolumeMark } from '../rules/superscript.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from '../types.js';

export interface TitlePage {
  main?: string;
  partNumber?: string;
  partName?: string;
  otherInfo?: string;
  primary: Contributor[];
  publisher?: string;
  line?: number;
}

const RESPONSIBILITY = /^(\S+(?:\s+\S+)*?)\s+(\S+)$/;

function parseResponsibility(text: string): Contributor[] {
  const m = RESPONSIBILITY.exec(text.trim());
  const role = m?.[2];
  if (!m?.[1] || !role || !ROLE_NAMES.includes(role)) return [];
  return m[1].split(/\s+/).map((name) => ({ name, role, primary: true }));
}

function parseSubtitle(text: string, tp: TitlePage): void {
  const body = text.replace(/^—+/, '').trim();
  const m = /^(.*?)\s*[（(]([^()（）]+)[)）]$/.exec(body);
  const name = m?.[1] ?? body;
  if (tp.partNumber) {
    tp.partName = name;
    if (m?.[2]) tp.otherInfo = m[2];
  } else {
    tp.otherInfo = body;
  }
}

/** Reads the first title page found; a repeated page (half-title, title) adds nothing new. */
export function parseTitlePage(lines: SourceLine[]): RuleResult<TitlePage> {
  const log = new ChangeLog();
  const tp: TitlePage = { primary: [] };
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    if (tp.main === undefined) {
      const numbered = log.take(splitVolumeMark(line));
      Object.assign(tp, { main: numbered.title, partNumber: numbered.volume, line: line.no });
    } else if (/^[—-]/.test(text) && tp.partName === undefined && tp.otherInfo === undefined) {
      parseSubtitle(log.take(normaliseDashes(text, line.no)), tp);
    } else if (/出版社|出版集团|书局|印书馆/.test(text) && tp.publisher === undefined) {
      tp.publisher = text;
    } else if (tp.primary.length === 0) {
      tp.primary = parseResponsibility(text);
    }
  }
  return result(tp, log.changes, log.unsure);
}
