/**
 * Book kinds as design presets. A book's design.yaml names its kind (`kind: law`); the preset
 * is laid over the house design and the book's own fields over the preset, field by field, so
 * any choice of a preset can be overridden (docs/print.md lists what each preset sets). The
 * presets are data, typed against the design, so a misspelt style is a compile error.
 */
import type { DesignOverrides } from '../typeset/design.js';

export const BOOK_KINDS = ['compilation', 'novel', 'law', 'technical'] as const;
export type BookKind = (typeof BOOK_KINDS)[number];

/** How a kind structures its text; every field also settable in design.yaml `structure:`. */
export interface Structure {
  /** `law`: a heading's rank comes from its words (第…分编 / 章 / 节), not its Markdown level. */
  headingRank: 'markdown' | 'law';
  /** Number headings 1.1, 1.1.1 by chapter (technical books). */
  headingNumbers: boolean;
  /** A paragraph opening with 第…条 sets the number in the articleNumber style and a full-width space. */
  articleNumbers: boolean;
  /** `couplet`: a 回目 is broken only at its spaces (第一回 / 上联 / 下联), never inside a phrase. */
  titleBreak: 'balance' | 'couplet';
  /** What the recto running head shows: the part, or the chapter's own title (novels). */
  rectoHead: 'part' | 'chapter';
}

export const HOUSE_STRUCTURE: Structure = {
  headingRank: 'markdown',
  headingNumbers: false,
  articleNumbers: false,
  titleBreak: 'balance',
  rectoHead: 'part',
};

const centred = { align: 'center', indent: 0 } as const;

export const KIND_PRESETS: Record<BookKind, DesignOverrides> = {
  // The house design is the compilation's (the sample book): nothing to change.
  compilation: {},
  novel: {
    structure: { titleBreak: 'couplet', rectoHead: 'chapter' },
    styles: {
      titleLabel: { font: 'heading', size: 14, leading: 1.5, ...centred, spaceBefore: 36, spaceAfter: 8 },
      articleTitle: { font: 'heading', size: 16, leading: 1.5, ...centred, spaceBefore: 36 },
    },
  },
  law: {
    structure: { headingRank: 'law', articleNumbers: true, rectoHead: 'chapter' },
    styles: {
      // 编 is the chapter; 分编, 章 and 节 step down in size and spacing, all centred in 黑体.
      articleTitle: { font: 'heading', size: 18, leading: 1.45, ...centred, spaceBefore: 40 },
      h2: { font: 'heading', size: 15, leading: 1.5, ...centred, spaceBefore: 24, spaceAfter: 12 },
      h3: { font: 'heading', size: 13, leading: 1.5, ...centred, spaceBefore: 16, spaceAfter: 8 },
      h4: { font: 'heading', size: 11.5, leading: 1.6, ...centred, spaceBefore: 8, spaceAfter: 4 },
      articleNumber: { font: 'heading' },
    },
  },
  technical: {
    structure: { headingNumbers: true },
    styles: {
      h2: { font: 'heading', size: 14, leading: 1.5, align: 'left', spaceBefore: 18, spaceAfter: 8 },
      h3: { font: 'heading', size: 12, leading: 1.5, align: 'left', spaceBefore: 12, spaceAfter: 6 },
      h4: { font: 'heading', size: 10.5, leading: 1.7, align: 'left', spaceBefore: 8, spaceAfter: 4 },
    },
  },
};

/** The structure a book's design settings choose: house, then the kind's preset, then the book's fields. */
export function resolveStructure(overrides: DesignOverrides | undefined): Structure {
  const preset = overrides?.kind ? KIND_PRESETS[overrides.kind].structure : undefined;
  return { ...HOUSE_STRUCTURE, ...preset, ...overrides?.structure };
}
