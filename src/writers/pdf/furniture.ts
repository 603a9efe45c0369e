/**
 * Page furniture: folios at the foot, outer edge, and running heads (book title on versos,
 * section on rectos). Laid out in recto geometry like everything else; verso pages are shifted
 * as a whole in render.ts, so only the alignment flips here.
 */
import type { Typography } from './design.js';
import type { PageGeometry } from './geometry.js';
import type { PageMap } from './page-map.js';
import type { Content, DynamicContent } from './pdfmake.js';

const isRecto = (page: number): boolean => page % 2 === 1;

export function footer(pages: PageMap, geometry: PageGeometry, typo: Typography): DynamicContent {
  return (page) => {
    const info = pages.info(page);
    if (!info || info.kind !== 'text') return null;
    return {
      ...typo.textStyle('folio'),
      text: pages.folio(page),
      alignment: isRecto(page) ? 'right' : 'left',
      margin: [geometry.inner, typo.design.furniture.folioGap, geometry.outer, 0],
    };
  };
}

export function header(pages: PageMap, geometry: PageGeometry, typo: Typography, bookTitle: string): DynamicContent {
  const { headGap, headRule } = typo.design.furniture;
  const style = typo.spec('runningHead');
  const lineHeight = (style.size ?? 8) * (style.leading ?? 1.2);
  return (page): Content | null => {
    const info = pages.info(page);
    if (!info || info.kind !== 'text' || info.opening) return null;
    const recto = isRecto(page);
    return {
      stack: [
        { ...typo.textStyle('runningHead'), text: recto ? info.head : `■\u2002${bookTitle}`, alignment: recto ? 'right' : 'left' },
        {
          canvas: [{ type: 'line', x1: 0, y1: 2, x2: geometry.textWidth, y2: 2, lineWidth: headRule }],
        },
      ],
      margin: [geometry.inner, Math.max(0, geometry.top - headGap - lineHeight - 2), geometry.outer, 0],
    };
  };
}
