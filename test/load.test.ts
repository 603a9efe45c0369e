/**
 * Bad input gets a positioned diagnostic with a permanent code and a hint; the sample loads
 * clean. Each case starts from a copy of the real sample book with one fault put in.
 */
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/pipeline/check.js';
import { projectWith, replaceOnce, type Edit } from './helpers/project.js';

interface Case {
  name: string;
  file: string;
  edit: Edit;
  code: string;
  at: { file: string; line: number; column: number };
  hint: RegExp;
}

const cases: Case[] = [
  {
    name: 'ISBN without hyphens (YAML reads a number)',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6', 'isbn: 9787500867906'),
    code: 'book/type',
    at: { file: 'book.yaml', line: 30, column: 7 },
    hint: /in quotes.*ISBN-13 with hyphens/,
  },
  {
    name: 'ISBN with a missing hyphen',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6', 'isbn: 978-7-50086790-6'),
    code: 'book/pattern',
    at: { file: 'book.yaml', line: 30, column: 7 },
    hint: /ISBN-13 with hyphens/,
  },
  {
    name: 'ISBN with a wrong check digit',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6', 'isbn: 978-7-5008-6790-5'),
    code: 'isbn/check-digit',
    at: { file: 'book.yaml', line: 30, column: 7 },
    hint: /check digit should be 6/,
  },
  {
    name: 'ISBN hyphenated against the range data',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6', 'isbn: 978-7-500-86790-6'),
    code: 'isbn/hyphenation',
    at: { file: 'book.yaml', line: 30, column: 7 },
    hint: /Write 978-7-5008-6790-6/,
  },
  {
    name: 'edition printed before the CIP date',
    file: 'book.yaml',
    edit: replaceOnce('edition: { number: 1, date: "2017-09"', 'edition: { number: 1, date: "2017-07"'),
    code: 'edition/before-cip',
    at: { file: 'book.yaml', line: 37, column: 29 },
    hint: /版次/,
  },
  {
    name: 'no primary contributor',
    file: 'book.yaml',
    edit: replaceOnce('role: 主编, primary: true', 'role: 主编'),
    code: 'contributors/no-primary',
    at: { file: 'book.yaml', line: 11, column: 3 },
    hint: /primary: true/,
  },
  {
    name: 'CLC class number where OCR turned I into 1',
    file: 'book.yaml',
    edit: replaceOnce('clc: [D412.6]', 'clc: [1247.55]'),
    code: 'cip/clc',
    at: { file: 'book.yaml', line: 35, column: 9 },
    hint: /did OCR turn I into 1\? Write I247\.55/,
  },
  {
    name: 'CLC class T without its subclass',
    file: 'book.yaml',
    edit: replaceOnce('clc: [D412.6]', 'clc: [D412.6, T311.1]'),
    code: 'cip/clc',
    at: { file: 'book.yaml', line: 35, column: 17 },
    hint: /TB, TD … TP/,
  },
  {
    name: 'CLC class number without the dot after its third digit',
    file: 'book.yaml',
    edit: replaceOnce('clc: [D412.6]', 'clc: [D4126]'),
    code: 'cip/clc',
    at: { file: 'book.yaml', line: 35, column: 9 },
    hint: /write D412\.6\.$/,
  },
  {
    name: 'CLC class number with the dot in the wrong place',
    file: 'book.yaml',
    edit: replaceOnce('clc: [D412.6]', 'clc: [D412.6, TP3111.323]'),
    code: 'cip/clc',
    at: { file: 'book.yaml', line: 35, column: 17 },
    hint: /write TP311\.132\.3\.$/,
  },
  {
    name: 'CLC letter that is no class',
    file: 'book.yaml',
    edit: replaceOnce('clc: [D412.6]', 'clc: [W412.6]'),
    code: 'cip/clc',
    at: { file: 'book.yaml', line: 35, column: 9 },
    hint: /W is not a class/,
  },
  {
    name: 'letter-spaced role',
    file: 'book.yaml',
    edit: replaceOnce('{ name: 陈荣书, role: 副主编 }', '{ name: 陈荣书, role: 副 主 编 }'),
    code: 'contributors/role',
    at: { file: 'book.yaml', line: 12, column: 24 },
    hint: /Write 副主编, not 副 主 编/,
  },
  {
    name: 'role outside the closed list',
    file: 'book.yaml',
    edit: replaceOnce('{ name: 陶志勇, role: 编辑 }', '{ name: 陶志勇, role: 主笔 }'),
    code: 'contributors/role',
    at: { file: 'book.yaml', line: 16, column: 24 },
    hint: /Use one of: 著 编著 主编/,
  },
  {
    name: 'volume number in Latin letters',
    file: 'book.yaml',
    edit: replaceOnce('partNumber: Ⅱ', 'partNumber: II'),
    code: 'title/latin-numeral',
    at: { file: 'book.yaml', line: 7, column: 15 },
    hint: /Write the Roman numeral character Ⅱ \(U\+2161\)/,
  },
  {
    name: 'language that is no BCP 47 tag',
    file: 'book.yaml',
    edit: replaceOnce('language: zh-CN', 'language: zh_CN'),
    code: 'language/bcp47',
    at: { file: 'book.yaml', line: 4, column: 11 },
    hint: /zh-CN or zh-Hans/,
  },
  {
    name: 'CIP number with half-width parentheses',
    file: 'book.yaml',
    edit: replaceOnce('核字（2017）第204165号', '核字(2017)第204165号'),
    code: 'cip/number',
    at: { file: 'book.yaml', line: 36, column: 11 },
    hint: /full-width parentheses （）.*核字（2017）第204165号/,
  },
  {
    name: 'CIP number of the 2023 form under profile 2001',
    file: 'book.yaml',
    edit: replaceOnce('中国版本图书馆CIP数据核字（2017）第204165号', '中国国家版本馆CIP数据核字第2024SZ1581号'),
    code: 'cip/number',
    at: { file: 'book.yaml', line: 36, column: 11 },
    hint: /set `cip.profile: "2023"`/,
  },
  {
    name: 'e-book ISBN equal to the print ISBN',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6\n', 'isbn: 978-7-5008-6790-6\nebookIsbn: 978-7-5008-6790-6\n'),
    code: 'isbn/ebook-same-as-print',
    at: { file: 'book.yaml', line: 31, column: 12 },
    hint: /its own ISBN/,
  },
  {
    name: 'printing date in the future',
    file: 'book.yaml',
    edit: replaceOnce('printingDate: "2017-09"', 'printingDate: "2099-09"'),
    code: 'date/future',
    at: { file: 'book.yaml', line: 37, column: 67 },
    hint: /typing slip/,
  },
  {
    name: 'printing before its edition',
    file: 'book.yaml',
    edit: replaceOnce('date: "2017-09", printing: 1, printingDate: "2017-09"', 'date: "2017-09", printing: 2, printingDate: "2017-08"'),
    code: 'edition/printing-before-edition',
    at: { file: 'book.yaml', line: 37, column: 67 },
    hint: /印次/,
  },
  {
    name: '字数 below the manuscript',
    file: 'book.yaml',
    edit: replaceOnce('kiloCharacters: 400', 'kiloCharacters: 1'),
    code: 'print/word-count',
    at: { file: 'book.yaml', line: 38, column: 85 },
    hint: /write at least \d+/,
  },
  {
    name: '开数 that is not a standard fold',
    file: 'book.yaml',
    edit: replaceOnce('fold: 16', 'fold: 12'),
    code: 'book/enum',
    at: { file: 'book.yaml', line: 38, column: 53 },
    hint: /Use one of: 8, 16, 32, 64/,
  },
  {
    name: 'postcode that is not six digits',
    file: 'book.yaml',
    edit: replaceOnce('postcode: "100120"', 'postcode: "10012"'),
    code: 'book/pattern',
    at: { file: 'book.yaml', line: 21, column: 13 },
    hint: /six-digit postcode/,
  },
  {
    name: 'series number without a series title',
    file: 'book.yaml',
    edit: replaceOnce('isbn: 978-7-5008-6790-6\n', 'isbn: 978-7-5008-6790-6\nseries: { number: "2" }\n'),
    code: 'book/required',
    at: { file: 'book.yaml', line: 31, column: 9 },
    hint: /Add `title:`/,
  },
  {
    name: 'duplicate key in book.yaml',
    file: 'book.yaml',
    edit: replaceOnce('price: "55.00"\n', 'price: "55.00"\nprice: "56.00"\n'),
    code: 'yaml/syntax',
    at: { file: 'book.yaml', line: 40, column: 1 },
    hint: /indentation and quoting/,
  },
  {
    name: 'no 责任编辑',
    file: 'book.yaml',
    edit: replaceOnce('  editors: [杨力]\n', ''),
    code: 'book/required',
    at: { file: 'book.yaml', line: 41, column: 3 },
    hint: /Add `editors:`/,
  },
  {
    name: 'price without two decimals',
    file: 'book.yaml',
    edit: replaceOnce('price: "55.00"', 'price: "55"'),
    code: 'book/pattern',
    at: { file: 'book.yaml', line: 39, column: 8 },
    hint: /two decimals/,
  },
  {
    name: 'misspelt field',
    file: 'book.yaml',
    edit: replaceOnce('  partNumber: Ⅱ', '  partNumbr: Ⅱ'),
    code: 'book/additionalProperties',
    at: { file: 'book.yaml', line: 7, column: 3 },
    hint: /partNumbr.*not a field/,
  },
  {
    name: 'missing main title',
    file: 'book.yaml',
    edit: replaceOnce('  main: 新的使命和担当\n', ''),
    code: 'book/required',
    at: { file: 'book.yaml', line: 6, column: 3 },
    hint: /Add `main:`/,
  },
  {
    name: 'YAML syntax error',
    file: 'book.yaml',
    edit: replaceOnce('price: "55.00"', 'price: "55.00'),
    code: 'yaml/syntax',
    at: { file: 'book.yaml', line: 39, column: 8 },
    hint: /quoting/,
  },
  {
    name: 'chapter file that does not exist',
    file: 'book.yaml',
    edit: replaceOnce('        - chapters/3-02.md', '        - chapters/3-99.md'),
    code: 'contents/missing-file',
    at: { file: 'book.yaml', line: 79, column: 11 },
    hint: /Create the file or correct the path/,
  },
  {
    name: 'chapter listed twice',
    file: 'book.yaml',
    edit: replaceOnce('        - chapters/3-02.md', '        - chapters/3-01.md'),
    code: 'contents/duplicate',
    at: { file: 'book.yaml', line: 79, column: 11 },
    hint: /Remove one/,
  },
  {
    name: 'chapter path escaping the project',
    file: 'book.yaml',
    edit: replaceOnce('        - chapters/3-02.md', '        - ../../etc/passwd.md'),
    code: 'contents/outside-project',
    at: { file: 'book.yaml', line: 79, column: 11 },
    hint: /inside the project/,
  },
  {
    name: 'front matter without title',
    file: 'chapters/3-02.md',
    edit: replaceOnce('title: [李建国在云南调研时强调, 扎实推进新形势下工会改革创新]\n', ''),
    code: 'front-matter/required',
    at: { file: 'chapters/3-02.md', line: 2, column: 1 },
    hint: /Add `title:`/,
  },
  {
    name: 'front matter with unknown key',
    file: 'chapters/3-02.md',
    edit: replaceOnce('date: 2016年6月23日', 'data: 2016年6月23日'),
    code: 'front-matter/additionalProperties',
    at: { file: 'chapters/3-02.md', line: 3, column: 1 },
    hint: /`data` is not a field/,
  },
  {
    name: 'part number that disagrees with book.yaml',
    file: 'chapters/3-02.md',
    edit: replaceOnce('part: 3', 'part: 2'),
    code: 'contents/part-mismatch',
    at: { file: 'chapters/3-02.md', line: 2, column: 1 },
    hint: /part: 3/,
  },
  {
    name: 'image that does not exist',
    file: 'chapters/3-02.md',
    edit: replaceOnce('part: 3\n---\n', 'part: 3\n---\n\n见下图：\n![会场](images/none.png)\n'),
    code: 'image/missing',
    // The image's own line, not the paragraph's first line (见下图： is line 7).
    at: { file: 'chapters/3-02.md', line: 8, column: 1 },
    hint: /relative to chapters\/3-02\.md/,
  },
  {
    name: 'image outside the project',
    file: 'chapters/3-02.md',
    edit: replaceOnce('part: 3\n---\n', 'part: 3\n---\n\n![会场](../../../etc/x.png)\n'),
    code: 'image/outside-project',
    at: { file: 'chapters/3-02.md', line: 7, column: 1 },
    hint: /inside it/,
  },
  {
    name: 'chapter without front matter',
    file: 'chapters/3-02.md',
    edit: () => '李建国在云南调研时强调\n',
    code: 'front-matter/missing',
    at: { file: 'chapters/3-02.md', line: 1, column: 1 },
    hint: /Start the file with ---/,
  },
];

