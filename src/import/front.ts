/**
 * Front sections (前言, 序 …): each starts at a `■ 前 言`-style title or a front label on a line
 * of its own (`前 言`). The lines after it are
 * the article's own title and byline when they look like them (short, no sentence); the rest
 * is running text.
 */
import { charLength } from './cjk.js';
import { FRONT_FILES, frontLabel, isFrontLabel } from './front-labels.js';
import { cleanProse, renderMarkdown } from './prose.js';
import { collapseLetterSpacing, ideographicGaps } from './rules/spacing.js';
import { ChangeLog, result, type RuleResult, type SourceLine } from './types.js';

export interface FrontSection {
  file: string;
  label: string;
  title: string;
  author?: string;
  body: string;
  line: number;
}

/** A section starts at a ■ title (`■ 前 言`) or at a line that is a front label alone (`前 言`). */
function isSectionTitle(text: string): boolean {
  return /^■/.test(text.trim()) || isFrontLabel(text);
}

function splitSections(lines: SourceLine[]): SourceLine[][] {
  const sections: SourceLine[][] = [];
  for (const line of lines) {
    if (isSectionTitle(line.text) || sections.length === 0) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  return sections.filter((s) => s.some((l) => l.text.trim() !== ''));
}

const SHORT_TITLE = 40;

function isHeadline(text: string | undefined): text is string {
  return text !== undefined && charLength(text) <= SHORT_TITLE && !/[。！？，；]/.test(text) && !/^[一二三四五六七八九十]+、/.test(text);
}

function isByline(text: string | undefined): text is string {
  return text !== undefined && /^\p{Script=Han}{2,4}$/u.test(text.replace(/\s+/g, ''));
}

function readSection(lines: SourceLine[], index: number, log: ChangeLog): FrontSection {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const head = nonBlank[0];
  const marked = head !== undefined && isSectionTitle(head.text);
  const label = marked ? log.take(collapseLetterSpacing(head.text.trim().replace(/^■\s*/, ''), head.no)) : '';
  let rest = marked ? nonBlank.slice(1) : nonBlank;
  let title = label;
  let author: string | undefined;
  if (marked && isHeadline(rest[0]?.text.trim())) {
    title = ideographicGaps(rest[0]?.text ?? '');
    rest = rest.slice(1);
    if (isByline(rest[0]?.text.trim())) {
      author = rest[0]?.text.replace(/\s+/g, '');
      rest = rest.slice(1);
    }
  }
  if (!marked) log.unsure.push({ rule: 'heading', line: head?.no ?? 0, message: 'front text without a ■ section title; saved as an untitled front section' });
  const firstBody = rest[0]?.no ?? Infinity;
  const body = renderMarkdown(log.take(cleanProse(lines.filter((l) => l.no >= firstBody))));
  const known = frontLabel(label);
  const file = `front/${known ? FRONT_FILES[known] : `front-${index + 1}`}.md`;
  return { file, label: label || title || `front-${index + 1}`, title: title || label || '（无题）', author, body, line: head?.no ?? 0 };
}

export function readFrontSections(lines: SourceLine[]): RuleResult<FrontSection[]> {
  const log = new ChangeLog();
  const sections = splitSections(lines).map((s, i) => readSection(s, i, log));
  return result(sections, log.changes, log.unsure);
}
