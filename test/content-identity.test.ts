/**
 * Named composed lines (src/pipeline/content-identity.ts): a PDF page's key holds a named line
 * by its name, so the same name gives the same key and another name another key; under
 * HANPRESS_FREEZE_NAMED (set for every test) a named line cannot be changed in place.
 */
import { describe, expect, it } from 'vitest';
import { contentName, nameContent } from '../src/pipeline/content-identity.js';
import { loadFontConfig } from '../src/fonts/config.js';
import { FontBook } from '../src/typeset/fonts.js';
import type { PageItem, TextLine } from '../src/typeset/model.js';
import { pageKey } from '../src/writers/pdf/page-cache.js';

const line = (text: string): TextLine => ({ runs: [{ x: 0, text, style: { font: 'body', bold: false, size: 10.5 }, spacing: 0, half: false, width: 10.5 * text.length }], size: 10.5, noteRefs: [] });
const page = (l: TextLine): PageItem[] => [{ kind: 'text', x: 0, baseline: 12, line: l }];

describe('named content', () => {
  it('puts a named line into a page key by its name', async () => {
    const fonts = new FontBook(await loadFontConfig('manuscript'));
    const frame = { x: 0, y: 0, sheetHeight: 600 };
    const ink = { cmyk: false };
    const [a, b, c, plain] = [line('洪太尉'), line('洪太尉'), line('张天师'), line('洪太尉')];
    nameContent(a, 'entry-1/0/0');
    nameContent(b, 'entry-1/0/0');
    nameContent(c, 'entry-2/0/0');
    expect(contentName(a)).toBe('entry-1/0/0');
    expect(pageKey(page(a), frame, ink, fonts)).toBe(pageKey(page(b), frame, ink, fonts));
    expect(pageKey(page(a), frame, ink, fonts)).not.toBe(pageKey(page(c), frame, ink, fonts));
    // The same text spelled out is another key: a named line never passes for an unnamed one.
    expect(pageKey(page(a), frame, ink, fonts)).not.toBe(pageKey(page(plain), frame, ink, fonts));
    // A first name stays.
    nameContent(a, 'entry-3/0/0');
    expect(contentName(a)).toBe('entry-1/0/0');
  });

  it('freezes a named line in the tests, so a stage cannot change it unseen', () => {
    expect(process.env.HANPRESS_FREEZE_NAMED).toBe('1');
    const named = line('鲁智深');
    nameContent(named, 'entry-4/1/2');
    expect(() => {
      (named.runs[0] as { text: string }).text = '林冲';
    }).toThrow(TypeError);
    expect(() => named.runs.push(named.runs[0] as TextLine['runs'][number])).toThrow(TypeError);
  });
});
