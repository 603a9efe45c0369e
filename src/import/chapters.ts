/**
 * Articles: the printed TOC gives their order, headline lines, dates and parts; the text after
 * the TOC is split where an article's title appears. Every TOC entry is checked against that
 * text, and an entry whose text is not in the OCR is reported (the chapter is written with the
 * TOC's sections only, for the editor to fill).
 */
import { cleanProse, renderMarkdown } from './prose.js';
import type { Block } from './rules/paragraphs.js';
import { shapeTitle, type ShapedTitle } from './toc/title-lines.js';
import type { TocArticle, TocPart } from './toc/parse.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from './types.js';

export interface ChapterFile {
  file: string;
  part: number;
  shaped: ShapedTitle;
  date?: string;
  body: string;
  /** The article's text was found in the OCR (not only its TOC entry). */
  found: boolean;
  tocLine: number;
}

export interface PartOut {
  label: string;
  title: string;
  chapters: string[];
}

/** Letters only: titles are compared without spaces, punctuation or width differences. */
export function titleKey(text: string): string {
  return text.replace(/[^\p{Script=Han}\p{L}\d]/gu, '');
}

function articleKey(article: TocArticle): string {
  return titleKey(article.raw.map((r) => r.text).join(''));
}

interface Span {
  start: number;
  bodyStart: number;
}

/** Where each article's title stands in the body blocks, searched in TOC order. */
function locate(blocks: Block[], articles: TocArticle[]): (Span | undefined)[] {
  let from = 0;
  return articles.map((article) => {
    const key = articleKey(article);
    for (let i = from; i < blocks.length; i++) {
      let seen = '';
      let j = i;
      while (j < blocks.length && key.startsWith(seen + titleKey(blocks[j]?.text ?? '')) && titleKey(blocks[j]?.text ?? '') !== '') {
        seen += titleKey(blocks[j]?.text ?? '');
        j++;
      }
      if (seen.length >= Math.min(6, key.length) && key.startsWith(seen)) {
        while (blocks[j]?.kind === 'dated') j++;
        from = j;
        return { start: i, bodyStart: j };
      }
    }
    return undefined;
  });
}

function chapterBody(blocks: Block[], sections: TocArticle['sections']): string {
  if (blocks.length > 0) return renderMarkdown(blocks);
  // No text in the OCR: the TOC's sections give the skeleton the editor fills.
  return sections.map((s) => `## ${s.title}`).join('\n\n') + (sections.length > 0 ? '\n' : '');
}

/** A part heading (第二编 …) between two articles opens the next part; it is in book.yaml, not in a chapter. */
function withoutPartHeadings(blocks: Block[], log: ChangeLog): Block[] {
  return blocks.filter((b) => {
    if (b.kind !== 'part') return true;
    log.changes.push({ rule: 'heading', line: b.lines[0] ?? 0, before: b.text, after: '', note: 'part heading in the text (book.yaml contents.parts has it from the TOC)' });
    return false;
  });
}

export function buildChapters(parts: TocPart[], body: SourceLine[]): RuleResult<{ chapters: ChapterFile[]; parts: PartOut[] }> {
  const log = new ChangeLog();
  const blocks = log.take(cleanProse(body));
  const articles = parts.flatMap((p) => p.articles);
  const spans = locate(blocks, articles);
  const starts = spans.flatMap((s) => (s ? [s.start] : [])).concat(blocks.length);
  const firstStart = starts[0] ?? blocks.length;
  if (blocks.slice(0, firstStart).some((b) => b.kind !== 'part')) {
    log.unsure.push({ rule: 'toc', line: blocks[0]?.lines[0] ?? 0, message: `${firstStart} block(s) after the TOC come before the first article title; saved in unplaced.md` });
  }
  const chapters: ChapterFile[] = [];
  const partsOut: PartOut[] = [];
  let k = 0;
  parts.forEach((part, p) => {
    const files: string[] = [];
    part.articles.forEach((article, a) => {
      const span = spans[k++];
      const next = span ? (starts.find((s) => s > span.start) ?? blocks.length) : 0;
      const own = span ? withoutPartHeadings(blocks.slice(span.bodyStart, next), log) : [];
      const shaped = log.take(shapeTitle(article.raw));
      const file = `chapters/${p + 1}-${String(a + 1).padStart(2, '0')}.md`;
      files.push(file);
      const tocLine = article.lines[0] ?? 0;
      if (!span) log.unsure.push({ rule: 'toc', line: tocLine, message: `no text for this TOC entry in the OCR: ${file} has its title${article.sections.length > 0 ? ' and sections' : ''} only` });
      const chapter: ChapterFile = { file, part: p + 1, shaped, body: chapterBody(own, article.sections), found: span !== undefined, tocLine };
      if (article.date) chapter.date = article.date;
      chapters.push(chapter);
    });
    partsOut.push({ label: part.label, title: part.title, chapters: files });
  });
  return result({ chapters, parts: partsOut }, log.changes, log.unsure);
}

/** Text after the TOC that belongs to no article (kept, never dropped). */
export function unplacedText(body: SourceLine[], parts: TocPart[]): string {
  const blocks = cleanProse(body).value;
  const spans = locate(blocks, parts.flatMap((p) => p.articles));
  const first = spans.find((s) => s !== undefined)?.start ?? blocks.length;
  return renderMarkdown(blocks.slice(0, first).filter((b) => b.kind !== 'part'));
}
