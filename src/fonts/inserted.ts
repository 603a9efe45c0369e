/**
 * Characters hanpress itself puts on the page — not the author's — so a face that lacks one is
 * no fault of the book: the en space of the running head (■\u2002书名) and of three-character
 * 版本记录 labels, the ideographic space of 前　言 and 地　　址, ■, the ＊　＊　＊ break, the
 * circled note numbers ①…㊿. Such a character is drawn from the first role face that has it
 * (src/fonts/assign.ts), never a failure on a body font without U+2002.
 */
const CIRCLED = [
  ...Array.from({ length: 20 }, (_, i) => 0x2460 + i),
  ...Array.from({ length: 15 }, (_, i) => 0x3251 + i),
  ...Array.from({ length: 15 }, (_, i) => 0x32b1 + i),
];

export const INSERTED_CHARACTERS: ReadonlySet<number> = new Set([
  0x2002, // en space
  0x3000, // ideographic space
  0x25a0, // ■ before the verso running head
  0xff0a, // ＊ of the thematic break
  ...CIRCLED,
]);
