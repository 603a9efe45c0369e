/**
 * Spine width from the book block: (pages ÷ 2) leaves × the paper's caliper (thickness of one
 * leaf). The printer's caliper (book.yaml `print.caliper`) is the truth; without it the
 * caliper is estimated from the paper's 克重 and kind by a bulk (cm³/g) typical of mainland
 * book papers, thickness = 克重 × bulk. Data only, no imports, so the schema can use it too.
 */

export const PAPER_KINDS = ['胶版纸', '轻型纸', '铜版纸', '哑粉纸', '新闻纸'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

/** Bulk in cm³/g: 70 g 胶版纸 at 1.25 is 0.0875 mm a leaf. Ask the printer for the real value. */
export const PAPER_BULK: Record<PaperKind, number> = {
  胶版纸: 1.25,
  轻型纸: 1.85,
  铜版纸: 0.9,
  哑粉纸: 1.0,
  新闻纸: 1.4,
};

/** Used, with a warning, when book.yaml gives neither caliper nor 克重. */
export const DEFAULT_PAPER = { weight: 70, kind: '胶版纸' } as const;

export interface SpineWidth {
  /** Millimetres, rounded to 0.01 mm. */
  mm: number;
  /** The caliper used, mm per leaf. */
  caliper: number;
  /** Where the caliper came from. */
  source: 'caliper' | 'paper' | 'default';
  leaves: number;
}

export function caliperOf(weight: number, kind: PaperKind): number {
  return (weight * PAPER_BULK[kind]) / 1000;
}

/** A printed book has an even page count; an odd one gets the blank last page the printer adds. */
export function spineWidth(pages: number, print: { caliper?: number; paperWeight?: number; paperKind?: PaperKind }): SpineWidth {
  const leaves = Math.ceil(pages / 2);
  const [caliper, source]: [number, SpineWidth['source']] =
    print.caliper !== undefined
      ? [print.caliper, 'caliper']
      : print.paperWeight !== undefined
        ? [caliperOf(print.paperWeight, print.paperKind ?? '胶版纸'), 'paper']
        : [caliperOf(DEFAULT_PAPER.weight, DEFAULT_PAPER.kind), 'default'];
  return { mm: Math.round(leaves * caliper * 100) / 100, caliper, source, leaves };
}
