/**
 * 回目: a novel's chapter title, 第一回　王教头私走延安府　九纹龙大闹史家村 — the chapter
 * number and a couplet of two parallel phrases, separated by spaces. Printed, the number
 * stands above the couplet and a line may break only at the couplet's space.
 */

/** Runs of spaces (ASCII, tabs, ideographic) between words: sources double them at random. */
const SPACES = /[ \t\u3000]+/g;

/** One ideographic space between the words of a title, however many the source had. */
export function normaliseTitleSpaces(title: string): string {
  return title.trim().replace(SPACES, '\u3000');
}

const LABEL = /^(第[一二三四五六七八九十百千零〇两\d]+[回章卷]|楔子|引首|引子|序章|尾声)$/;

export interface Couplet {
  /** 第一回, 楔子 …: the line above the couplet (absent when the title has none). */
  label?: string;
  /** The phrases: usually two (上联, 下联); never split inside. */
  phrases: string[];
}

export function splitCouplet(title: string): Couplet {
  const words = normaliseTitleSpaces(title).split('\u3000').filter((w) => w.length > 0);
  const first = words[0];
  if (first !== undefined && words.length > 1 && LABEL.test(first)) return { label: first, phrases: words.slice(1) };
  return { phrases: words };
}

/**
 * The couplet's lines for a measure of `maxEms`: all phrases on one line when they fit, else
 * phrases grouped into as few lines as fit (a phrase wider than the measure on a line of its own,
 * which the caller then balances).
 */
export function coupletLines(phrases: string[], maxEms: number, ems: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const phrase of phrases) {
    const joined = current ? `${current}\u3000${phrase}` : phrase;
    if (!current || ems(joined) <= maxEms) current = joined;
    else {
      lines.push(current);
      current = phrase;
    }
  }
  if (current) lines.push(current);
  return lines;
}
