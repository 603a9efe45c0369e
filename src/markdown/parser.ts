/**
 * One configured markdown-it instance for every chapter: CommonMark + tables + footnotes,
 * raw HTML off (it is escaped as text, so a stray tag cannot break the XHTML).
 */
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { lintComments } from './lint-comments.js';

export function createMarkdownParser(): MarkdownItInstance {
  return new MarkdownIt({ html: false, xhtmlOut: true, linkify: false, typographer: false }).use(footnote).use(lintComments);
}
