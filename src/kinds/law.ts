/**
 * The structure of a Chinese statute (民法典): 编 › 分编 › 章 › 节 › 条. Sources mark the
 * headings with whatever Markdown level their editor chose (总则 has 章 at ##, 合同编 at ###
 * under a ## 分编), so a law book ranks a heading by its words, and both outputs style it by
 * that rank.
 */

const NUMERAL = '[一二三四五六七八九十百千零〇两\\d]+';

/** Heading rank by its words: 2 = 编/分编, 3 = 章, 4 = 节; undefined for any other heading. */
export function lawRank(text: string): 2 | 3 | 4 | undefined {
  const head = text.trimStart();
  if (new RegExp(`^第${NUMERAL}(分编|编)`).test(head)) return 2;
  if (new RegExp(`^第${NUMERAL}章`).test(head)) return 3;
  if (new RegExp(`^第${NUMERAL}节`).test(head)) return 4;
  return undefined;
}

const ARTICLE = new RegExp(`^(第${NUMERAL}条(?:之${NUMERAL})?)[ \\t\\u3000]+`);

/**
 * An article's number at the head of its first paragraph: 第一条, then the text after the
 * separating space. The number is followed by one full-width space in print, whatever the
 * source wrote (a space, a tab, two spaces, an ideographic space). A paragraph that opens with
 * 第…条 with no space after it (a cross-reference: 第一条规定…) is not an article head.
 */
export function articleHead(text: string): { number: string; rest: number } | undefined {
  const match = ARTICLE.exec(text);
  if (!match?.[1]) return undefined;
  return { number: match[1], rest: match[0].length };
}
