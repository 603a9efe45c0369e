/**
 * Each lint rule on short made-up inputs, with the traps the issue names: a Latin sentence with
 * its own punctuation, 3.14 and 1,000, an ISBN, a URL ending a Chinese sentence, code and math,
 * and the multi-paragraph quotation convention.
 */
import { describe, expect, it } from 'vitest';
import { fixMarkdown } from '../src/lint/fix.js';
import { lintLevels, lintMarkdown } from '../src/lint/lint.js';
import { parsedRanges, plainParagraphs } from '../src/lint/prose.js';

const FRONT = '---\ntitle: 测试\n---\n\n';

/** `code@line:column` of every finding, for a body placed after a three-line front matter. */
function lint(body: string): string[] {
  const { findings } = lintMarkdown({ file: 't.md', text: FRONT + body, bodyLineOffset: 3 }, lintLevels());
  return findings.map(({ diagnostic: d }) => `${d.code.replace('lint/', '')}@${d.line}:${d.column}`);
}

function fix(body: string): string {
  return fixMarkdown({ file: 't.md', text: FRONT + body, bodyLineOffset: 3 }, lintLevels()).text.slice(FRONT.length);
}

describe('positions', () => {
  it('counts the front matter lines and UTF-16 columns', () => {
    expect(lint('第一段。\n\n，第二段。\n')).toEqual(['line-start-mark@7:1']);
  });
});

describe('line-start-mark', () => {
  it('finds a paragraph that starts with a pause mark, also inside a list or quote', () => {
    expect(lint('；知县随即叫唤。\n\n- 、列表\n\n> ！引文\n')).toEqual(['line-start-mark@5:1', 'line-start-mark@7:3', 'line-start-mark@9:3']);
  });
  it('leaves a soft-wrapped line that starts with a mark alone (it joins the line before)', () => {
    expect(lint('他说了很多\n，然后走了。\n')).toEqual([]);
  });
  it('does not fire when the paragraph starts with math or Latin', () => {
    expect(lint('$x$：张量\n\n* **PCIe**，一种总线\n')).toEqual([]);
  });
});

describe('quotes', () => {
  it('accepts correct nesting', () => {
    expect(lint('他说：“我听见他喊‘快走’，就走了。”\n')).toEqual([]);
  });
  it('finds an opening mark where the quotation ends', () => {
    expect(lint('他说：“我来了。“又见一人。\n')).toEqual(['quote-direction@5:9']);
  });
  it('finds a closing mark where a quotation opens', () => {
    expect(lint('太尉道，”似此如何得见！”\n')).toEqual(['quote-direction@5:5']);
  });
  it('finds a quotation inside a quotation opened with “', () => {
    expect(lint('燕青道：“正是“呼保义”宋江。”\n')).toEqual(['quote-nesting@5:8']);
  });
  it('finds a quotation that is never closed', () => {
    expect(lint('他说：“我来了。\n\n众人都笑。\n')).toEqual(['pair-balance@5:4']);
  });
  it('accepts a quotation over several paragraphs that reopens each one with “', () => {
    expect(lint('他说：“第一段。\n\n“第二段。\n\n“第三段。”\n')).toEqual([]);
  });
  it('reports a continued paragraph that does not reopen the quotation, once', () => {
    expect(lint('他说：“第一段。\n\n第二段。”\n')).toEqual(['pair-balance@7:1']);
  });
  it('finds a closing mark with nothing open', () => {
    expect(lint('众人都笑。”\n')).toEqual(['pair-balance@5:6']);
  });
  it('finds straight quotes in Chinese text but not in a Latin sentence', () => {
    expect(lint('他说："好的。"\n\n他读了 "Hello, world." 这句。\n')).toEqual(['straight-quote@5:4', 'straight-quote@5:8']);
  });
  it('reads ’ between letters as an apostrophe', () => {
    expect(lint('他说“don’t”。\n')).toEqual([]);
  });
});

describe('pair-balance for brackets', () => {
  it('finds unclosed and unopened brackets and book-title marks', () => {
    expect(lint('见《水浒传（第一回。\n\n他说】好。\n')).toEqual(['pair-balance@5:2', 'pair-balance@5:6', 'pair-balance@7:3']);
  });
});

