/**
 * The cover's pure parts: spine width from caliper or 克重, the spine text plan (what is
 * dropped or shrunk when the spine is narrow, Latin on its side), the spread's geometry and
 * marks, the EAN-13 geometry — and the test decoder itself, which must reject a damaged code.
 */
import { describe, expect, it } from 'vitest';
import { ean13, LEFT_QUIET_MODULES, RIGHT_QUIET_MODULES } from '../src/cover/barcode.js';
import { coverLayout, marks, pdfBoxes } from '../src/cover/layout.js';
import { caliperOf, spineWidth } from '../src/cover/paper.js';
import { planSpine, spineUnits, type SpineInput } from '../src/cover/spine.js';
import { decodeEan13, type Rect } from './helpers/ean13.js';

const MM = 72 / 25.4;

describe('spine width', () => {
  it('is leaves × caliper, from the printer’s caliper, the 克重 table, or an assumed 70 g 胶版纸', () => {
    expect(spineWidth(448, { caliper: 0.1 })).toEqual({ mm: 22.4, caliper: 0.1, source: 'caliper', leaves: 224 });
    expect(caliperOf(70, '胶版纸')).toBeCloseTo(0.0875, 6);
    expect(spineWidth(448, { paperWeight: 80, paperKind: '轻型纸' })).toMatchObject({ mm: 33.15, source: 'paper' });
    expect(spineWidth(448, { paperWeight: 80 })).toMatchObject({ mm: 22.4, source: 'paper' });
    expect(spineWidth(448, {})).toMatchObject({ mm: 19.6, source: 'default' });
    // An odd page count gets the printer's blank last page.
    expect(spineWidth(77, { caliper: 0.1 }).leaves).toBe(39);
  });
});

/** A fake face: every Latin character half an em wide. */
const measure = (text: string, size: number): number => text.length * size * 0.5;

function spine(widthMm: number, heightMm = 240, minimumMm = 5): ReturnType<typeof planSpine> {
  const input: SpineInput = {
    width: widthMm * MM,
    height: heightMm * MM,
    minimumMm,
    title: '新的使命和担当Ⅱ',
    subtitle: '中国工会改革创新实录',
    responsibility: '李玉赋　主编',
    publisher: '中国工人出版社',
    measure,
  };
  return planSpine(input);
}

describe('spine text', () => {
  it('sets nothing on a spine under the minimum', () => {
    expect(spine(4.9)).toMatchObject({ lines: [], narrow: true });
    expect(spine(4.9, 240, 4).narrow).toBe(false);
  });

  it('sets everything on a wide spine, title at the head and publisher at the foot', () => {
    const plan = spine(20);
    expect(plan.lines.map((l) => l.role)).toEqual(['title', 'subtitle', 'responsibility', 'publisher']);
    expect(plan.lines[0]?.size).toBe(18);
    expect(plan.lines[0]?.top).toBeCloseTo(15 * MM, 6);
    const publisher = plan.lines[3];
    expect((publisher?.top ?? 0) + (publisher?.length ?? 0)).toBeCloseTo((240 - 15) * MM, 6);
    for (let i = 1; i < 3; i++) expect(plan.lines[i]?.top).toBeGreaterThan((plan.lines[i - 1]?.top ?? 0) + (plan.lines[i - 1]?.length ?? 0));
  });

  it('drops the subtitle before it shrinks the title, then drops the responsibility', () => {
    expect(spine(20, 200)).toMatchObject({ dropped: [], shrunk: false });
    const short = spine(20, 170);
    expect(short).toMatchObject({ dropped: ['subtitle'], shrunk: false });
    expect(short.lines[0]?.size).toBe(18);
    const shorter = spine(20, 120);
    expect(shorter).toMatchObject({ dropped: ['subtitle'], shrunk: true });
    expect(shorter.lines[0]?.size).toBe(13.5);
    const shortest = spine(20, 70);
    expect(shortest.dropped).toEqual(['subtitle', 'responsibility']);
    expect(shortest.lines[0]?.size).toBe(8);
    expect(spine(20, 50).narrow).toBe(true);
  });

  it('drops the subtitle on a narrow spine, where it would be under 6 pt', () => {
    expect(spine(6).dropped).toEqual([]);
    const plan = spine(5.2);
    expect(plan.narrow).toBe(false);
    expect(plan.dropped).toEqual(['subtitle']);
    expect(plan.lines[0]?.size).toBeCloseTo(5.2 * MM * 0.62, 6);
  });

  it('stands ideographs upright one em apart and lays Latin runs on their side', () => {
    expect(spineUnits('Python编程2', 10, measure)).toEqual([
      { text: 'Python', upright: false, advance: 30 },
      { text: '编', upright: true, advance: 10 },
      { text: '程', upright: true, advance: 10 },
      { text: '2', upright: false, advance: 5 },
    ]);
  });
});

