/**
 * The OCF container. `mimetype` must be the first entry, stored, with no extra field; every
 * entry carries the build date so two builds of the same book are byte-identical.
 */
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

const MIMETYPE = new TextEncoder().encode('application/epub+zip');
/** Already-compressed formats gain nothing from deflate. */
const STORED_EXTENSIONS = /\.(png|jpe?g|gif|webp|woff2?)$/i;
const DOS_EPOCH = Date.UTC(1980, 0, 1);

/**
 * ZIP stores local wall-clock time and fflate reads the Date's local fields. Shifting by the
 * zone offset makes the stored fields equal the build date's UTC fields on every machine.
 * DOS dates start in 1980, so an earlier SOURCE_DATE_EPOCH is clamped.
 */
export function zipTimestamp(buildDate: Date): Date {
  const utc = Math.max(buildDate.getTime(), DOS_EPOCH);
  const d = new Date(utc);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export function zipEpub(entries: ZipEntry[], buildDate: Date): Uint8Array {
  const mtime = zipTimestamp(buildDate);
  // fflate keeps insertion order of object keys; string keys that look like integers would be
  // reordered by JavaScript, but every path here contains a dot or slash.
  const files: Zippable = { mimetype: [MIMETYPE, { level: 0, mtime }] };
  for (const entry of entries) {
    if (entry.path in files) throw new Error(`internal: duplicate EPUB entry ${entry.path}`);
    files[entry.path] = [entry.data, { level: STORED_EXTENSIONS.test(entry.path) ? 0 : 6, mtime }];
  }
  return zipSync(files);
}
