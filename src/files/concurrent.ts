/**
 * `fn` over every item with up to `limit` calls under way at once, the results in the items'
 * order. Reading a book's files one after another left the thread idle through each file's
 * round trips (resolve, stat, read) through libuv's pool; a bound keeps a book of a thousand
 * chapters from holding a thousand files open.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