describe('loading a book project', () => {
  it('loads the sample book with no diagnostics', async () => {
    const { book, diagnostics } = await checkProject(await projectWith());
    expect(diagnostics).toEqual([]);
    expect(book?.parts.map((p) => p.chapters.length)).toEqual([7, 10, 32]);
  });

  it.each(cases)('reports $name at its position', async (c) => {
    const dir = await projectWith({ [c.file]: c.edit });
    const { diagnostics } = await checkProject(dir);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    const [d] = errors;
    expect(d).toMatchObject({ code: c.code, ...c.at });
    expect(d?.hint).toMatch(c.hint);
  });

  it('warns about a remote image and never fetches it', async () => {
    const dir = await projectWith({
      'chapters/3-02.md': replaceOnce('part: 3\n---\n', 'part: 3\n---\n\n![会场](https://example.com/a.png)\n'),
    });
    const { diagnostics } = await checkProject(dir);
    expect(diagnostics).toMatchObject([{ code: 'image/remote', severity: 'warning', file: 'chapters/3-02.md', line: 7 }]);
  });

  it('reports a missing book.yaml without a position in a file', async () => {
    const { diagnostics } = await checkProject('/nonexistent/book');
    expect(diagnostics).toMatchObject([{ code: 'load/no-book-yaml', severity: 'error' }]);
  });
});