describe('half-width-punctuation', () => {
  it('finds , ; : ! between Chinese characters and fixes them', () => {
    expect(lint('我们,然后;再说:好!走\n')).toEqual([
      'half-width-punctuation@5:3',
      'half-width-punctuation@5:6',
      'half-width-punctuation@5:9',
      'half-width-punctuation@5:11',
    ]);
    expect(fix('我们, 然后;再说:好!走\n')).toBe('我们，然后；再说：好！走\n');
  });
  it('leaves numbers alone: 3.14, 1,000 and 10:30', () => {
    expect(lint('圆周率约为3.14，共1,000元，10:30开会。\n')).toEqual([]);
  });
  it('leaves a Latin sentence with its own punctuation alone', () => {
    expect(lint('他说 Hello, world! How are you? 然后走了。\n')).toEqual([]);
  });
  it('fixes ? and . only where a sentence ends', () => {
    expect(lint('林?冲来了。你好?\n')).toEqual(['half-width-punctuation@5:2', 'half-width-punctuation@5:9']);
    expect(fix('林?冲来了。你好?\n')).toBe('林?冲来了。你好？\n');
  });
  it('fixes half-width parentheses around Chinese words as a pair only', () => {
    expect(fix('见上文(第一回)所述，函数f(x)的值。\n')).toBe('见上文（第一回）所述，函数f(x)的值。\n');
  });
});

describe('masked regions', () => {
  it('never fires in code spans, code blocks, math, URLs, e-mail, ISBN or CLC numbers', () => {
    const body = [
      '代码`a,b`中文，数学$x,y$中文。',
      '',
      '```',
      '中文,中文...“',
      '```',
      '',
      '$$',
      '中文,中文',
      '$$',
      '',
      '请访问https://example.com/a,b.html。写信到a.b@example.com。',
      '',
      '书号ISBN 978-7-5008-6790-6，分类号TP311.132.3。',
      '',
      '请访问 https://hanpress.dev/docs.',
      '',
      '见[文档](https://example.com/中文,文档)。',
    ].join('\n');
    expect(lint(`${body}\n`)).toEqual([]);
  });
});

describe('full-width-alphanumeric and cjk-space', () => {
  it('finds Ａ ９ and spaces between Chinese characters', () => {
    expect(lint('第９回说Ａ计划。\n\n中文 中文\n')).toEqual(['full-width-alphanumeric@5:2', 'full-width-alphanumeric@5:5', 'cjk-space@7:3']);
  });
  it('leaves the ideographic space alone', () => {
    expect(lint('版权所有　侵权必究\n')).toEqual([]);
  });
});

describe('ellipsis-form and dash-form', () => {
  it('finds and fixes every stand-in for …… and ——', () => {
    const body = '他说...好。他说。。。好。他说…好。他说………好。他说…… ……好。他说．．．好。\n\n他说--好。他说－－好。他说──好。他说———好。\n';
    expect(fix(body)).toBe('他说……好。他说……好。他说……好。他说……好。他说……好。他说……好。\n\n他说——好。他说——好。他说——好。他说——好。\n');
  });
  it('keeps a single — between words as a connecting mark', () => {
    expect(lint('北京—上海，2015—2017年。\n')).toEqual([]);
  });
  it('reads a single — next to a mark as a dash', () => {
    expect(fix('他说：—走吧。\n')).toBe('他说：——走吧。\n');
  });
  it('leaves ... in a Latin run and -- in code alone', () => {
    expect(lint('他写了 wait... 和`a--b`。\n')).toEqual([]);
  });
});

describe('doubled-mark and lookalike-mark', () => {
  it('collapses a doubled mark and reports two different marks', () => {
    expect(lint('好，，走。不许擅开。，他说。\n')).toEqual(['doubled-mark@5:2', 'doubled-mark@5:10']);
    expect(fix('好，，走。\n')).toBe('好，走。\n');
  });
  it('finds two pause marks with only closing quotes or a soft line break between them', () => {
    expect(lint('他说：“好。”，然后走了。\n')).toEqual(['doubled-mark@5:6']);
    expect(lint('他说好。\n，然后走了。\n')).toEqual(['doubled-mark@5:4']);
    expect(lint('“神算子，”\n。第三个好汉\n')).toEqual(['doubled-mark@5:5']);
    const [finding] = lintMarkdown({ file: 't.md', text: `${FRONT}他说：“好。”，然后。\n`, bodyLineOffset: 3 }, lintLevels()).findings;
    expect(finding?.diagnostic.message).toBe('Two marks in a row: 。”，.');
    expect(finding?.fix).toBeUndefined();
  });
  it('leaves a quotation that ends the sentence and one that goes on alone', () => {
    expect(lint('他说：“好。”然后走了。他说“好”，然后走了。\n他说完了。\n然后走了。\n')).toEqual([]);
  });
  it('replaces the ratio sign ∶ used as a colon', () => {
    expect(fix('他道∶“好。”\n')).toBe('他道：“好。”\n');
  });
});

