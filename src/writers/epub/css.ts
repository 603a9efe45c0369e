/**
 * The stylesheet: @font-face rules for the embedded subsets, then templates/epub/book.css
 * with the two family names filled in. CSS is not markup, so plain substitution is safe as
 * long as the family names are written as escaped CSS strings.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FontConfig } from '../../fonts/config.js';
import type { EmbeddedFont } from './fonts.js';
import { CSS_HREF, relativeHref } from './paths.js';

export const CSS_TEMPLATE = fileURLToPath(new URL('../../../templates/epub/book.css', import.meta.url));

const PLACEHOLDER = /\{\{(bodyFamily|headingFamily)\}\}/g;

export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

function fontFace(font: EmbeddedFont): string {
  return [
    '@font-face {',
    `  font-family: ${cssString(font.family)};`,
    '  font-style: normal;',
    `  font-weight: ${font.weight};`,
    `  src: url(${cssString(relativeHref(CSS_HREF, font.href))}) format("truetype");`,
    '}',
  ].join('\n');
}

/** Removes /* … *\/ comments: some Kindle converters choke on them, and readers need none. */
function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n{3,}/g, '\n\n');
}

export async function renderCss(fonts: EmbeddedFont[], config: FontConfig): Promise<string> {
  const template = stripComments(await readFile(CSS_TEMPLATE, 'utf8'));
  // Embedded fallbacks follow each role's own family, so a reader takes them per character.
  const fallbacks = fonts.filter((f) => f.role === 'fallback').map((f) => `, ${cssString(f.family)}`).join('');
  const families = {
    bodyFamily: cssString(config.body.family) + fallbacks,
    headingFamily: cssString(config.heading.family) + fallbacks,
  };
  const body = template.replace(PLACEHOLDER, (_, name: keyof typeof families) => families[name]);
  return `${[...fonts.map(fontFace), body.trim()].join('\n\n')}\n`;
}
