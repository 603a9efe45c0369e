/**
 * Splits a Markdown file into its YAML front matter and body, keeping the line offsets so
 * positions in either part map back to the file.
 */
export interface SplitMarkdown {
  /** YAML text between the fences, or undefined when the file has none. */
  frontMatter?: string;
  /** Lines before the front matter's first line (the opening fence). */
  frontMatterLineOffset: number;
  body: string;
  /** Lines before the body's first line. */
  bodyLineOffset: number;
}

const FENCE = /^---[ \t]*$/;

export function splitFrontMatter(text: string): SplitMarkdown {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split('\n');
  if (!FENCE.test(lines[0]?.replace(/\r$/, '') ?? '')) {
    return { frontMatterLineOffset: 0, body: source, bodyLineOffset: 0 };
  }
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line.replace(/\r$/, '')));
  if (close < 0) return { frontMatterLineOffset: 0, body: source, bodyLineOffset: 0 };
  return {
    frontMatter: lines.slice(1, close).join('\n'),
    frontMatterLineOffset: 1,
    body: lines.slice(close + 1).join('\n'),
    bodyLineOffset: close + 1,
  };
}
