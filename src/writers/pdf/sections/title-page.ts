/**
 * 扉页: title (with the 分辑号), subtitle, statement of responsibility, and the publisher at the
 * foot of the text block.
 */
import type { TitlePage } from '../../../derive/front-pages.js';
import type { Node } from '../pdfmake.js';
import type { SectionContext } from './context.js';

export function titlePage(page: TitlePage, cx: SectionContext): Node {
  const { typo, geometry } = cx;
  const main: Node = {
    ...typo.styled('titleMain'),
    text: [page.main, ...(page.partNumber ? [{ ...typo.textStyle('titlePartNumber'), text: page.partNumber }] : [])],
  };
  const publisherStyle = typo.spec('titlePublisher');
  const publisherHeight = (publisherStyle.size ?? 14) * (publisherStyle.leading ?? 1.5);
  return cx.pages.add(
    {
      stack: [
        main,
        ...(page.subtitle ? [{ ...typo.styled('titleSubtitle'), text: page.subtitle }] : []),
        ...page.responsibility.map((line, i) => ({
          ...(i === 0 ? typo.styled('titleResponsibility') : typo.textStyle('titleResponsibility')),
          text: line,
        })),
        {
          ...typo.textStyle('titlePublisher'),
          text: page.publisher,
          absolutePosition: { x: geometry.inner, y: geometry.top + geometry.textHeight - publisherHeight },
        },
      ],
    },
    'front',
    '',
  );
}
