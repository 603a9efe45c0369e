/**
 * SVG → vector paths for the print PDF: shapes, transforms, symbols reached through <use>,
 * clip paths, paint inheritance, and every SVG of the d2l-zh corpus (cairo and Illustrator
 * exports) converted with nothing skipped.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisePath, svgToVector } from '../src/images/svg-paths.js';
import { SvgTreeError } from '../src/images/svg-tree.js';
import { D2L } from './helpers/d2l-project.js';

const svg = (body: string, attrs = 'width="100" height="50" viewBox="0 0 200 100"'): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`;

describe('svgToVector', () => {
  it('sizes the drawing in points (CSS px are ¾ pt) and maps the viewBox into it', () => {
    const { graphic } = svgToVector(svg('<rect x="0" y="0" width="200" height="100" fill="#ff0000"/>'));
    expect(graphic.width).toBe(75);
    expect(graphic.height).toBe(37.5);
    expect(graphic.paths).toEqual([{ d: 'M0 0L75 0L75 37.5L0 37.5Z', fill: { colour: [1, 0, 0], rule: 'nonzero' } }]);
  });

  it('applies nested transforms to the path data and scales stroke widths with them', () => {
    const { graphic } = svgToVector(
      svg('<g transform="translate(10,0)"><line x1="0" y1="0" x2="10" y2="0" transform="scale(2)" stroke="rgb(0%,50%,100%)" stroke-width="3" stroke-linecap="round"/></g>', 'width="20pt" height="20pt" viewBox="0 0 20 20"'),
    );
    expect(graphic.paths).toEqual([
      { d: 'M10 0L30 0', stroke: { colour: [0, 0.5, 1], width: 6, cap: 'round', join: 'miter', miterLimit: 4 } },
    ]);
  });

  it('draws symbols through <use> at the use position, with the symbol\'s own style', () => {
    const { graphic } = svgToVector(
      svg('<defs><symbol id="g1"><path style="stroke:none;" d="M0 0 h 2 v 2 z"/></symbol></defs><g fill="#000"><use xlink:href="#g1" x="5" y="7"/><use href="#g1" x="1" y="1"/></g>', 'width="20pt" height="20pt" viewBox="0 0 20 20"'),
    );
    expect(graphic.paths.map((p) => p.d)).toEqual(['M5 7L7 7L7 9Z', 'M1 1L3 1L3 3Z']);
    expect(graphic.paths.every((p) => p.fill && !p.stroke)).toBe(true);
  });

  it('keeps clip paths with the shapes they clip, in the same coordinates', () => {
    const { graphic } = svgToVector(
      svg('<clipPath id="c"><rect x="0" y="0" width="4" height="4"/></clipPath><g clip-path="url(#c)"><circle cx="4" cy="4" r="4"/></g>', 'width="8pt" height="8pt" viewBox="0 0 8 8"'),
    );
    expect(graphic.paths).toHaveLength(1);
    expect(graphic.paths[0]?.clips).toEqual([{ d: 'M0 0L4 0L4 4L0 4Z', rule: 'nonzero' }]);
    // The circle's arcs become cubic curves.
    expect(graphic.paths[0]?.d).toMatch(/^M0 4C/);
  });

  it('inherits fill and stroke, honours none and display:none, and reports what it cannot draw', () => {
    const { graphic, skipped } = svgToVector(
      svg('<g fill="none" stroke="black"><rect width="1" height="1"/><rect width="1" height="1" style="display:none"/></g><image href="x.png" width="1" height="1"/><rect width="1" height="1" fill="url(#grad)"/>'),
    );
    expect(graphic.paths).toHaveLength(2);
    expect(graphic.paths[0]?.fill).toBeUndefined();
    expect(graphic.paths[0]?.stroke?.colour).toEqual([0, 0, 0]);
    expect(skipped).toEqual(['<image>', 'gradient or pattern paint (drawn in its fallback colour or black)']);
  });

  it('turns relative, arc and shorthand commands into absolute M L C Q Z only', () => {
    expect(normalisePath('m 1 1 h 2 v 2 a 1 1 0 0 1 -2 0 s 1 1 2 2 t 1 1 z', [1, 0, 0, 1, 0, 0])).toMatch(/^[MLCQZ0-9 .-]+$/);
  });

  it('refuses a DOCTYPE and XML that is not well-formed', () => {
    expect(() => svgToVector('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')).toThrow(SvgTreeError);
    expect(() => svgToVector('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow(SvgTreeError);
  });

  it('converts every SVG of d2l-zh with nothing skipped', async () => {
    const dir = path.join(D2L, 'img');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.svg'));
    expect(files.length).toBe(20);
    for (const file of files) {
      const { graphic, skipped } = svgToVector(await readFile(path.join(dir, file), 'utf8'));
      expect(skipped, file).toEqual([]);
      expect(graphic.paths.length, file).toBeGreaterThan(10);
      expect(graphic.width * graphic.height, file).toBeGreaterThan(1000);
    }
  });
});
