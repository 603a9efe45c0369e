/**
 * The output intent of the print files: the bundled CC0-derived profile (src/print/icc.ts), or
 * the printer's own profile named in book.yaml `print.outputIntent`, read from inside the
 * project (symbolic links followed before that is decided) and checked to be a CMYK output
 * profile before the book block is rendered.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Book } from '../model/book.js';
import { PROFILE_FILE } from './icc.js';
import { defaultOutputIntent, type OutputIntent } from './pdfx.js';
import { iccHeader } from './preflight/document.js';

export interface ResolvedIntent {
  intent: OutputIntent;
  /** The profile as a file, for sharp/littleCMS to separate images with. */
  profilePath: string;
}

/** An ICC profile's description tag (v2 `desc` ASCII or v4 `mluc` first record), for OutputIntent /Info. */
function describe(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 132) return undefined;
  const count = view.getUint32(128);
  for (let i = 0; i < count && 144 + 12 * i <= bytes.length; i++) {
    const at = 132 + 12 * i;
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'desc') continue;
    const offset = view.getUint32(at + 4);
    const type = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    if (type === 'desc') {
      const length = view.getUint32(offset + 8);
      return new TextDecoder('latin1').decode(bytes.subarray(offset + 12, offset + 12 + length)).replace(/\0+$/, '');
    }
    if (type === 'mluc') {
      const size = view.getUint32(offset + 20);
      const start = view.getUint32(offset + 24);
      return new TextDecoder('utf-16be').decode(bytes.subarray(offset + start, offset + start + size));
    }
  }
  return undefined;
}

export async function resolveOutputIntent(book: Book, metaSource?: YamlSource): Promise<{ resolved?: ResolvedIntent; diagnostics: Diagnostic[] }> {
  const spec = book.meta.print.outputIntent;
  if (!spec) return { resolved: { intent: defaultOutputIntent(), profilePath: fileURLToPath(PROFILE_FILE) }, diagnostics: [] };
  const where = metaSource ? { file: metaSource.file, ...metaSource.positionOf(['print', 'outputIntent', 'profile']) } : {};
  const fail = (message: string): { diagnostics: Diagnostic[] } => ({ diagnostics: [diagnostic('cover/output-profile', { ...where, message })] });
  const root = await realpath(book.root);
  let file: string;
  try {
    file = await realpath(path.resolve(book.root, spec.profile));
  } catch {
    return fail(`The output profile \`${spec.profile}\` does not exist.`);
  }
  if (!file.startsWith(root + path.sep)) return fail(`The output profile \`${spec.profile}\` lies outside the book project.`);
  const bytes = new Uint8Array(await readFile(file));
  const header = bytes.length >= 128 ? iccHeader(bytes) : { deviceClass: '?', space: '?' };
  if (String.fromCharCode(...bytes.subarray(36, 40)) !== 'acsp' || header.deviceClass !== 'prtr' || header.space !== 'CMYK') {
    return fail(`\`${spec.profile}\` is not a CMYK output ICC profile (class ${header.deviceClass}, colour space ${header.space}).`);
  }
  return {
    resolved: {
      intent: {
        identifier: spec.identifier,
        condition: spec.condition ?? spec.identifier,
        registryName: spec.registry ?? 'http://www.color.org',
        info: describe(bytes) ?? path.basename(file),
        profile: bytes,
      },
      profilePath: file,
    },
    diagnostics: [],
  };
}
