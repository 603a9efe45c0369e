/**
 * A page's body: the items pagination placed on it (with their emphasis dots), as one cache
 * entry holds them (src/typeset/cached-pages.ts). The entry's key and the page's place name
 * them all, so a later key that depends on them — a PDF page's content stream — can hold that
 * name instead of the items (src/writers/pdf/page-cache.ts).
 *
 * A page read back from the cache may leave its body unread: `items` is then read from the
 * cache when first asked for. What the build needs of every page without drawing it (where
 * destinations and links are, which figures it shows) is kept beside it as `marked`. Items
 * added after pagination (running heads, folios) go after the body (appendItems), so a page
 * is drawn from the same items in the same order whether its body was read or not.
 */
import type { Page, PageItem } from './model.js';

export interface PageBody {
  /** Names the body's items (the cache entry's key and the page's place). */
  name: string;
  /** The first `count` items of the page are the body. */
  count: number;
  /** Keys of the figures the body draws (the PDF writer leaves out one whose file was left out). */
  images: string[];
  /** The roles the body sets bold text in (the font book decides which are drawn as synthetic bold). */
  bold: string[];
}

/** PageBody's figures and bold roles, from the body's items. */
export function bodyTraits(items: readonly PageItem[]): Pick<PageBody, 'images' | 'bold'> {
  const images: string[] = [];
  const bold = new Set<string>();
  for (const item of items) {
    if (item.kind === 'image') images.push(item.image.key);
    if (item.kind === 'text') for (const run of item.line.runs) if (run.style.bold) bold.add(run.style.font);
  }
  return { images, bold: [...bold].sort() };
}

interface Unread {
  body: PageBody;
  /** The body's items that carry a destination, a link or an anchor, in order. */
  marked: PageItem[];
  /** Items added after the body. */
  extra: PageItem[];
  read: () => PageItem[];
}

const bodies = new WeakMap<Page, PageBody>();
const unread = new WeakMap<Page, Unread>();

/** The page's items that carry a destination, a link or an anchor: all the PDF writer's annotations and the TOC's folios look at. */
export function isMarked(item: PageItem): boolean {
  if (item.kind === 'dest') return true;
  if (item.kind !== 'text') return false;
  return item.line.runs.some((run) => run.style.link !== undefined || run.style.goTo !== undefined || run.style.id !== undefined);
}

/** The body of a page whose items are the entry's (their first `body.count`). */
export function setBody(page: Page, body: PageBody): void {
  bodies.set(page, body);
}

export function bodyOf(page: Page): PageBody | undefined {
  return bodies.get(page);
}

/** Whether the page's body has not been read from the cache. */
export function isUnread(page: Page): boolean {
  return unread.has(page);
}

/** A page whose body is read from the cache when its items are first asked for. */
export function unreadPage(fields: Omit<Page, 'items'>, body: PageBody, marked: PageItem[], read: () => PageItem[]): Page {
  const page = { ...fields } as Page;
  const state: Unread = { body, marked, extra: [], read };
  const settle = (items: PageItem[]): void => {
    unread.delete(page);
    Object.defineProperty(page, 'items', { value: items, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(page, 'items', {
    enumerable: true,
    configurable: true,
    get: (): PageItem[] => {
      const items = [...state.read(), ...state.extra];
      settle(items);
      return items;
    },
    set: settle,
  });
  unread.set(page, state);
  bodies.set(page, body);
  return page;
}

/** The items of the page that isMarked, without reading an unread body. */
export function markedItems(page: Page): readonly PageItem[] {
  const state = unread.get(page);
  return state ? [...state.marked, ...state.extra.filter(isMarked)] : page.items.filter(isMarked);
}

/** The items added after the body, without reading an unread body. */
export function itemsAfterBody(page: Page): readonly PageItem[] {
  const state = unread.get(page);
  if (state) return state.extra;
  return page.items.slice(bodies.get(page)?.count ?? 0);
}

/** Adds items after the page's body (and after items added before), without reading an unread body. */
export function appendItems(page: Page, ...items: PageItem[]): void {
  const state = unread.get(page);
  if (state) state.extra.push(...items);
  else page.items.push(...items);
}
