/**
 * The editorial board page (`主 编：李玉赋`, `副 主 编：陈荣书 李守镇`): roles are letter-spaced
 * in print, so spaces inside the role are layout; names are separated by spaces.
 */
import type { Contributor } from '../../model/metadata.js';
import { ROLE_NAMES } from '../../metadata/roles.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from '../types.js';
import { parseNames } from './colophon.js';

const ENTRY = /^([\p{Script=Han}\s]{1,12}?)\s*[：:]\s*(.+)$/u;

export function isBoardLine(text: string): boolean {
  const m = ENTRY.exec(text.trim());
  return m?.[1] !== undefined && ROLE_NAMES.includes(m[1].replace(/\s+/g, ''));
}

export function parseBoard(lines: SourceLine[]): RuleResult<Contributor[]> {
  const log = new ChangeLog();
  const out: Contributor[] = [];
  for (const line of lines) {
    const m = ENTRY.exec(line.text.trim());
    if (!m?.[1] || !m[2]) continue;
    const role = m[1].replace(/\s+/g, '');
    if (role !== m[1].trim()) log.changes.push({ rule: 'letter-spacing', line: line.no, before: m[1].trim(), after: role, note: 'letter-spaced role' });
    for (const name of parseNames(m[2])) out.push({ name, role });
  }
  return result(out, log.changes, log.unsure);
}
