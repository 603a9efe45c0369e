/**
 * A code frame under a diagnostic: the offending line with its neighbours and a caret that
 * counts display width, so it lands under the right character in Chinese source.
 */

/** East Asian Wide and Fullwidth characters take two terminal columns. */
export function charWidth(codePoint: number): number {
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch === '\t' ? 4 : charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Columns of source text a frame shows on one line; longer lines are cut around the caret. */
export const FRAME_WIDTH = 96;

/**
 * Cuts `text` to at most `width` columns around code unit `at`, marking cuts with …. Returns
 * the cut text and where `at` lands in it (code units), so the caret can be placed.
 */
export function clipAround(text: string, at: number, width: number): { text: string; at: number } {
  if (displayWidth(text) <= width) return { text, at };
  const chars = Array.from(text);
  // Index of the character holding code unit `at`.
  let index = 0;
  for (let units = 0; index < chars.length && units + (chars[index] as string).length <= at; index++) units += (chars[index] as string).length;
  // Keep a third of the window before the caret, the rest after it.
  let start = index;
  let used = 0;
  while (start > 0 && used + displayWidth(chars[start - 1] as string) <= width / 3) used += displayWidth(chars[--start] as string);
  let end = index;
  while (end < chars.length && used + displayWidth(chars[end] as string) <= width - 2) used += displayWidth(chars[end++] as string);
  while (start > 0 && used + displayWidth(chars[start - 1] as string) <= width - 2) used += displayWidth(chars[--start] as string);
  const head = start > 0 ? '…' : '';
  const body = chars.slice(start, end).join('');
  const tail = end < chars.length ? '…' : '';
  const before = chars.slice(start, index).join('');
  return { text: head + body + tail, at: head.length + before.length };
}

/**
 * @param source whole file text
 * @param line 1-based
 * @param column 1-based, in UTF-16 code units
 * @param width longest source line shown, in columns; longer lines are cut around the caret
 */
export function codeFrame(source: string, line: number, column: number, context = 1, width = FRAME_WIDTH): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? '';
    // Neighbours are cut at the same offset so the window shows the same stretch of each line.
    const clipped = clipAround(raw, Math.max(0, column - 1), width);
    const text = clipped.text.replace(/\t/g, '    ');
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(gutter)} | ${text}`);
    if (n === line) {
      const before = clipped.text.slice(0, clipped.at);
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(displayWidth(before))}^`);
    }
  }
  return out.join('\n');
}