describe('the spread', () => {
  it('is back + spine + front (+ flaps) wide, with bleed and slug, and its boxes in PDF space', () => {
    const layout = coverLayout({ trimWidth: 170 * MM, trimHeight: 240 * MM, spineMm: 20, flapMm: 60 });
    expect(layout.trim.width / MM).toBeCloseTo(2 * 170 + 20 + 2 * 60, 6);
    expect(layout.folds.map((x) => (x - layout.trim.x) / MM)).toEqual([60, 230, 250, 420].map((n) => expect.closeTo(n, 6)));
    const boxes = pdfBoxes(layout);
    expect((boxes.trim[2] - boxes.trim[0]) / MM).toBeCloseTo(480, 2);
    expect((boxes.bleed[0] - boxes.trim[0]) / MM).toBeCloseTo(-3, 2);
    expect(boxes.media).toEqual([0, 0, expect.closeTo(layout.sheet.width, 2), expect.closeTo(layout.sheet.height, 2)]);
  });

  it('puts crop and fold marks outside the bleed only', () => {
    const layout = coverLayout({ trimWidth: 170 * MM, trimHeight: 240 * MM, spineMm: 10 });
    const { crop, fold } = marks(layout);
    expect(crop).toHaveLength(8);
    expect(fold).toHaveLength(4);
    const inside = (x: number, y: number): boolean =>
      x > layout.trim.x - layout.bleed + 0.01 && x < layout.trim.x + layout.trim.width + layout.bleed - 0.01 &&
      y > layout.trim.y - layout.bleed + 0.01 && y < layout.trim.y + layout.trim.height + layout.bleed - 0.01;
    for (const l of [...crop, ...fold]) expect(inside(l.x1, l.y1) || inside(l.x2, l.y2)).toBe(false);
    expect(fold.map((l) => l.x1)).toEqual([layout.spine.x, layout.spine.x, layout.front.x, layout.front.x]);
  });
});

describe('the EAN-13 bar code', () => {
  const code = ean13('978-7-5008-6790-6');
  const rects = (bars: typeof code.bars): Rect[] => bars.map((b) => ({ x: b.x, y: 0, width: b.width, height: b.guard ? code.guardHeight : code.barHeight }));

  it('has 30 bars over 95 modules between quiet zones of 11 and 7 modules, six of them guards', () => {
    expect(code.bars).toHaveLength(30);
    expect(code.bars.filter((b) => b.guard)).toHaveLength(6);
    const first = code.bars[0];
    const last = code.bars[29];
    expect((first?.x ?? 0) / code.module).toBeCloseTo(LEFT_QUIET_MODULES, 6);
    expect(((last?.x ?? 0) + (last?.width ?? 0)) / code.module).toBeCloseTo(LEFT_QUIET_MODULES + 95, 6);
    expect(code.width / code.module).toBeCloseTo(LEFT_QUIET_MODULES + 95 + RIGHT_QUIET_MODULES, 6);
    expect(code.module / MM).toBeCloseTo(0.297, 6);
    expect(decodeEan13(rects(code.bars), 10)).toBe('9787500867906');
    expect(decodeEan13(rects(ean13('9787020024759').bars), 10)).toBe('9787020024759');
  });

  it('the test decoder rejects a damaged code', () => {
    const damaged = code.bars.map((b, i) => (i === 7 ? { ...b, width: b.width + code.module } : b));
    expect(() => decodeEan13(rects(damaged), 10)).toThrow();
    expect(() => decodeEan13(rects(code.bars.slice(1)), 10)).toThrow(/30 bars/);
  });
});
