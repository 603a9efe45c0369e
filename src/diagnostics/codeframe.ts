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

/**
 * @param source whole file text
 * @param line 1-based
 * @param column 1-based, in UTF-16 code units
 */
export function codeFrame(source: string, line: number, column: number, context = 1): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '    ');
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(gutter)} | ${text}`);
    if (n === line) {
      const before = (lines[n - 1] ?? '').slice(0, Math.max(0, column - 1));
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(displayWidth(before))}^`);
    }
  }
  return out.join('\n');
}
