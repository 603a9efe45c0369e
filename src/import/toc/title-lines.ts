/**
 * Turning the OCR of one TOC entry into headline lines (引题, 主题 …) and a subtitle. In the
 * line form each printed line is an OCR line; a line is continued (no space) when it stops
 * inside 《…》 or “…”, on a word that cannot end a title (的, 和 …) or at full measure. A gap
 * after …强调 starts a new headline. In the table form the OCR has already put the cell's
 * lines together with spaces, so a space may be a wrap or a gap between phrases: the import
 * decides by the same signs and reports every such cell as unsure.
 */
import { charLength } from '../cjk.js';
import { cleanText } from '../prose.js';
import { ideographicGaps } from '../rules/spacing.js';
import { ChangeLog, result, type RuleResult } from '../types.js';

export interface RawTitleLine {
  text: string;
  /** From a table cell (spaces ambiguous) rather than a line of its own. */
  table: boolean;
  line: number;
}

export interface ShapedTitle {
  title: string | string[];
  subtitle?: string;
}

/** A printed line this long (in characters, no gaps) ran to the full measure and wrapped. */
const FULL_MEASURE = 22;
const CANNOT_END = /[的和与及或、在对把向为从之]$/;
const LEAD_END = /强调$/;

function unclosed(text: string): boolean {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  return count(/《/g) > count(/》/g) || count(/“/g) > count(/”/g) || count(/[（(]/g) > count(/[）)]/g);
}

function wrapsInCell(before: string, lastSegment: string, next: string): boolean {
  return (
    unclosed(before) ||
    charLength(next) <= 2 ||
    (before.endsWith('》') && next.startsWith('《')) ||
    charLength(lastSegment) >= FULL_MEASURE
  );
}

/** A table cell as one printed line: wraps removed, phrase gaps kept as single spaces. */
export function cellLine(cell: string): string {
  const segments = cell.trim().split(/\s+/);
  let line = segments[0] ?? '';
  let last = line;
  for (const segment of segments.slice(1)) {
    if (wrapsInCell(line, last, segment)) line += segment;
    else line += ` ${segment}`;
    last = segment;
  }
  return line;
}

function continues(line: string, next: string): boolean {
  if (LEAD_END.test(line) || next.startsWith('—')) return false;
  const full = !/\s/.test(line) && charLength(line) >= FULL_MEASURE;
  return unclosed(line) || CANNOT_END.test(line) || full;
}

/** Line-form lines that a wrap split are put back together. */
export function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last !== undefined && continues(last, line)) out[out.length - 1] = last + line;
    else out.push(line);
  }
  return out;
}

/**
 * `…调研时强调 加强基层工会建设` ⏎ `发挥桥梁纽带作用`: the 引题 ends at 强调; a single phrase
 * left after it was cut short by the 引题, so it goes on with the next line.
 */
export function splitLeads(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = /^(.*?强调)\s+(.+)$/.exec(line);
    if (!m?.[1] || !m[2]) {
      out.push(line);
      continue;
    }
    out.push(m[1]);
    const next = lines[i + 1];
    if (!/\s/.test(m[2]) && next !== undefined) {
      out.push(m[2] + (CANNOT_END.test(m[2]) ? '' : ' ') + next);
      i++;
    } else {
      out.push(m[2]);
    }
  }
  return out;
}

function splitSubtitle(lines: string[]): { main: string[]; subtitle?: string } {
  const at = lines.findIndex((l) => l.startsWith('—'));
  if (at <= 0) return { main: lines };
  const subtitle = lines.slice(at).join('').replace(/^—+/, '');
  return { main: lines.slice(0, at), subtitle };
}

export function shapeTitle(raw: RawTitleLine[]): RuleResult<ShapedTitle> {
  const log = new ChangeLog();
  const first = raw[0]?.line ?? 0;
  const printed = raw.map((r) => (r.table ? cellLine(r.text) : r.text.trim()));
  // Dashes first, so a subtitle's `—` is seen; the records come from the final pass below.
  const dashed = printed.map((p) => cleanText(p, first, new ChangeLog()));
  const { main, subtitle } = splitSubtitle(dashed);
  const lines = splitLeads(joinWrapped(main)).map((l) => cleanText(ideographicGaps(l), first, log));
  const title = lines.length === 1 ? (lines[0] ?? '') : lines;
  const shaped: ShapedTitle = subtitle ? { title, subtitle: cleanText(subtitle, first, log) } : { title };
  const before = raw.map((r) => r.text).join(' ⏎ ');
  const after = [...lines, ...(subtitle ? [`——${shaped.subtitle ?? ''}`] : [])].join(' | ');
  log.changes.push({ rule: 'title-lines', line: first, before, after, note: 'headline lines of a TOC entry' });
  for (const r of raw.filter((x) => x.table && /\s/.test(x.text.trim()))) {
    log.unsure.push({ rule: 'title-lines', line: r.line, message: `table cell "${r.text}": a space may be a line wrap or a gap between headline phrases; check the headline lines (${after})` });
  }
  return result(shaped, log.changes, log.unsure);
}
