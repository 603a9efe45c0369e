import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../src/files/concurrent.js';

describe('mapConcurrently', () => {
  it('keeps the items’ order whatever order the calls finish in, with at most `limit` under way', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 15, 2, 25, 3];
    const out = await mapConcurrently(delays, 3, async (ms, i) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(delays.map((ms, i) => `${i}:${ms}`));
    expect(most).toBe(3);
  });

  it('passes a failure on and copes with no items', async () => {
    await expect(mapConcurrently([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
