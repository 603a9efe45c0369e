/**
 * One configured markdown-it instance for every chapter: CommonMark + tables + footnotes + TeX maths
 * (src/markdown/math.ts),
 * raw HTML off (it is escaped as text, so a stray tag cannot break the XHTML).
 * markdown-it-cjk-friendly applies the proposed CommonMark change to the flanking rules, so
 * `**“加粗”**`, `**《书名》**` and `*（注）*` are emphasis next to Chinese text: plain
 * CommonMark counts “ ” 《 》 （ ） as punctuation and leaves the asterisks in the text.
 */
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import footnote from 'markdown-it-footnote';
import { lintComments } from './lint-comments.js';
import { mathPlugin } from './math.js';

export function createMarkdownParser(): MarkdownItInstance {
  return new MarkdownIt({ html: false, xhtmlOut: true, linkify: false, typographer: false }).use(cjkFriendly).use(footnote).use(lintComments).use(mathPlugin);
}
