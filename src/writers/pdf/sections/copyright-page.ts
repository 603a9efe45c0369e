/**
 * Copyright page (版权页) on the title page's verso: the CIP block as GB/T 12451 sets it, a
 * rule, then the 版本记录 with labels in one column and values aligned in the next.
 */
import type { CopyrightPage } from '../../../derive/front-pages.js';
import { rule } from '../blocks.js';
import type { Node, TextRun } from '../pdfmake.js';
import type { SectionContext } from './context.js';

/**
 * The ISBD area separator (". —" in GB/T 12451-2001, ". -- " in 2023) and the word after it
 * (the place of publication, or ISBN) are set as one unbreakable run, so a line never ends in
 * "." or "—" there and never starts with "—". Breaks before and after the run stay as the
 * line breaker finds them; no invisible characters go into the text.
 */
const AREA_SEPARATOR = /\.\s?(?:—|--)\s?[^\s:：,，]*/g;

export function keepAreaSeparators(text: string): Array<string | TextRun> {
  const runs: Array<string | TextRun> = [];
  let from = 0;
  for (const match of text.matchAll(AREA_SEPARATOR)) {
    const at = match.index;
    if (at > from) runs.push(text.slice(from, at));
    runs.push({ text: match[0], noWrap: true });
    from = at + match[0].length;
  }
  if (from < text.length) runs.push(text.slice(from));
  return runs;
}

export function copyrightPage(page: CopyrightPage, cx: SectionContext): Node {
  const { typo, geometry } = cx;
  const { cip } = page;
  const recordSize = typo.spec('record').size ?? typo.bodySize;
  // Labels arrive padded to four ems (地　　址); one more em separates them from the values.
  const labelWidth = recordSize * 5;
  const records: Node = {
    stack: page.records.map((r) => ({
      columns: [
        { ...typo.textStyle('record'), width: labelWidth, text: r.label, noWrap: true },
        { width: '*', stack: r.values.map((v) => ({ ...typo.textStyle('record'), text: v })) },
      ],
      columnGap: 0,
    })),
  };
  return cx.pages.add(
    {
      pageBreak: 'before',
      stack: [
        { ...typo.styled('cipHeading'), text: cip.heading },
        ...cip.paragraphs.map((p) => ({ ...typo.styled('cip'), text: keepAreaSeparators(p) })),
        { ...rule(geometry.textWidth), margin: typo.space('cipRule') },
        { ...typo.styled('recordTitle'), text: page.titleLine },
        records,
        ...(page.notice ? [{ ...typo.styled('notice'), text: page.notice }] : []),
        { ...typo.styled('rights'), text: page.rights },
      ],
    },
    'front',
    '',
  );
}
