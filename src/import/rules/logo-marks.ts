/**
 * Publisher logos OCR'd as a circled digit before the imprint (`② 中国工人出版社`). The mark
 * is removed and reported; the imprint stays.
 */
import { CIRCLED_CLASS } from '../cjk.js';
import { result, type Change, type RuleResult, type SourceLine } from '../types.js';

const LOGO = new RegExp(`^\\s*${CIRCLED_CLASS}\\s*(\\S+(?:出版社|出版集团|书局|书店|印书馆))\\s*$`);

export function removeLogoMarks(lines: SourceLine[]): RuleResult<SourceLine[]> {
  const changes: Change[] = [];
  const value = lines.map((line) => {
    const m = LOGO.exec(line.text);
    if (!m?.[1]) return line;
    changes.push({ rule: 'logo-mark', line: line.no, before: line.text, after: m[1], note: 'publisher logo read as a circled digit' });
    return { ...line, text: m[1] };
  });
  return result(value, changes);
}
