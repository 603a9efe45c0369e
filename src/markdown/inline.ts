/**
 * markdown-it inline tokens → model inlines.
 */
import type { Token } from 'markdown-it';
import type { Inline } from '../model/book.js';
import type { FootnoteNumbering } from './footnotes.js';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/** A line break inside a Chinese paragraph joins without a space; between Latin words it is one. */
function softBreakText(before: string, after: string): string {
  return CJK.test(before.slice(-1)) || CJK.test(after.slice(0, 1)) ? '' : ' ';
}

function textOf(tokens: Token[], from: number): string {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t && (t.type === 'text' || t.type === 'code_inline')) return t.content;
  }
  return '';
}

function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
}

function appendText(target: Inline[], value: string): void {
  const last = target.at(-1);
  if (last?.type === 'text') last.value += value;
  else if (value) target.push({ type: 'text', value });
}

type Container = Extract<Inline, { children: Inline[] }>;

/**
 * Emphasis, strong and links nest at most this deep; markdown-it nests `*****…` as deep as it
 * is written, and every later walk of the model recurses on it.
 */
export const MAX_INLINE_DEPTH = 16;

/** @param tooDeep called when marks nested deeper than MAX_INLINE_DEPTH are dropped (text kept). */
export function convertInline(tokens: Token[], notes: FootnoteNumbering, tooDeep?: () => void): Inline[] {
  const root: Inline[] = [];
  const stack: Inline[][] = [root];
  // Opening marks beyond the depth limit that were dropped, so their closes are dropped too.
  let dropped = 0;
  const top = (): Inline[] => stack[stack.length - 1] ?? root;
  const open = (node: Container): void => {
    if (stack.length > MAX_INLINE_DEPTH) {
      dropped++;
      tooDeep?.();
      return;
    }
    top().push(node);
    stack.push(node.children);
  };
  tokens.forEach((token, i) => {
    switch (token.type) {
      case 'text':
        appendText(top(), token.content);
        break;
      case 'softbreak': {
        const current = top();
        const last = current.at(-1);
        appendText(current, softBreakText(last?.type === 'text' ? last.value : '', textOf(tokens, i + 1)));
        break;
      }
      case 'hardbreak':
        top().push({ type: 'break' });
        break;
      case 'code_inline':
        top().push({ type: 'code', value: token.content });
        break;
      case 'math_inline':
      case 'math_display':
        top().push({ type: 'math', tex: token.content, display: token.type === 'math_display' });
        break;
      case 'em_open':
        open({ type: 'emphasis', children: [] });
        break;
      case 'strong_open':
        open({ type: 'strong', children: [] });
        break;
      case 'link_open':
        open({ type: 'link', href: attr(token, 'href') ?? '', title: attr(token, 'title'), children: [] });
        break;
      case 'em_close':
      case 'strong_close':
      case 'link_close':
        if (dropped > 0) dropped--;
        else if (stack.length > 1) stack.pop();
        break;
      case 'image':
        top().push({
          type: 'image',
          src: attr(token, 'src') ?? '',
          alt: token.children?.map((c) => c.content).join('') ?? token.content,
          title: attr(token, 'title'),
        });
        break;
      case 'footnote_ref':
        top().push(notes.reference((token.meta as { id: number }).id));
        break;
      default:
        // s_open/s_close and other decorations: keep the text, drop the decoration.
        if (token.content && token.type !== 's_open' && token.type !== 's_close') appendText(top(), token.content);
    }
  });
  return root;
}

/** Plain text of inlines, for TOC entries, ids and glyph sets. */
export function plainText(inlines: Inline[]): string {
  return inlines
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.value;
        case 'math':
          return node.tex;
        case 'image':
          return node.alt;
        case 'break':
          return ' ';
        case 'footnoteRef':
          return '';
        case 'ref':
          return node.text ?? node.label;
        default:
          return plainText(node.children);
      }
    })
    .join('');
}
