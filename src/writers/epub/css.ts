/**
 * The stylesheet: @font-face rules for the embedded subsets, then templates/epub/book.css
 * with the role family lists filled in. CSS is not markup, so plain substitution is safe as
 * long as the family names are written as escaped CSS strings.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { familyList } from '../../fonts/assign.js';
import { FONT_ROLES, type FontConfig, type FontRoleName } from '../../fonts/config.js';
import { DEFAULT_TEXT_ROLES, type TextRoles } from '../../fonts/glyphs.js';
import type { EmbeddedFont, EmbeddedFonts } from './fonts.js';
import { CSS_HREF, relativeHref } from './paths.js';

export const CSS_TEMPLATE = fileURLToPath(new URL('../../../templates/epub/book.css', import.meta.url));

/** {{bodyFamily}} … {{monoFamily}} per role, {{quoteFamily}}, {{codeFamily}} and {{captionFamily}} as the design sets them. */
const PLACEHOLDER = /\{\{(\w+)Family\}\}/g;

export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

function fontFaces(font: EmbeddedFont): string[] {
  return font.uses.map((use) =>
    [
      '@font-face {',
      `  font-family: ${cssString(use.family)};`,
      '  font-style: normal;',
      `  font-weight: ${use.weight};`,
      `  src: url(${cssString(relativeHref(CSS_HREF, font.href))}) format("truetype");`,
      '}',
    ].join('\n'),
  );
}

/** Removes /* … *\/ comments: some Kindle converters choke on them, and readers need none. */
function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n{3,}/g, '\n\n');
}

/**
 * The stylesheet. Each role's family is followed by the families of its chain and the
 * fallbacks (src/fonts/assign.ts), so a reader takes a character a face lacks from the face
 * the EPUB embedded it in.
 */
export async function renderCss(embedded: EmbeddedFonts, config: FontConfig, roles: TextRoles = DEFAULT_TEXT_ROLES): Promise<string> {
  const { fonts, familiesOf } = embedded;
  const template = stripComments(await readFile(CSS_TEMPLATE, 'utf8'));
  const families = (role: FontRoleName): string => familyList(config, role, familiesOf[role]).map(cssString).join(', ');
  const byName: Record<string, FontRoleName> = { ...Object.fromEntries(FONT_ROLES.map((r) => [r, r])), quote: roles.quote, code: roles.code, caption: roles.caption };
  const body = template.replace(PLACEHOLDER, (whole, name: string) => {
    const role = byName[name];
    if (!role) throw new Error(`internal: ${CSS_TEMPLATE} has an unknown placeholder ${whole}`);
    return families(role);
  });
  return `${[...fonts.flatMap(fontFaces), body.trim()].join('\n\n')}\n`;
}
