/**
 * Every diagnostic code hanpress can print, in one place: its default severity, a short title,
 * the general hint (a diagnostic's own hint may be more specific) and where docs/diagnostics.md
 * explains it. `Diagnostic.code` is typed from this table, so a code that is not here does not
 * compile; codes are permanent: rename one only by keeping the old one here too.
 *
 * Data only, without imports of other stages, so every stage can use it.
 */
import type { Severity } from './diagnostic.js';

export interface CatalogueEntry {
  severity: Severity;
  title: string;
  hint: string;
}

/** Areas in the order docs/diagnostics.md lists them; a code's area is the part before `/`. */
export const AREAS: Record<string, string> = {
  load: 'Finding the project',
  init: 'Starting a project',
  encoding: 'Text encoding',
  yaml: 'YAML files',
  book: 'book.yaml schema',
  'front-matter': 'Chapter front matter',
  design: 'A book\'s design.yaml',
  isbn: 'ISBN',
  cip: 'CIP data',
  language: 'Language',
  contributors: 'Contributors',
  title: 'Titles',
  edition: 'Edition',
  date: 'Dates',
  print: 'Print specification',
  contents: 'Reading order and chapter files',
  markdown: 'Markdown',
  lint: 'Punctuation lint',
  image: 'Images',
  cover: 'Cover',
  fonts: 'Fonts',
  pdf: 'PDF layout',
  build: 'Building one output',
  output: 'Writing the outputs',
  onix: 'ONIX export',
  import: 'OCR import',
  preflight: 'Print preflight (PDF/X)',
  verify: 'Self-checks of the written files',
  internal: 'Bugs in hanpress',
};

const SCHEMA_HINT = 'Correct the value at the position shown; docs/metadata.md lists every field and its form.';
const FM_HINT = 'Correct the front matter at the position shown; docs/metadata.md lists the chapter fields.';
const BUG_HINT = 'This is a hanpress bug, not a problem in your book: please report it with the book project.';

