/**
 * The typed shape of `book.yaml`. The JSON Schema in src/validate/book-schema.ts checks a
 * loaded document against exactly this shape before it is trusted as a `BookMetadata`.
 */
import type { PaperKind } from '../cover/paper.js';

export interface BookTitle {
  /** 正书名, e.g. 新的使命和担当 */
  main: string;
  /** 分辑号, e.g. Ⅱ (a Roman numeral character, not the letters "II") */
  partNumber?: string;
  /** 分辑名, e.g. 中国工会改革创新实录 */
  partName?: string;
  /** 其他书名信息, e.g. 2015—2017 (printed in parentheses after the part name) */
  otherInfo?: string;
}

export interface Contributor {
  name: string;
  /** Chinese role word as printed: 主编, 副主编, 执行副主编, 编辑, 著, 译 … */
  role: string;
  /** Named in the statement of responsibility (title page, CIP, dc:creator). */
  primary?: boolean;
  /** Sort form for dc:creator file-as, e.g. "Li Yufu" or the name itself. */
  fileAs?: string;
}

export interface Phone {
  number: string;
  label?: string;
}

export interface Publisher {
  name: string;
  place: string;
  address?: string;
  postcode?: string;
  website?: string;
  phones?: Phone[];
  salesPhones?: Phone[];
}

export interface Cip {
  /** GB/T 12451 profile: "2001" (CIP issued before 2024-04-01) or "2023". */
  profile: '2001' | '2023';
  /** 出版年月 as printed in the CIP description, YYYY-MM. */
  publicationDate: string;
  /** Subject headings (主题词), each a chain joined with —. */
  subjects: string[];
  /** 中图法 class numbers. */
  clc: string[];
  /** The full 核字 line as issued, e.g. 中国版本图书馆CIP数据核字（2017）第204165号 */
  number: string;
}

export interface Edition {
  /** 版次 number and date (YYYY-MM). */
  number: number;
  date: string;
  /** 印次 number and date (YYYY-MM). */
  printing: number;
  printingDate: string;
}

export interface PrintSpec {
  /** Full-sheet paper size in millimetres, e.g. 700 × 1000. */
  paper: { width: number; height: number };
  /** 开数: the sheet is folded into this many leaves (16 → 1/16). */
  fold: number;
  /** 印张 as printed; when left out, computed from the PDF's page count. */
  sheets?: number;
  /** 字数 in thousands of characters (千字). */
  kiloCharacters: number;
  /** PDF/X level of `build --print` (default PDF/X-4). */
  pdfx?: 'PDF/X-4' | 'PDF/X-1a';
  /** Paper thickness per leaf in millimetres, as the printer gives it (spine width). */
  caliper?: number;
  /** 克重 of the text paper in g/m², when the caliper is not known (src/cover/paper.ts). */
  paperWeight?: number;
  /** The kind of text paper, for the 克重 table (default 胶版纸). */
  paperKind?: PaperKind;
  /** The printer's own CMYK output profile instead of the bundled one (src/print/intent.ts). */
  outputIntent?: OutputIntentSpec;
}

export interface OutputIntentSpec {
  /** ICC file, relative to book.yaml, inside the project. */
  profile: string;
  /** OutputConditionIdentifier, e.g. JC200103 (Japan Color 2001 Coated) or FOGRA39. */
  identifier: string;
  /** The printing condition in words. */
  condition?: string;
  /** Registry of the identifier (default http://www.color.org). */
  registry?: string;
}

/** The cover spread of `build --print`. */
export interface CoverSpec {
  /** Text on the back cover, above the barcode. */
  blurb?: string;
  /** Width of each flap (勒口) in millimetres; none when left out. */
  flaps?: number;
  /** Below this spine width (mm) the spine carries no text (default 5). */
  spineMinimum?: number;
  /** The one colour beside black on the generated cover, as C, M, Y, K percentages. */
  colour?: [number, number, number, number];
}

export interface Staff {
  /** 出版人 */
  publisher?: string;
  /** 责任编辑 */
  editors: string[];
  /** 责任校对 */
  proofreaders?: string[];
  /** 责任印制 */
  production?: string[];
}

export interface PartEntry {
  /** 第一编 */
  label: string;
  /** 高度重视　科学指导 */
  title: string;
  chapters: string[];
}

export interface Contents {
  /** Front-matter Markdown files (前言 …), in reading order. */
  front: string[];
  parts: PartEntry[];
}

export interface BookMetadata {
  /** ASCII file name stem for dist/<slug>.epub and .pdf */
  slug: string;
  /** BCP 47 tag for the text, e.g. zh-CN or zh-Hans. */
  language: string;
  title: BookTitle;
  contributors: Contributor[];
  publisher: Publisher;
  isbn: string;
  /** ISBN of the e-book edition, when it has its own (it must differ from the print ISBN). */
  ebookIsbn?: string;
  /** 丛书: series title and this book's number in it. */
  series?: { title: string; number?: string };
  cip: Cip;
  edition: Edition;
  print: PrintSpec;
  cover?: CoverSpec;
  /** Price in CNY with two decimals, e.g. "55.00". */
  price: string;
  staff: Staff;
  /** 经销 */
  distributor?: string;
  /** 印刷 */
  printer?: string;
  /** The damaged-copy notice printed under the price. */
  notice?: string;
  /** 版权所有　侵权必究 */
  rights: string;
  contents: Contents;
  /** Lint rule levels for this book (`quote-direction: off`); see docs/lint.md. */
  lint?: Partial<Record<string, 'off' | 'warning' | 'error'>>;
}
