/**
 * The files of a new book project (`hanpress init`): a commented book.yaml with every required
 * field, one part of two chapters and a preface, and a .gitignore. Pure: the CLI writes them.
 * The placeholders are valid values (a well-formed ISBN, CIP line and dates of this month), so
 * the project checks clean and builds at once; every one the user must replace says TODO.
 */

export interface InitOptions {
  /** Name of the new project folder, for the slug when it is plain ASCII. */
  folderName: string;
  /** Today: the dates in book.yaml are this month (a date in the future is an error). */
  now: Date;
}

export interface ProjectFile {
  /** Relative to the project folder, forward slashes. */
  path: string;
  text: string;
}

function slugFrom(folderName: string): string {
  const slug = folderName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'my-book' : slug;
}

function bookYaml(options: InitOptions): string {
  const year = options.now.getUTCFullYear();
  const month = `${year}-${String(options.now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `# book.yaml: what the book is (title, contributors, publisher, ISBN, CIP data, edition, print
# specs) and what it holds (the reading order). Every field is described in docs/metadata.md
# of hanpress. Values marked TODO are placeholders: replace them before the book goes out.
# After each change, \`hanpress check\` says what is wrong, with the line to fix.

slug: ${slugFrom(options.folderName)}                      # ASCII name of the output files: dist/<slug>.epub and .pdf
language: zh-CN

title:
  main: 书名                           # TODO: 正书名
  # partNumber: 上册                   # 分辑号, for a volume of a multi-volume work
  # otherInfo: 副书名                  # 其他书名信息, printed on the title page and in the CIP block

contributors:                          # TODO: roles: 著, 编著, 主编, 副主编, 编, 译 … (docs/metadata.md)
  - { name: 作者姓名, role: 著, primary: true }   # primary: in the statement of responsibility

publisher:
  name: 某某出版社                     # TODO
  place: 北京                          # TODO: 出版地
  # address: 北京市……                 # 地址, postcode: "100000", website: https://…
  # phones: [{ number: （010）00000000, label: 总编室 }]

isbn: 978-7-5000-0000-6                # TODO: the ISBN assigned to this book (this one is a placeholder)
# ebookIsbn: 978-…                     # the e-book's own ISBN, if it has one

cip:                                   # 图书在版编目（CIP）数据, as issued for this book
  profile: "2023"                      # GB/T 12451-2023 ("2001" for CIP data issued before 2024-04)
  publicationDate: "${month}"             # TODO: 出版年月 as in the CIP data
  subjects: [长篇小说—中国—当代]       # TODO: 主题词
  clc: [I247.5]                        # TODO: 中图法 class number(s)
  number: 中国国家版本馆CIP数据核字第${year}000000号   # TODO: the 核字 line exactly as issued

edition: { number: 1, date: "${month}", printing: 1, printingDate: "${month}" }   # TODO: 版次, 印次 and their months

print:
  paper: { width: 700, height: 1000 }  # 纸张 in mm; with fold 16 this is 16开 (170 × 240 mm)
  fold: 16                             # 开数: 8, 16 or 32, a 开本 of hanpress's templates/pdf/formats.yaml;
                                       # the type area is chosen from it (docs/print.md)
  kiloCharacters: 10                   # TODO: 字数 in thousands of characters
  # sheets: 5.5                        # 印张; leave it out and the build computes it from the PDF

price: "0.00"                          # TODO: 定价 in yuan, two decimals, in quotes

staff:
  editors: [责任编辑姓名]              # TODO: 责任编辑
  # publisher: 出版人                  # proofreaders: [责任校对], production: [责任印制]

rights: 版权所有　侵权必究
# distributor: 新华书店经销            # printer: 某某印刷厂   notice: 本书如有印装质量问题……

contents:                              # the reading order: every Markdown file of the book, listed once
  front: [front/preface.md]            # before the table of contents
  parts:
    - label: 第一编                     # TODO: or 第一章, 上编 …
      title: 编名                       # TODO
      chapters:
        - chapters/01.md
        - chapters/02.md
`;
}

const PREFACE = `---
kind: preface
label: 前言
title: 前言
author: 作者姓名
---

这是前言。前言放在目录之前，目录由 hanpress 生成。

把这一段换成你的前言（TODO）。作者署名写在上面的 \`author:\` 里，不需要写在正文末尾。
`;

const CHAPTER_ONE = `---
title: 第一章　章名
part: 1
---

这是第一章的正文。每个段落之间空一行；段首不用空格，缩进由排版完成。

## 一、小节标题

小节标题用两个井号（\`##\`）。章的标题写在上面的 \`title:\` 里，不要在正文里重复。

注释这样写：在句末加上标记[^1]，再在章末写出注释的内容。电子书里是弹出注，印刷版排在篇末。

[^1]: 这是一条注释（TODO：删去或换成你的注释）。
`;

const CHAPTER_TWO = `---
title: [第二章, 章名可以分两行]
part: 1
---

标题可以是一行，也可以是几行（引题、主题）：写成方括号里的列表，如上。

新增一章时，先在 chapters 文件夹里新建一个 Markdown 文件，再把它的路径加到 book.yaml 的 \`contents\` 里；没有列入 \`contents\` 的文件不会进入书中，hanpress check 会提醒你。
`;

const GITIGNORE = `# Build outputs and hanpress's cache (per-chapter work, the last PDF's pages)
dist/
.hanpress-cache/
`;

/**
 * The .gitignore of a folder that already has one (init in an existing repository): the old
 * text with the lines hanpress needs added, or undefined when nothing is missing.
 */
export function mergedGitignore(existing: string): string | undefined {
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !have.has(l) && !have.has(`/${l}`));
  if (missing.length === 0) return undefined;
  return `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${GITIGNORE.split('\n')[0]}\n${missing.join('\n')}\n`;
}

export function initProject(options: InitOptions): ProjectFile[] {
  return [
    { path: 'book.yaml', text: bookYaml(options) },
    { path: 'front/preface.md', text: PREFACE },
    { path: 'chapters/01.md', text: CHAPTER_ONE },
    { path: 'chapters/02.md', text: CHAPTER_TWO },
    { path: '.gitignore', text: GITIGNORE },
  ];
}