describe('literal-emphasis', () => {
  it('reports ** and __ the parser leaves in the text, at their position', () => {
    expect(lint('**加粗 **没有闭合。\n')).toEqual(['literal-emphasis@5:1', 'literal-emphasis@5:6']);
    expect(lint('这是__“加粗”__的。\n')).toEqual(['literal-emphasis@5:3', 'literal-emphasis@5:9']);
    expect(lint('> 引文**没有闭合。\n\n| 甲 | 乙 |\n|---|---|\n| **一 | 二** |\n')).toEqual([
      'literal-emphasis@5:5',
      'literal-emphasis@9:3',
      'literal-emphasis@9:10',
    ]);
  });
  it('accepts emphasis next to Chinese punctuation, escapes and code', () => {
    expect(lint('这是**“加粗”**的，读**《红楼梦》**吧，他*（注）*说。\n')).toEqual([]);
    expect(lint('乘号写作\\*\\*，代码`a**b`与`__init__`。\n\n```\n**x\n```\n')).toEqual([]);
  });
});

describe('disable comments', () => {
  it('switches named rules off for the next line only', () => {
    const body = '<!-- hanpress-lint-disable-next-line quote-direction -->\n太尉道，”似此如何得见！”\n\n太尉道，”似此如何得见！”\n';
    expect(lint(body)).toEqual(['quote-direction@8:5']);
  });
  it('switches every rule off when none is named, and warns about an unknown rule', () => {
    const text = `${FRONT}<!-- hanpress-lint-disable-next-line -->\n\n，开头。\n<!-- hanpress-lint-disable-next-line no-such-rule -->\n好\n`;
    const { findings, diagnostics } = lintMarkdown({ file: 't.md', text, bodyLineOffset: 3 }, lintLevels());
    expect(findings).toEqual([]);
    expect(diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(['lint/unknown-rule@8']);
  });
});

describe('--fix', () => {
  it('is idempotent and never touches code or math', () => {
    const body = '他说...好,走。`a...b,c`与$x--y$。\n\n```\n中文,中文\n```\n';
    const once = fix(body);
    expect(once).toBe('他说……好，走。`a...b,c`与$x--y$。\n\n```\n中文,中文\n```\n');
    expect(fix(once)).toBe(once);
  });
});

describe('blocks of a body made of paragraphs only (found without the Markdown parser)', () => {
  it('are the paragraphs markdown-it finds: runs of lines, whatever ends the text', () => {
    for (const body of ['甲段。\n\n乙段第一行\n乙段第二行\n\n\n丙段。', '“甲。”\n\n乙　　乙。\n', '"甲"乙。\n(丙)丁。\n\nabc 中文。', '\n\n甲\n', '甲', '']) {
      expect(plainParagraphs(body)).toBeDefined();
      expect(plainParagraphs(body)).toEqual(parsedRanges(body));
    }
    expect(plainParagraphs('甲段。\n\n乙段第一行\n乙段第二行\n')).toEqual([
      { kind: 'paragraph', lines: [0, 1] },
      { kind: 'paragraph', lines: [2, 4] },
    ]);
  });
  it('keep footnotes as the full parse sees them: a referenced definition is linted in place, one never referenced is not printed and not linted', () => {
    expect(lint('正文甲[^1]。\n\n正文乙，，完。\n\n[^1]: 注文，，完。\n\n[^2]: 未引，，完。\n')).toEqual(['doubled-mark@7:4', 'doubled-mark@9:9']);
    expect(lint('正文甲^[注，，文]。\n\n正文乙，，完。\n')).toEqual(['doubled-mark@5:7', 'doubled-mark@7:4']);
  });
  it('are left to the parser when a line could start markup, or when \\r or white space could change the lines', () => {
    const markup = ['# 题', '> 引', '- 列', '1. 列', '| 表 |', '    码', '[^1]: 注', '<!-- hanpress-lint-disable-next-line -->', '\u3000', '甲\r乙', '甲\n===', '甲\n---', '甲\n\t乙'];
    for (const body of markup) expect(plainParagraphs(`甲。\n\n${body}\n`)).toBeUndefined();
  });
});
