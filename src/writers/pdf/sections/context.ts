import type { BlockContext } from '../blocks.js';
import type { Typography } from '../design.js';
import type { PageGeometry } from '../geometry.js';
import type { PageMap } from '../page-map.js';

/** What every section builder reads; built once per render in document.ts. */
export interface SectionContext {
  typo: Typography;
  geometry: PageGeometry;
  pages: PageMap;
  blocks: BlockContext;
}

/** Two-character section names are set with a space between: 前言 → 前　言. */
export function spacedLabel(label: string): string {
  const chars = Array.from(label);
  return chars.length === 2 ? chars.join('\u3000') : label;
}
