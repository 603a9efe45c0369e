/**
 * Superscripts OCR'd as `^②` after a title: the volume number of a multi-volume title
 * (分辑号), printed small and raised. Mapped to the Roman numeral character (② → Ⅱ).
 */
import { CIRCLED_CLASS, circledToRoman } from '../cjk.js';
import { result, type RuleResult, type SourceLine } from '../types.js';

const SUPERSCRIPT = new RegExp(`^(.*?)\\s*\\^(${CIRCLED_CLASS})\\s*$`);

export interface NumberedTitle {
  title: string;
  volume?: string;
}

export function splitVolumeMark(line: SourceLine): RuleResult<NumberedTitle> {
  const m = SUPERSCRIPT.exec(line.text);
  const volume = m?.[2] ? circledToRoman(m[2]) : undefined;
  if (!m?.[1] || !volume) return result({ title: line.text.trim() });
  return result({ title: m[1].trim(), volume }, [
    { rule: 'superscript', line: line.no, before: line.text, after: `${m[1].trim()} (分辑号 ${volume})`, note: `^${m[2]} is the volume number ${volume}` },
  ]);
}
