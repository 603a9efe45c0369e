/**
 * Spaces OCR puts between Chinese characters and digits (`在 2017 年 8 月`): Chinese text sets
 * numbers without spaces, so they are removed. Spaces between two digits or Latin words stay.
 */
import { result, type RuleResult } from '../types.js';

const HAN_DIGIT = /(?<=\p{Script=Han})[ \t]+(?=\d)|(?<=\d)[ \t]+(?=\p{Script=Han})/gu;

export function removeDigitSpaces(text: string, line: number): RuleResult<string> {
  const after = text.replace(HAN_DIGIT, '');
  return result(after, after === text ? [] : [{ rule: 'digit-space', line, before: text, after }]);
}
