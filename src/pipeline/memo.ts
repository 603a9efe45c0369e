/**
 * The contract between the stages and the cache across runs. A stage that does per-chapter
 * work asks the memo for it by its inputs; the memo answers from the cache or computes. The
 * stages stay pure and know nothing of files: without a cache (tests, `--no-cache`) NO_MEMO
 * simply computes.
 */

/**
 * How a value that is not plain data (a composed paragraph carries a closure) is stored: as
 * plain data, and rebuilt from it. `decode` may call `compute` lazily to recover what the data
 * could not hold.
 */
export interface Codec<T> {
  /**
   * undefined: this value is not to be stored (the key could not name all it depended on).
   * `key`: the entry's key in the cache, which names the value's content (content-identity.ts).
   */
  encode(value: T, key: string): unknown;
  decode(data: unknown, compute: () => T, key: string): T;
}

export interface StepMemo {
  /**
   * The result of `compute` for these inputs. `inputs` must hold everything the result depends
   * on beyond the book's settings (design, fonts, book.yaml, hanpress's code), which every key
   * already includes; values are compared by their JSON (Maps by their entries).
   */
  get<T>(step: string, inputs: unknown, compute: () => T, codec?: Codec<T>): T;
  getAsync<T>(step: string, inputs: unknown, compute: () => Promise<T>): Promise<T>;
  /** Whether `get` would answer from the cache (work worth sending to another thread is what it would not). */
  has?(step: string, inputs: unknown): boolean;
  /**
   * Stores what `produce` returns when the build ends, under these inputs: for answers that
   * accumulate while the build runs (widow control's re-settings of a chapter).
   */
  later(step: string, inputs: unknown, produce: () => unknown): void;
  /**
   * Keeps the entry for these inputs, if there is one, though this build did not read it (a
   * later step's entry answered for it): the cache's prune removes only what no build used.
   */
  retain?(step: string, inputs: unknown): void;
}

export const NO_MEMO: StepMemo = {
  get: (_step, _inputs, compute) => compute(),
  getAsync: (_step, _inputs, compute) => compute(),
  later: () => {},
};

/** Raw bytes by key: the hook the PDF writer's per-page content streams are cached through. */
export interface ByteCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, bytes: Uint8Array): void;
}
