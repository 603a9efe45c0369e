/**
 * A small book with every block type hanpress sets: paragraphs with bold, 着重 and Latin text,
 * a two-paragraph quotation, a poem with hard line breaks, ordered and bulleted lists, 缺字
 * placeholders with notes, headings at two levels in two chapters.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { tempDir } from './project.js';
import { SAMPLE_DIR } from './sample.js';

export const QUOTE = '引文第一段：这是一段较长的引文，用来检验引文两侧各缩进两字、上下各空一行，并以引文的字体排出；引文应当与正文明显区分，一望便知是引用的文字，而不是作者自己的话。';
export const POEM = ['床前明月光，', '疑是地上霜。', '举头望明月，', '低头思故乡。'];
export const ITEM = '第一项：含**加粗的字**和*着重的字*，以及 HTTP 协议的说明，长到足以折行，用来检验悬挂缩进与两端对齐是否都由排版器完成，列表的文字与正文一样齐整。';

const CHAPTER_1 = `---
title: 第一章　各种文字块
---

正文段落，含**加粗的字**与*着重的字*，以及 Python 这样的西文。这一段要足够长，长到可以折成几行，好让两端对齐看得出来，也让引文前后的空行可以量出。

> ${QUOTE}
>
> 引文第二段，很短。

正文继续，引文之后的第一段。

> ${POEM.join('\\\n> ')}

## 列表

1. ${ITEM}
2. 第二项。

- 无序项一，同样长到需要折行才能看出是否两端对齐、悬挂缩进是否正确的一段文字，再多写几个字。
- 无序项二。

## 缺字

他把那□【左“足”右“此”】了一脚，又〓一声，走了。

### 小节

正文。
`;

const CHAPTER_2 = `---
title: 第二章　编号
---

## 一节

正文。

### 一小节

正文。
`;

export async function blocksProject(design: Record<string, unknown> = {}): Promise<string> {
  const dir = await tempDir('hanpress-blocks-');
  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  await writeFile(path.join(dir, 'chapters/01.md'), CHAPTER_1);
  await writeFile(path.join(dir, 'chapters/02.md'), CHAPTER_2);
  const meta = parse(await readFile(path.join(SAMPLE_DIR, 'book.yaml'), 'utf8')) as Record<string, unknown>;
  meta.slug = 'blocks';
  meta.title = { main: '文字块' };
  meta.contributors = [{ name: '张三', role: '著', primary: true }];
  meta.contents = { front: [], parts: [{ label: '正文', title: '文字块', chapters: ['chapters/01.md', 'chapters/02.md'] }] };
  meta.print = { paper: { width: 787, height: 1092 }, fold: 16, kiloCharacters: 1 };
  await writeFile(path.join(dir, 'book.yaml'), stringify(meta));
  await writeFile(path.join(dir, 'design.yaml'), stringify(design));
  return dir;
}
