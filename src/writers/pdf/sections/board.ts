/**
 * Editorial board (编委会) page: role labels spread to the width of the longest, then the names.
 */
import type { RoleGroup } from '../../../derive/responsibility.js';
import type { Node } from '../pdfmake.js';
import type { SectionContext } from './context.js';

/**
 * A label spread over `ems` ems. pdfmake breaks CJK text into one run per character, which
 * would lose letter-spacing, so the label is one unbreakable run; the spacing after its last
 * glyph falls outside the cell and is harmless.
 */
function spreadLabel(label: string, ems: number, size: number): Node {
  const count = Array.from(label).length;
  if (count < 2 || count >= ems) return { text: label, noWrap: true };
  return { text: label, noWrap: true, characterSpacing: ((ems - count) / (count - 1)) * size };
}

export function boardPage(board: RoleGroup[], cx: SectionContext): Node {
  const { typo, geometry } = cx;
  const size = typo.spec('boardEntry').size ?? typo.bodySize;
  const ems = Math.max(...board.map((g) => Array.from(g.role).length));
  const labelWidth = ems * size;
  const entryStyle = typo.textStyle('boardEntry');
  const blockWidth = labelWidth + size * 8;
  return cx.pages.add(
    {
      pageBreak: 'beforeEven',
      margin: [Math.max(0, (geometry.textWidth - blockWidth) / 2), typo.spec('boardBlock').spaceBefore ?? 0, 0, 0],
      stack: board.map((g) => ({
        columns: [
          { ...entryStyle, ...spreadLabel(g.role, ems, size), width: labelWidth },
          { ...entryStyle, text: '：', width: size },
          { ...entryStyle, text: g.names.join('\u3000'), width: '*' },
        ],
        columnGap: 0,
      })),
    },
    'front',
    '',
  );
}
