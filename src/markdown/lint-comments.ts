/**
 * Drops whole-line `<!-- hanpress-lint-… -->` comments from the text. markdown-it runs with
 * html: false, so without this rule such a comment would be printed in the book as text. Only
 * lines that hold nothing but the comment go; a paragraph left empty goes with them.
 */
import type { MarkdownIt, Token } from 'markdown-it';

const COMMENT_LINE = /^[ \t]*<!--[ \t]*hanpress-lint-[^\n]*?-->[ \t]*$/;

function withoutComments(content: string): string {
  // Nearly every paragraph holds no comment: keep it without splitting it into lines.
  if (!content.includes('<!--')) return content;
  return content
    .split('\n')
    .filter((line) => !COMMENT_LINE.test(line))
    .join('\n');
}

function dropEmptyParagraphs(tokens: Token[]): Token[] {
  return tokens.filter((token, i) => {
    const inline = token.type === 'inline' ? token : token.type === 'paragraph_open' ? tokens[i + 1] : tokens[i - 1];
    const paragraph = token.type === 'inline' ? tokens[i - 1]?.type === 'paragraph_open' : token.type.startsWith('paragraph_');
    return !(paragraph && inline?.type === 'inline' && inline.content === '');
  });
}

export function lintComments(md: MarkdownIt): void {
  md.core.ruler.before('inline', 'hanpress_lint_comments', (state) => {
    for (const token of state.tokens) if (token.type === 'inline') token.content = withoutComments(token.content);
    state.tokens = dropEmptyParagraphs(state.tokens);
  });
}
