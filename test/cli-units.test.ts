import { describe, expect, it } from 'vitest';
import { delayedStatus, type Clock } from '../src/cli/progress.js';
import { editDistance, suggest } from '../src/diagnostics/suggest.js';
import { sheetsForPages } from '../src/verify/print-spec.js';

describe('did you mean', () => {
  it('measures edits with adjacent swaps as one', () => {
    expect(editDistance('buld', 'build')).toBe(1);
    expect(editDistance('pubisher', 'publisher')).toBe(1);
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(editDistance('出版社', '出版者')).toBe(1);
  });

  it('suggests only what is near enough to be a slip', () => {
    expect(suggest('buld', ['build', 'check', 'lint'])).toBe('build');
    expect(suggest('pubisher', ['publisher', 'print', 'price'])).toBe('publisher');
    expect(suggest('--ouy', ['--out', '--only', '--print'])).toBe('--out');
    expect(suggest('publish', ['build', 'check', 'lint', 'proof'])).toBeUndefined();
    expect(suggest('x', ['out'])).toBeUndefined();
  });
});

describe('印张 from a page count', () => {
  it('counts whole folded sheets of 4 pages, as the printer does', () => {
    expect(sheetsForPages(76, 16)).toBe(4.75);
    expect(sheetsForPages(15, 32)).toBe(0.5);
    expect(sheetsForPages(306, 16)).toBe(19.25);
    expect(sheetsForPages(448, 16)).toBe(28);
  });
});

describe('the progress line', () => {
  function fakeClock(): { clock: Clock; advance: (ms: number) => void } {
    let now = 0;
    let timer: { at: number; run: () => void } | undefined;
    return {
      clock: {
        now: () => now,
        setTimer: (run, ms) => {
          timer = { at: now + ms, run };
          return { cancel: () => (timer = undefined) };
        },
      },
      advance: (ms) => {
        now += ms;
        if (timer && timer.at <= now) {
          const { run } = timer;
          timer = undefined;
          run();
        }
      },
    };
  }

  it('shows nothing for a build under a second', () => {
    const shown: string[] = [];
    const { clock, advance } = fakeClock();
    const say = delayedStatus((t) => shown.push(t), 1000, clock);
    say('checking the book');
    advance(300);
    say('writing the files');
    advance(300);
    say('');
    advance(1000);
    expect(shown).toEqual([]);
  });

  it('shows the latest stage at one second, then every stage, then clears the line', () => {
    const shown: string[] = [];
    const { clock, advance } = fakeClock();
    const say = delayedStatus((t) => shown.push(t), 1000, clock);
    say('checking the book');
    advance(500);
    say('laying out the PDF: 30 chapters');
    advance(600);
    say('checking the PDF: 306 pages');
    say('');
    expect(shown).toEqual(['laying out the PDF: 30 chapters', 'checking the PDF: 306 pages', '']);
  });
});
