/**
 * The type roles and how they stand in for each other: data only, shared by the font config,
 * its schema, the EPUB's face assignment and the PDF's FontBook.
 */
/** 宋 body, 黑 heading, 楷 kai, 仿宋 fangsong, 等宽 mono. */
export type FontRoleName = 'body' | 'heading' | 'kai' | 'fangsong' | 'mono';

export const FONT_ROLES: readonly FontRoleName[] = ['body', 'heading', 'kai', 'fangsong', 'mono'];

/**
 * The role whose faces an optional role borrows when fonts.yaml leaves it out: 仿宋 is set in
 * 楷 (the nearest hand-written style), 楷 in 宋, code in 宋 (docs/fonts.md).
 */
export const ROLE_STANDS_IN: Readonly<Record<FontRoleName, FontRoleName | undefined>> = {
  body: undefined,
  heading: undefined,
  kai: 'body',
  fangsong: 'kai',
  mono: 'body',
};

/**
 * The roles that draw a character of the book's own text that a role's face lacks, before the
 * `fallback:` faces. A Latin monospace face (Noto Sans Mono) has no ideographs: the Chinese
 * comments of a code block are set in 黑体, as printed programming books do. The other roles
 * borrow nothing: a character missing from 宋体 or 楷体 is an error unless a `fallback:` has it,
 * because a 黑体 glyph in the middle of 宋体 text is a visible fault. Characters hanpress itself
 * inserts (src/fonts/inserted.ts) may come from any role's face.
 */
export const ROLE_COVER: Readonly<Record<FontRoleName, readonly FontRoleName[]>> = {
  body: [],
  heading: [],
  kai: [],
  fangsong: [],
  mono: ['heading', 'body'],
};

/** `role`, then the roles that may draw what it lacks (all of them for inserted characters), each once. */
export function roleChain(role: FontRoleName, inserted = false): FontRoleName[] {
  const chain = [role, ...(inserted ? FONT_ROLES : ROLE_COVER[role])];
  return chain.filter((r, i) => chain.indexOf(r) === i);
}