export const CATALOGUE = {
  // load
  'load/no-book-yaml': { severity: 'error', title: 'No book.yaml in the folder', hint: 'Run hanpress in a book project folder (or a folder inside it), pass its path, or start one: hanpress init mybook' },
  'load/outside-project': { severity: 'error', title: 'A project file leads outside the project', hint: 'Replace the symbolic link with the file itself; hanpress reads nothing outside the project folder.' },
  'load/not-a-file': { severity: 'error', title: 'A path names something that is not a regular file', hint: 'Point the path at an ordinary file (not a folder, device or pipe).' },
  'load/unreadable': { severity: 'error', title: 'A project file cannot be read', hint: 'Check the file’s permissions; the message gives the system’s reason.' },
  'load/too-large': { severity: 'error', title: 'A text file is larger than hanpress reads', hint: 'Split the file; a chapter file may hold at most 64 MB, a YAML file 1 MB.' },

  // init
  'init/exists': { severity: 'error', title: 'hanpress init would write over a file', hint: 'Choose a new folder (hanpress init mybook), or add --force to replace the files.' },

  // encoding
  'encoding/lone-surrogate': { severity: 'error', title: 'An escape makes half a character', hint: 'A \\uD800–\\uDFFF escape must be one of a pair; write the character itself instead.' },
  'encoding/utf16': { severity: 'error', title: 'The file is UTF-16, not UTF-8', hint: 'Save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8).' },
  'encoding/invalid-utf8': { severity: 'error', title: 'The file is not valid UTF-8', hint: 'Save the file as UTF-8; a GBK/GB 18030 file must be converted (e.g. iconv -f GB18030 -t UTF-8).' },
  'encoding/control-character': { severity: 'error', title: 'A control character in the text', hint: 'Delete the character (it is invisible in most editors; the column shows where it is).' },

  // yaml
  'yaml/syntax': { severity: 'error', title: 'YAML syntax error', hint: 'Check indentation and quoting; values with : or # inside need quotes.' },
  'yaml/too-many-aliases': { severity: 'error', title: 'Too many YAML aliases', hint: 'Write the values out instead of repeating them with *aliases (at most 100 uses).' },
  'yaml/string-too-long': { severity: 'error', title: 'A YAML value is too long', hint: 'A metadata value holds at most 10 000 characters; long text belongs in a Markdown chapter.' },
  'yaml/too-deep': { severity: 'error', title: 'YAML nested too deeply', hint: 'No hanpress file nests more than a few levels; check the indentation.' },

  // book.yaml schema (ajv keywords)
  'book/required': { severity: 'error', title: 'A required field is missing', hint: 'Add the field named in the message.' },
  'book/additionalProperties': { severity: 'error', title: 'Unknown field', hint: 'Check the spelling of the field or remove it.' },
  'book/type': { severity: 'error', title: 'A value has the wrong type', hint: 'Write text in quotes when YAML would read it as a number or date.' },
  'book/enum': { severity: 'error', title: 'A value is not one of the allowed ones', hint: 'Use one of the values the hint lists.' },
  'book/pattern': { severity: 'error', title: 'A value is not written in the expected form', hint: SCHEMA_HINT },
  'book/minItems': { severity: 'error', title: 'A list is empty', hint: 'List at least one entry.' },
  'book/minLength': { severity: 'error', title: 'A value is empty', hint: 'Write a value; an empty string is not allowed.' },
  'book/minimum': { severity: 'error', title: 'A number is too small', hint: SCHEMA_HINT },
  'book/maximum': { severity: 'error', title: 'A number is too large', hint: SCHEMA_HINT },
  'book/maxItems': { severity: 'error', title: 'A list has too many entries', hint: SCHEMA_HINT },
  'book/exclusiveMinimum': { severity: 'error', title: 'A number must be above zero', hint: SCHEMA_HINT },
  'book/propertyNames': { severity: 'error', title: 'A key is not allowed here', hint: SCHEMA_HINT },
  'book/invalid': { severity: 'error', title: 'A value breaks a schema rule', hint: SCHEMA_HINT },

  // a book's design.yaml schema (ajv keywords)
  'design/additionalProperties': { severity: 'error', title: 'Unknown field in design.yaml', hint: 'Check the spelling of the field or remove it (docs/print.md lists the fields).' },
  'design/type': { severity: 'error', title: 'A design.yaml value has the wrong type', hint: 'Write a number, true/false or a list as the field needs.' },
  'design/enum': { severity: 'error', title: 'A design.yaml value is not one of the allowed ones', hint: 'Use one of the values the hint lists.' },
  'design/minimum': { severity: 'error', title: 'A design.yaml number is too small', hint: 'docs/print.md gives each field\'s range.' },
  'design/maximum': { severity: 'error', title: 'A design.yaml number is too large', hint: 'docs/print.md gives each field\'s range.' },
  'design/invalid': { severity: 'error', title: 'A design.yaml value breaks a schema rule', hint: 'See the design file reference in docs/print.md.' },

  // front matter
  'front-matter/missing': { severity: 'error', title: 'A chapter has no front matter', hint: 'Start the file with ---, a line `title: …`, and a closing ---.' },
  'front-matter/required': { severity: 'error', title: 'A required front-matter field is missing', hint: 'Add the field named in the message (every chapter needs `title:`).' },
  'front-matter/additionalProperties': { severity: 'error', title: 'Unknown front-matter field', hint: 'Check the spelling of the field or remove it.' },
  'front-matter/type': { severity: 'error', title: 'A front-matter value has the wrong type', hint: FM_HINT },
  'front-matter/enum': { severity: 'error', title: 'A front-matter value is not one of the allowed ones', hint: FM_HINT },
  'front-matter/pattern': { severity: 'error', title: 'A front-matter value is not in the expected form', hint: FM_HINT },
  'front-matter/minItems': { severity: 'error', title: 'A front-matter list is empty', hint: 'List at least one entry.' },
  'front-matter/minLength': { severity: 'error', title: 'A front-matter value is empty', hint: 'Write a value; an empty string is not allowed.' },
  'front-matter/minimum': { severity: 'error', title: 'A front-matter number is too small', hint: FM_HINT },
  'front-matter/anyOf': { severity: 'error', title: 'A title is neither one line nor a list of lines', hint: 'Write `title:` as one line of text or as a list of lines.' },
  'front-matter/invalid': { severity: 'error', title: 'A front-matter value breaks a schema rule', hint: FM_HINT },

  // field rules
  'isbn/check-digit': { severity: 'error', title: 'Wrong ISBN check digit', hint: 'Copy the ISBN from the CIP data; the message names the right check digit.' },
  'isbn/hyphenation': { severity: 'error', title: 'ISBN hyphenated wrongly', hint: 'Write the hyphenation the message gives (registration group and publisher ranges).' },
  'isbn/unknown-range': { severity: 'error', title: 'ISBN in no known range', hint: 'Copy the ISBN from the CIP data or the publisher’s ISBN allocation.' },
  'isbn/ebook-same-as-print': { severity: 'error', title: 'E-book ISBN equals the print ISBN', hint: 'Each format carries its own ISBN: write the e-book’s, or remove `ebookIsbn`.' },
  'cip/clc': { severity: 'error', title: 'Not a 中图法 class number', hint: 'Copy the class number from the CIP data, e.g. D412.6.' },
  'cip/number': { severity: 'error', title: 'CIP 核字 line in the wrong form', hint: 'Copy the 核字 line exactly as issued, in the form of the CIP profile.' },
  'language/bcp47': { severity: 'error', title: 'Not a BCP 47 language tag', hint: 'Write a tag such as zh-CN or zh-Hans.' },
  'contributors/role': { severity: 'error', title: 'Unknown contributor role', hint: 'Use a role from the list in docs/metadata.md (著, 主编, 编, 译 …).' },
  'contributors/no-primary': { severity: 'error', title: 'No primary contributor', hint: 'Mark the names of the statement of responsibility with `primary: true`.' },
  'title/latin-numeral': { severity: 'error', title: 'Volume number in Latin letters', hint: 'Write the Roman numeral character (Ⅱ, U+2161), as the CIP data prints it.' },
  'edition/before-cip': { severity: 'error', title: 'Edition date before the CIP publication date', hint: 'Correct one of the two dates.' },
  'edition/printing-before-edition': { severity: 'error', title: 'Printing date before the edition date', hint: 'A printing (印次) cannot come before its edition (版次).' },
  'date/future': { severity: 'error', title: 'A date lies in the future', hint: 'Write the month the book is actually published or printed.' },

  // print
  'print/word-count': { severity: 'error', title: '字数 below the manuscript’s length', hint: 'Write at least the number of thousand characters the message gives.' },
  'print/odd-pages': { severity: 'warning', title: 'Odd number of PDF pages', hint: 'The printer will add a blank last page; check that nothing is missing at the end.' },
  'print/sheets-mismatch': { severity: 'warning', title: '印张 disagrees with the page count', hint: 'Write the `sheets` value the message gives, or leave `sheets` out.' },

  // contents
  'contents/outside-project': { severity: 'error', title: 'A chapter file lies outside the project', hint: 'Keep chapter files inside the project folder (symbolic links are followed before this is decided).' },
  'contents/duplicate': { severity: 'error', title: 'A chapter is listed twice', hint: 'Remove one of the two entries.' },
  'contents/missing-file': { severity: 'error', title: 'A listed chapter file does not exist', hint: 'Create the file or correct the path (paths are relative to book.yaml).' },
  'contents/unlisted': { severity: 'warning', title: 'A Markdown file is not in the reading order', hint: 'List it in book.yaml’s contents to put it in the book, or move it out of the project folder.' },
  'contents/part-mismatch': { severity: 'error', title: 'Front matter names another part', hint: 'Make `part:` match the part book.yaml lists the file in.' },

  // markdown
  'markdown/too-deep': { severity: 'warning', title: 'Emphasis or links nested too deeply', hint: 'Check for a run of * or _ meant as text; write it as \\* or in a code span.' },
  'markdown/h1-in-chapter': { severity: 'warning', title: 'Level-1 heading inside a chapter', hint: 'Use ## for sections; the chapter title comes from the front matter.' },
  'markdown/unresolved-ref': { severity: 'warning', title: 'A cross-reference points at no label', hint: 'Check the name against the :label: (or :eqlabel:) it points at, or add the chapter that holds it to book.yaml.' },
  'markdown/stray-label': { severity: 'warning', title: 'A :label: names nothing', hint: 'Put :label: on the line right after the figure, table or heading it names (a blank line before it is fine).' },
  'markdown/duplicate-label': { severity: 'warning', title: 'A label is used twice', hint: 'Give each figure, table, equation and section its own label.' },
  'markdown/math-error': { severity: 'error', title: 'A formula does not parse', hint: 'Correct the TeX between the $ signs (docs/technical.md lists what is supported); write a literal dollar sign as \\$.' },
  'markdown/missing-char': { severity: 'warning', title: '缺字: a placeholder (□ or 〓) stands for a character', hint: 'Write the character (a rare one needs a fallback font in fonts.yaml), or leave the placeholder for the proofreader: both outputs set it apart.' },

  // lint (severity: each rule's default level; book.yaml `lint:` may change it)
  'lint/unknown-rule': { severity: 'warning', title: 'A lint comment names no known rule', hint: 'See docs/lint.md for the rule ids.' },
  'lint/pair-balance': { severity: 'error', title: 'Paired marks do not balance', hint: 'See docs/lint.md#rules.' },
  'lint/quote-direction': { severity: 'error', title: 'Quotation mark turned the wrong way', hint: 'See docs/lint.md#rules.' },
  'lint/quote-nesting': { severity: 'error', title: 'Quotation marks nested in the wrong order', hint: 'See docs/lint.md#rules.' },
  'lint/straight-quote': { severity: 'error', title: 'Straight quotation mark in Chinese text', hint: 'See docs/lint.md#rules.' },
  'lint/half-width-punctuation': { severity: 'error', title: 'Half-width punctuation between Chinese characters', hint: 'See docs/lint.md#rules.' },
  'lint/lookalike-mark': { severity: 'error', title: 'Look-alike character for a punctuation mark', hint: 'See docs/lint.md#rules.' },
  'lint/full-width-alphanumeric': { severity: 'warning', title: 'Full-width letter or digit', hint: 'See docs/lint.md#rules.' },
  'lint/cjk-space': { severity: 'warning', title: 'Space between Chinese characters', hint: 'See docs/lint.md#rules.' },
  'lint/ellipsis-form': { severity: 'error', title: 'Ellipsis in the wrong form', hint: 'See docs/lint.md#rules.' },
  'lint/dash-form': { severity: 'error', title: 'Dash in the wrong form', hint: 'See docs/lint.md#rules.' },
  'lint/doubled-mark': { severity: 'error', title: 'Punctuation mark doubled', hint: 'See docs/lint.md#rules.' },
  'lint/line-start-mark': { severity: 'error', title: 'Paragraph starts with a mark that may not start a line', hint: 'See docs/lint.md#rules.' },
  'lint/literal-emphasis': { severity: 'error', title: 'A ** or __ left in the text by the Markdown parser', hint: 'See docs/lint.md#rules.' },

  // images
  'image/remote': { severity: 'warning', title: 'Remote image left out', hint: 'Download the image into the project and link it with a relative path.' },
  'image/outside-project': { severity: 'error', title: 'An image lies outside the project', hint: 'Copy the image into the project (symbolic links are followed before this is decided).' },
  'image/missing': { severity: 'error', title: 'An image does not exist', hint: 'Paths are relative to the Markdown file; check the spelling and the folder.' },
  'image/bad-escape': { severity: 'error', title: 'Malformed %-escape in an image path', hint: 'Write % as %25, or write the file name as it is (spaces as %20).' },
  'image/unsupported-type': { severity: 'warning', title: 'Image type hanpress does not embed', hint: 'Convert the image to PNG, JPEG or SVG.' },
  'image/corrupt': { severity: 'error', title: 'An image cannot be decoded', hint: 'Open the image in an image editor and save it again, or replace it.' },
  'image/too-large': { severity: 'error', title: 'An image has too many pixels', hint: 'Scale the image down (hanpress embeds at most 1600 px on the long side anyway).' },
  'image/svg-invalid': { severity: 'error', title: 'An SVG image is not well-formed XML', hint: 'Export the SVG again from the drawing program.' },
  'image/svg-refused': { severity: 'error', title: 'An SVG image uses a DTD or nests too deeply', hint: 'Export the SVG again without a DOCTYPE (plain SVG 1.1 or SVG 2) and without hundreds of nested groups.' },
  'image/svg-print': { severity: 'warning', title: 'An SVG figure cannot be drawn whole in the print PDF', hint: 'Export the figure without gradients, masks, filters or embedded images (plain paths and text), or as a 300 ppi PNG.' },
  'image/svg-sanitised': { severity: 'warning', title: 'Active or external content removed from an SVG', hint: 'Scripts, event handlers, external references and foreign content never reach the EPUB; remove them from the file to silence this.' },

  // cover
  'cover/outside-project': { severity: 'error', title: 'cover.jpg leads outside the project', hint: 'Replace the symbolic link with the image itself.' },
  'cover/corrupt': { severity: 'error', title: 'cover.jpg cannot be decoded', hint: 'Save the cover again as a JPEG, or remove cover.jpg to get a generated cover.' },
  'cover/too-large': { severity: 'error', title: 'cover.jpg has too many pixels', hint: 'Scale the cover to about 1600 × 2400 pixels.' },

  // fonts
  'fonts/not-found': { severity: 'error', title: 'A font file does not exist', hint: 'Run npm install, or correct the path in fonts.yaml.' },
  'fonts/missing-role': { severity: 'error', title: 'fonts.yaml lacks a role', hint: 'Add `body:` and `heading:` entries with `family` and `normal` (and `bold`).' },
  'fonts/bad-fallback': { severity: 'error', title: 'A fallback entry has no path', hint: 'Write each fallback as `- { family: Name, path: file.ttf }`.' },
  'fonts/missing-glyph': { severity: 'error', title: 'A character is in no configured font', hint: 'Name a font that has it under `fallback:` in fonts.yaml, or replace the character.' },
  'fonts/no-such-face': { severity: 'error', title: 'A font collection has no face of that name', hint: 'Pick a face of a .ttc by its PostScript name: `{ path: file.ttc, postscriptName: NotoSerifCJKsc-Regular }`.' },
  'fonts/unknown-field': { severity: 'error', title: 'Unknown field in fonts.yaml', hint: 'Check the spelling: fonts.yaml knows the roles body, heading, kai, fangsong and mono, fallback, and family, normal, bold, path and postscriptName.' },
  'fonts/bad-entry': { severity: 'error', title: 'A fonts.yaml entry has the wrong form', hint: 'See the fonts.yaml fields in docs/fonts.md.' },
  'fonts/outside-folders': { severity: 'error', title: 'A font lies outside the font folders', hint: 'Put the font in the project folder (or use one installed in hanpress’s node_modules).' },
  'fonts/not-a-font': { severity: 'error', title: 'A font file is not a font', hint: 'Point fonts.yaml at a TrueType or OpenType file (.ttf, .otf, .woff, or a face of a .ttc).' },

  // pdf
  'pdf/unknown-format': { severity: 'error', title: 'Unknown 开本', hint: 'Use one of the 开本 the message lists, or add a row to templates/pdf/formats.yaml.' },
  'pdf/orphan-line': { severity: 'warning', title: "A page ends with a paragraph's first line alone (kept to fill the page)", hint: 'Add or cut a few characters in a paragraph on the page (调字) so that it takes a line more or less; docs/print.md explains.' },
  'pdf/short-page': { severity: 'warning', title: 'A page ends a line short (齐底)', hint: 'Add or cut a few characters in a paragraph on the page (调字) so that it takes a line more or less; docs/print.md explains.' },
  'pdf/text-block-too-large': { severity: 'error', title: 'Text block leaves less than the minimum margin', hint: 'Set smaller textBlock.charsPerLine / linesPerPage or body size, leave the counts out, or choose a larger 开本.' },

  // build
  'build/no-page-list': { severity: 'warning', title: 'An --only epub build without the print page-list', hint: 'Build the PDF once (hanpress build or --only pdf); --only epub then reuses its pages until the book changes.' },
  'build/no-sheets': { severity: 'warning', title: 'No 印张 on an --only epub copyright page', hint: 'Build the PDF too, or write `sheets:` under `print:`.' },

  // output
  'output/not-a-folder': { severity: 'error', title: 'The output folder is a file', hint: 'Give --out a folder (or a new name), not an existing file.' },
  'output/target-is-folder': { severity: 'error', title: 'A folder holds an output’s name', hint: 'Move or rename that folder, or choose another --out.' },
  'output/not-writable': { severity: 'error', title: 'The output folder cannot be written', hint: 'Choose a folder you may write to, or change its permissions.' },
  'output/special-file-system': { severity: 'error', title: 'The output folder is on a system file system', hint: 'Write outputs to an ordinary folder, not under /proc, /sys or /dev.' },
  'output/write-failed': { severity: 'error', title: 'Writing an output failed; nothing was changed', hint: 'Check free space and permissions; the message gives the system’s reason.' },

  // onix
  'onix/language': { severity: 'error', title: 'No ONIX language code for the book’s language', hint: 'Use a primary language subtag ONIX knows (zh, en …).' },
  'onix/no-extent': { severity: 'warning', title: 'ONIX record without a page count', hint: 'Write `sheets` under `print` to include the Extent.' },

  // import
  'import/no-source': { severity: 'error', title: 'The OCR text cannot be read', hint: 'Give the path of a UTF-8 text file.' },
  'import/out-not-empty': { severity: 'error', title: 'The import folder already holds files', hint: 'Choose an empty or new folder, or add --force.' },
  'import/not-docx': { severity: 'error', title: 'The file cannot be read as a Word document', hint: 'Save it from Word or WPS as .docx (Word Document) and import that file.' },
  'import/tracked-changes': { severity: 'error', title: 'The Word document holds tracked changes', hint: 'Accept or reject them in Word, or import with --accept-changes (the report lists them).' },
  'import/comments': { severity: 'error', title: 'The Word document holds comments', hint: 'Resolve and delete them in Word, or import with --accept-changes to drop them.' },
  'import/style-map': { severity: 'error', title: 'The --style-map file is not a map of Word styles to roles', hint: 'Write one line per Word style, e.g. `章标题: chapter`.' },

  // cover (build --print)
  'cover/no-caliper': { severity: 'warning', title: 'Spine width from an assumed paper', hint: 'Write print.caliper (mm per leaf, from the printer) or print.paperWeight (克重) and print.paperKind in book.yaml.' },
  'cover/spine-too-narrow': { severity: 'warning', title: 'Spine too narrow for text', hint: 'A thin book has a blank spine; lower cover.spineMinimum (mm) if the printer can print smaller spine type.' },
  'cover/image-resolution': { severity: 'warning', title: 'Cover image under 300 ppi at its printed size', hint: 'Supply cover.jpg with the pixel size the message gives.' },

  'cover/output-profile': { severity: 'error', title: 'The output profile cannot be used', hint: 'Name a CMYK output (prtr) ICC profile inside the project, as the printer supplied it, in print.outputIntent.profile.' },

  // preflight
  'preflight/unreadable': { severity: 'error', title: 'The file is not a readable PDF', hint: 'Give the path of a PDF file; a damaged file cannot be preflighted.' },
  'preflight/encrypted': { severity: 'error', title: 'Encrypted PDF', hint: 'PDF/X forbids encryption: export the file without a password or permissions.' },
  'preflight/no-id': { severity: 'error', title: 'No trailer /ID', hint: 'PDF/X requires a file identifier; re-save the file with a PDF writer that writes one.' },
  'preflight/no-pdfx-version': { severity: 'error', title: 'Not identified as PDF/X', hint: 'Build the print files with `hanpress build --print`; a PDF made for the screen is RGB and not PDF/X.' },
  'preflight/pdfx-version': { severity: 'warning', title: 'Unknown PDF/X version', hint: 'This checker knows PDF/X-4 and PDF/X-1a:2001; check the file with the printer’s own preflight.' },
  'preflight/pdfx-conformance': { severity: 'error', title: 'PDF/X-1a without GTS_PDFXConformance', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/pdf-version': { severity: 'error', title: 'PDF version newer than the PDF/X level allows', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/trapped': { severity: 'error', title: '/Trapped missing or not True/False', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/info-title': { severity: 'error', title: 'No document title in Info', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/info-dates': { severity: 'error', title: 'No CreationDate or ModDate in Info', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/xmp-pdfx': { severity: 'error', title: 'XMP PDF/X identification missing or different from Info', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/no-output-intent': { severity: 'error', title: 'No PDF/X output intent', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/output-condition': { severity: 'error', title: 'Output intent without OutputConditionIdentifier', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/dest-profile': { severity: 'error', title: 'Output intent profile missing or not a CMYK output profile', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/no-trim-box': { severity: 'error', title: 'Page without a TrimBox', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/bleed-box': { severity: 'error', title: 'BleedBox missing or less than 3 mm beyond the trim', hint: 'Images and colour that reach the trimmed edge must run 3 mm beyond it; build with `hanpress build --print`.' },
  'preflight/box-order': { severity: 'error', title: 'BleedBox outside the MediaBox, or cut by the CropBox', hint: 'Build the print files with `hanpress build --print`; docs/print.md lists the PDF/X rules.' },
  'preflight/annotation': { severity: 'error', title: 'An annotation prints over the page', hint: 'Remove form fields, comments and stamps from a print file; links are fine.' },
  'preflight/rgb-operator': { severity: 'error', title: 'RGB colour operator (rg/RG)', hint: 'Print files must not be RGB: set text and rules in K only, images in CMYK or gray.' },
  'preflight/rgb-colour-space': { severity: 'error', title: 'RGB colour space in the file', hint: 'Print files must not be RGB: set text and rules in K only, images in CMYK or gray.' },
  'preflight/rgb-paint': { severity: 'error', title: 'Text or paths painted in RGB', hint: 'Print files must not be RGB: set text and rules in K only, images in CMYK or gray.' },
  'preflight/rgb-image': { severity: 'error', title: 'RGB image', hint: 'Convert images to CMYK or grayscale.' },
  'preflight/not-k-only': { severity: 'error', title: 'Book-block text or rule not in K only', hint: 'Text and rules of the book block print in black ink alone: C = M = Y = 0.' },
  'preflight/rich-black-text': { severity: 'error', title: 'Text in rich black', hint: 'Black type must be K only: four-colour black on small type prints fuzzy and out of register.' },
  'preflight/font-not-embedded': { severity: 'error', title: 'Font not embedded', hint: 'Every font must travel with the file; the RIP will not substitute.' },
  'preflight/font-not-subset': { severity: 'warning', title: 'Font embedded whole, not as a subset', hint: 'Fine for printing; a subset keeps the file small.' },
  'preflight/transparency': { severity: 'error', title: 'Transparency in PDF/X-1a', hint: 'PDF/X-1a allows no transparency: flatten it, or use PDF/X-4 (`print.pdfx: PDF/X-4`).' },
  'preflight/image-resolution': { severity: 'warning', title: 'Image under 300 ppi at its printed size', hint: 'Use an image with more pixels, or print it smaller.' },
  'preflight/image-space': { severity: 'warning', title: 'Image in a colour space the checker cannot classify', hint: 'Check the image with the printer’s own preflight, or convert it to CMYK or grayscale.' },
  'preflight/unreadable-stream': { severity: 'warning', title: 'A stream could not be decoded and was not checked', hint: 'Check the file with the printer’s own preflight.' },

  // verify
  'verify/epub-mimetype': { severity: 'error', title: 'EPUB without a stored mimetype entry', hint: BUG_HINT },
  'verify/epub-zip': { severity: 'error', title: 'EPUB is not a readable zip', hint: BUG_HINT },
  'verify/epub-package': { severity: 'error', title: 'EPUB without a package document', hint: BUG_HINT },
  'verify/pdf-structure': { severity: 'error', title: 'PDF without header or end marker', hint: BUG_HINT },
  'verify/pdf-pages': { severity: 'error', title: 'PDF without pages', hint: BUG_HINT },

  // internal
  'internal/bug': { severity: 'error', title: 'Something unexpected went wrong inside hanpress', hint: 'Please report it with the command you ran and the book project; run again with --debug to see the stack trace.' },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(CATALOGUE, code);
}

export function catalogueEntry(code: DiagnosticCode): CatalogueEntry {
  return CATALOGUE[code];
}

/** `isbn/check-digit` → `isbn-check-digit`: the id of the code's row in docs/diagnostics.md. */
export function docsAnchor(code: string): string {
  return code.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase();
}

export function docsLink(code: string): string {
  return `docs/diagnostics.md#${docsAnchor(code)}`;
}

/** The code of an ajv schema error: `book/type`, or `book/invalid` for a keyword not listed. */
export function schemaCode(prefix: 'book' | 'front-matter' | 'design', keyword: string): DiagnosticCode {
  const code = `${prefix}/${keyword}`;
  return isDiagnosticCode(code) ? code : `${prefix}/invalid`;
}

