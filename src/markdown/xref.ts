/**
 * Labels and cross-references as d2l-book writes them (the Sphinx roles technical Markdown in
 * Chinese uses): `:label:` followed by a name in backticks after a figure, a table, a heading or
 * at the top of a chapter; `:numref:` and `:eqref:` followed by a label in backticks in the text.
 * markdown-it reads each as text ending in the role and a code span; here they become labels
 * and `ref` inlines. The space RST needs before a role is syntax and is dropped.
 */
import type { Inline } from '../model/book.js';

const ROLE = /\s*:(numref|eqref):$/;

/** Inlines with every role + code span pair turned into a ref (recursively). */
export function xrefInlines(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i] as Inline;
    const next = inlines[i + 1];
    if (node.type === 'text' && next?.type === 'code') {
      const role = ROLE.exec(node.value);
      if (role) {
        const before = node.value.slice(0, role.index);
        if (before) out.push({ type: 'text', value: before });
        out.push({ type: 'ref', label: next.value.trim(), role: role[1] === 'eqref' ? 'eqref' : 'numref' });
        i++;
        continue;
      }
    }
    if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'link') out.push({ ...node, children: xrefInlines(node.children) });
    else out.push(node);
  }
  return out;
}

function blank(inline: Inline): boolean {
  return (inline.type === 'text' && inline.value.trim() === '') || inline.type === 'break';
}

/**
 * A trailing `:label:` + name: the label and the inlines before it, or undefined. A paragraph
 * that is only a label gives the label and no inlines.
 */
export function trailingLabel(inlines: Inline[]): { label: string; rest: Inline[] } | undefined {
  const kept = [...inlines];
  while (kept.length > 0 && blank(kept.at(-1) as Inline)) kept.pop();
  const name = kept.at(-1);
  const marker = kept.at(-2);
  if (name?.type !== 'code' || marker?.type !== 'text') return undefined;
  const at = marker.value.search(/\s*:label:\s*$/);
  if (at < 0) return undefined;
  const rest = kept.slice(0, -2);
  const before = marker.value.slice(0, at);
  if (before.trim()) rest.push({ type: 'text', value: before });
  while (rest.length > 0 && blank(rest.at(-1) as Inline)) rest.pop();
  return { label: name.value.trim(), rest };
}
