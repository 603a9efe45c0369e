/**
 * The document outline (bookmarks, ISO 32000 §12.3.3): entries arrive page by page with their
 * parent's id; the tree is written once the last page is known. /Count is the number of
 * entries shown under an open item, negative under a closed one.
 */
import type { OutlineEntry } from '../../typeset/model.js';
import type { PdfFile } from './file.js';
import { name, type PdfDict, type Ref } from './syntax.js';

interface Node {
  title: string;
  expanded: boolean;
  dest: [Ref, number, number];
  children: Node[];
  ref?: Ref;
}

export class Outline {
  private readonly roots: Node[] = [];
  private readonly byId = new Map<string, Node>();

  /** An entry pointing at (left, top) of `page`, in PDF coordinates. */
  add(entry: OutlineEntry, page: Ref, left: number, top: number): void {
    const node: Node = { title: entry.title, expanded: entry.expanded ?? false, dest: [page, left, top], children: [] };
    const parent = entry.parent === undefined ? undefined : this.byId.get(entry.parent);
    (parent ? parent.children : this.roots).push(node);
    this.byId.set(entry.id, node);
  }

  get empty(): boolean {
    return this.roots.length === 0;
  }

  /** Entries visible under a node when it is open. */
  private static visible(node: Node): number {
    return node.children.reduce((n, child) => n + 1 + (child.expanded ? Outline.visible(child) : 0), 0);
  }

  /** Writes the tree; returns the /Outlines dictionary's reference. */
  write(file: PdfFile): Ref {
    const root = file.reserve();
    const assign = (nodes: Node[]): void => {
      for (const node of nodes) {
        node.ref = file.reserve();
        assign(node.children);
      }
    };
    assign(this.roots);
    const emit = (nodes: Node[], parent: Ref): void => {
      nodes.forEach((node, i) => {
        const count = Outline.visible(node);
        const dict: PdfDict = {
          Title: node.title,
          Parent: parent,
          Prev: nodes[i - 1]?.ref,
          Next: nodes[i + 1]?.ref,
          First: node.children[0]?.ref,
          Last: node.children.at(-1)?.ref,
          Count: node.children.length ? (node.expanded ? count : -count) : undefined,
          Dest: [node.dest[0], name('XYZ'), node.dest[1], node.dest[2], 0],
        };
        file.object(dict, node.ref);
        emit(node.children, node.ref as Ref);
      });
    };
    emit(this.roots, root);
    const visible = this.roots.reduce((n, node) => n + 1 + (node.expanded ? Outline.visible(node) : 0), 0);
    file.object({ Type: name('Outlines'), First: this.roots[0]?.ref, Last: this.roots.at(-1)?.ref, Count: visible }, root);
    return root;
  }
}
