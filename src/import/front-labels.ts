/**
 * Titles of front sections (前言, 序 …) as a book prints them, letter-spaced or not, with the
 * file name each gets. The OCR and the .docx import both place these before the first chapter.
 */
export const FRONT_FILES: Record<string, string> = {
  前言: 'preface',
  序: 'foreword',
  序言: 'foreword',
  自序: 'foreword',
  引言: 'introduction',
  导言: 'introduction',
  出版说明: 'publishers-note',
  编者的话: 'editors-note',
};

export function frontLabel(text: string): string | undefined {
  const squashed = text.replace(/^■/, '').replace(/[\s\u3000]+/g, '');
  return Object.hasOwn(FRONT_FILES, squashed) ? squashed : undefined;
}

export function isFrontLabel(text: string): boolean {
  return frontLabel(text) !== undefined;
}
