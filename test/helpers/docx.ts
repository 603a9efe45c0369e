/**
 * Word manuscripts made by the tests themselves with the `docx` package (which writes the
 * OOXML Word writes: styles.xml with the built-in heading styles, footnotes.xml, endnotes.xml,
 * numbering.xml, comments.xml, media, core properties), so the import is tested on files it
 * did not make. Each shape holds what one test compares against.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  EndnoteReferenceRun,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ISectionOptions,
} from 'docx';
import sharp from 'sharp';

export async function png(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

type Child = ISectionOptions['children'][number];

interface Options {
  title?: string;
  creator?: string;
  children: Child[];
  footnotes?: Record<number, string[]>;
  endnotes?: Record<number, string[]>;
  comments?: { id: number; author: string; text: string }[];
  paragraphStyles?: { id: string; name: string }[];
}

export async function makeDocx(o: Options): Promise<Uint8Array> {
  const notes = (map: Record<number, string[]> | undefined): Record<number, { children: Paragraph[] }> =>
    Object.fromEntries(Object.entries(map ?? {}).map(([id, paras]) => [id, { children: paras.map((t) => new Paragraph(t)) }]));
  const doc = new Document({
    ...(o.title ? { title: o.title } : {}),
    ...(o.creator ? { creator: o.creator } : {}),
    footnotes: notes(o.footnotes),
    endnotes: notes(o.endnotes),
    ...(o.comments
      ? { comments: { children: o.comments.map((c) => ({ id: c.id, author: c.author, date: new Date('2026-11-30T10:00:00Z'), children: [new Paragraph(c.text)] })) } }
      : {}),
    styles: {
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true } },
        ...(o.paragraphStyles ?? []).map((s) => ({ id: s.id, name: s.name, basedOn: 'Normal' })),
      ],
    },
    numbering: {
      config: [
        { reference: 'decimal', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
        { reference: 'chinese', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START }] },
      ],
    },
    sections: [{ children: o.children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const h1 = (text: string): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
export const h2 = (text: string): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
export const h3 = (text: string): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
export const p = (...runs: (string | TextRun | ExternalHyperlink | FootnoteReferenceRun | EndnoteReferenceRun | ImageRun | InsertedTextRun | DeletedTextRun | CommentRangeStart | CommentRangeEnd | CommentReference)[]): Paragraph =>
  new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)) });
export const styled = (style: string, text: string): Paragraph => new Paragraph({ text, style });

export function table(rows: string[][][]): Table {
  return new Table({
    rows: rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: cell.map((t) => new Paragraph(t)) })) })),
  });
}

export {
  ExternalHyperlink,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  EndnoteReferenceRun,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  Paragraph,
  TextRun,
};
