/**
 * Part title page (编页), always on a recto; its verso stays blank because the part's first
 * article also starts on a recto.
 */
import type { Part } from '../../../model/book.js';
import type { Node } from '../pdfmake.js';
import type { SectionContext } from './context.js';

export function partPage(part: Part, cx: SectionContext): Node {
  const { typo } = cx;
  return cx.pages.add(
    {
      pageBreak: 'beforeEven',
      stack: [
        {
          ...typo.styled('partLabel'),
          text: part.label,
          id: part.id,
          outline: true,
          outlineText: `${part.label}\u3000${part.title}`,
          outlineExpanded: true,
        },
        { ...typo.styled('partTitle'), text: part.title },
      ],
    },
    'part',
    '',
  );
}
