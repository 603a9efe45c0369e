/**
 * Dash runs: the Chinese 破折号 is two em dashes (——). OCR drops one (`—中国…`), adds one
 * (`———`) or reads hyphens (`--`). A single dash between digits (2015—2017) is a range and a
 * single dash in a CIP subject chain is the standard's own, so neither is touched.
 */
import { result, type RuleResult } from '../types.js';

const LONG_RUN = /—{3,}|-{2,}(?=\p{Script=Han})|(?<=\p{Script=Han})-{2,}/gu;
const LEADING_SINGLE = /^(\s*)—(?=[\p{Script=Han}“《])/u;
const SINGLE_BETWEEN_HAN = /(?<=[\p{Script=Han}，。”])—(?=[\p{Script=Han}“《])/gu;

export function normaliseDashes(text: string, line: number): RuleResult<string> {
  const after = text.replace(LONG_RUN, '——').replace(LEADING_SINGLE, '$1——').replace(SINGLE_BETWEEN_HAN, '——');
  return result(after, after === text ? [] : [{ rule: 'dash', line, before: text, after }]);
}
