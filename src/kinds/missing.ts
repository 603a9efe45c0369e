/**
 * 缺字: a character the source could not give, held by a placeholder (□, or the 〓 geta mark)
 * and often explained in a note right after it: □【左“足”右“此”】. Both outputs set the
 * placeholder and its note apart so a proofreader sees them, and `check` lists every one with
 * its position (text/missing-char), so none reaches print unnoticed.
 */

/** A placeholder and the 【…】 note that may follow it. */
export const MISSING = /[□〓](?:【[^】\n]*】)?/gu;

export type PieceKind = 'text' | 'mark' | 'note';

export interface Piece {
  kind: PieceKind;
  text: string;
}

/** Text cut into plain text, placeholders and their notes, in order. */
export function missingPieces(text: string): Piece[] {
  if (!text.includes('□') && !text.includes('〓')) return [{ kind: 'text', text }];
  const out: Piece[] = [];
  let from = 0;
  for (const m of text.matchAll(MISSING)) {
    if (m.index > from) out.push({ kind: 'text', text: text.slice(from, m.index) });
    const mark = m[0].slice(0, 1);
    out.push({ kind: 'mark', text: mark });
    if (m[0].length > 1) out.push({ kind: 'note', text: m[0].slice(1) });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ kind: 'text', text: text.slice(from) });
  return out;
}

export interface MissingChar {
  /** Offset of the placeholder in the text searched. */
  offset: number;
  mark: string;
  /** The 【…】 note without its brackets, when there is one. */
  note?: string;
}

export function findMissing(text: string): MissingChar[] {
  return [...text.matchAll(MISSING)].map((m) => ({
    offset: m.index,
    mark: m[0].slice(0, 1),
    ...(m[0].length > 1 ? { note: m[0].slice(2, -1) } : {}),
  }));
}
