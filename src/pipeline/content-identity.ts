/**
 * Names for values whose content a cache key already names. A composed line that came out of
 * (or went into) the cache across runs is a pure function of that entry's key, so a later key
 * that holds the line — a PDF page's — can hold the entry key and the line's place instead of
 * the line's whole content.
 *
 * The stages treat what they are given as read-only (plain data between stages); a stage that
 * changed a named line in place could make a name stale. Freezing every named line costs a
 * warm rebuild a third of a second and slows every later read of it, so it is done where it
 * can be afforded: with HANPRESS_FREEZE_NAMED=1 (the cache tests set it), a change to a named
 * line throws instead of passing unseen.
 */
const names = new WeakMap<object, string>();
let frozen: boolean | undefined;

function freeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) freeze(child);
}

/** Names `value` unless it has a name already. */
export function nameContent(value: object, name: string): void {
  if (names.has(value)) return;
  if ((frozen ??= process.env.HANPRESS_FREEZE_NAMED === '1')) freeze(value);
  names.set(value, name);
}

/** The name given to this very object, if any. */
export function contentName(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? names.get(value) : undefined;
}
