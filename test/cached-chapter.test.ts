/**
 * A composed chapter from the cache sets its paragraphs again (widow control, looking back)
 * exactly as the freshly composed chapter does, from the recipe it carries as data, without
 * composing the chapter afresh.
 */
import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashOf } from '../src/pipeline/cache-key.js';
import type { Codec, StepMemo } from '../src/pipeline/memo.js';
import { loadDesign, mergeDesign, Typography } from '../src/typeset/design.js';
import { FontBook } from '../src/typeset/fonts.js';
import { loadFormats, pageGeometry, trimmedSize } from '../src/typeset/geometry.js';
import { typesetBook, type TypesetInput } from '../src/typeset/index.js';
import type { Para, Section } from '../src/typeset/model.js';
import { loadBook } from './helpers/sample.js';

/** A memo that stores every chapter as the disk cache does and never lets decode compute. */
function roundTrip(decoded: Section[]): StepMemo {
  return {
    get<T>(step: string, inputs: unknown, compute: () => T, codec?: Codec<T>): T {
      const value = compute();
      if (!codec) return value;
      const key = hashOf(step, inputs);
      const stored = deserialize(serialize(codec.encode(value, key)));
      const back = codec.decode(
        stored,
        () => {
          throw new Error(`${step}: decode composed the chapter afresh`);
        },
        key,
      );
      if (step === 'typeset-chapter') decoded.push(back as Section);
      return back;
    },
    getAsync: (_step, _inputs, compute) => compute(),
    later: () => {},
  };
}

describe('a cached chapter', () => {
  let input: TypesetInput;
  beforeAll(async () => {
    const loaded = await loadBook();
    const [formats, house] = await Promise.all([loadFormats(), loadDesign()]);
    const design = mergeDesign(house, loaded.book.design);
    const geometry = pageGeometry(trimmedSize(loaded.book.meta.print, formats), design, new Typography(design).bodyLeading);
    input = { book: loaded.book, front: loaded.front, fonts: new FontBook(loaded.ctx.fonts), design, geometry, images: new Map() };
  });

  it('gives the same pages as a fresh composition', () => {
    const decoded: Section[] = [];
    const cached = typesetBook({ ...input, memo: roundTrip(decoded) });
    expect(decoded.length).toBeGreaterThan(5);
    expect(cached.pages).toEqual(typesetBook(input).pages);
  });

  it('sets every paragraph again as the fresh one does, looser, tighter and line by line', () => {
    const decoded: Section[] = [];
    typesetBook({ ...input, memo: roundTrip(decoded) });
    const fresh: Section[] = [];
    typesetBook({ ...input, memo: { get: (step, _i, compute) => { const v = compute(); if (step === 'typeset-chapter') fresh.push(v as Section); return v; }, getAsync: (_s, _i, c) => c(), later: () => {} } });
    const paras = (sections: Section[]): Para[] => sections.flatMap((s) => s.items.filter((i): i is Para => i.kind === 'para' && i.recompose !== undefined));
    const [a, b] = [paras(decoded), paras(fresh)];
    expect(a.length).toBeGreaterThan(50);
    expect(a.length).toBe(b.length);
    const fills = [10.5, -5, (line: number) => (line < 1 ? 0 : 21)];
    a.forEach((para, i) => {
      for (const fill of fills) expect(para.recompose?.(fill)).toEqual(b[i]?.recompose?.(fill));
    });
  });
});
