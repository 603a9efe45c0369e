/**
 * What the EPUB writer would refuse about a font file, said by `check` at the fonts.yaml entry:
 * an EPUB embeds single faces, so a .ttc collection fails there (src/fonts/subset.ts).
 */
import { open } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontConfig, FontFace } from '../fonts/config.js';

async function isCollection(face: FontFace): Promise<boolean> {
  const handle = await open(face.path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.toString('latin1') === 'ttcf';
  } finally {
    await handle.close();
  }
}

export async function fontFileDiagnostics(fonts: FontConfig): Promise<Diagnostic[]> {
  const faces = [fonts.body.normal, fonts.body.bold, fonts.heading.normal, fonts.heading.bold, ...fonts.fallback];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const face of faces) {
    if (seen.has(face.path)) continue;
    seen.add(face.path);
    if (!(await isCollection(face))) continue;
    out.push(
      diagnostic('fonts/collection-not-embeddable', {
        message: `\`${face.path}\` is a font collection (.ttc); an EPUB can only embed a single-face font.`,
        ...(face.source ?? {}),
        hint: 'Point fonts.yaml at a single-face .ttf or .otf for this role, or build the PDF alone (build --only pdf).',
      }),
    );
  }
  return out;
}
