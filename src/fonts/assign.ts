/**
 * Which face draws each character of each role, the same way in both outputs: the role's own
 * face when it has the glyph, else the roles of its chain (ROLE_COVER: code's ideographs from
 * 黑体; for a character hanpress inserts, any role's face), else the `fallback:` faces in order.
 * The EPUB embeds one subset per face from this; the coverage gate reports what is left over;
 * the PDF's FontBook walks the same chain character by character.
 */
import type { CharacterMap } from './cmap.js';
import { roleChain, FONT_ROLES, type FontConfig, type FontFace, type FontRoleName } from './config.js';
import type { GlyphSets } from './glyphs.js';
import { INSERTED_CHARACTERS } from './inserted.js';

export type Weight = 'normal' | 'bold';

/** How a face is named in CSS: one @font-face rule per family and weight. */
export interface FaceUse {
  family: string;
  weight: Weight;
}

export interface AssignedFace {
  face: FontFace;
  /** File stem in the EPUB: the first role and weight that uses the face (`kai-regular`, `fallback-1`). */
  stem: string;
  codePoints: Set<number>;
  uses: FaceUse[];
}

export interface Assignment {
  faces: AssignedFace[];
  /** The families each role's characters were given to (its own, a chain role's, a fallback's). */
  familiesOf: Record<FontRoleName, string[]>;
  /** Code points no face has, by `${role}-${weight}`. */
  missing: Map<string, Set<number>>;
}

export type MapOf = (face: FontFace) => Promise<CharacterMap>;

export function faceKey(face: FontFace): string {
  return `${face.path}\u0000${face.postscriptName ?? ''}`;
}

export function slotKey(role: FontRoleName, weight: Weight): string {
  return `${role}-${weight}`;
}

/** A role's face for a weight; a one-weight role's bold is its normal face, emboldened (not a @font-face of its own). */
function roleFace(config: FontConfig, role: FontRoleName, weight: Weight): { face: FontFace; use: FaceUse } {
  const r = config[role];
  const real = weight === 'bold' && !r.syntheticBold;
  return { face: real ? r.bold : r.normal, use: { family: r.family, weight: real ? 'bold' : 'normal' } };
}

/** The candidates for a role's characters (or for the characters hanpress inserts), in the order they are tried. */
export function candidates(config: FontConfig, role: FontRoleName, weight: Weight, inserted = false): Array<{ face: FontFace; use: FaceUse; stem: string }> {
  const chain = roleChain(role, inserted).map((r) => ({ ...roleFace(config, r, weight), stem: `${r}-${weight === 'bold' && !config[r].syntheticBold ? 'bold' : 'regular'}` }));
  const fallbacks = config.fallback.map((f, i) => ({ face: f as FontFace, use: { family: f.family, weight: 'normal' as const }, stem: `fallback-${i + 1}` }));
  return [...chain, ...fallbacks];
}

export async function assignFaces(config: FontConfig, sets: GlyphSets, mapOf: MapOf): Promise<Assignment> {
  const faces = new Map<string, AssignedFace>();
  const missing = new Map<string, Set<number>>();
  const familiesOf = Object.fromEntries(FONT_ROLES.map((r) => [r, [] as string[]])) as Record<FontRoleName, string[]>;
  for (const role of FONT_ROLES) {
    for (const weight of ['normal', 'bold'] as const) {
      const wanted = weight === 'bold' ? sets[role].bold : sets[role].regular;
      if (wanted.size === 0) continue;
      const withMaps = (list: ReturnType<typeof candidates>) => Promise.all(list.map(async (c) => ({ ...c, map: await mapOf(c.face) })));
      const own = await withMaps(candidates(config, role, weight));
      const any = await withMaps(candidates(config, role, weight, true));
      for (const cp of [...wanted].sort((a, b) => a - b)) {
        const chosen = (INSERTED_CHARACTERS.has(cp) ? any : own).find((t) => t.map.has(cp));
        if (!chosen) {
          const key = slotKey(role, weight);
          missing.set(key, (missing.get(key) ?? new Set()).add(cp));
          continue;
        }
        const key = faceKey(chosen.face);
        let assigned = faces.get(key);
        if (!assigned) faces.set(key, (assigned = { face: chosen.face, stem: chosen.stem, codePoints: new Set(), uses: [] }));
        assigned.codePoints.add(cp);
        if (!familiesOf[role].includes(chosen.use.family)) familiesOf[role].push(chosen.use.family);
        if (!assigned.uses.some((u) => u.family === chosen.use.family && u.weight === chosen.use.weight)) assigned.uses.push(chosen.use);
      }
    }
  }
  return { faces: [...faces.values()], missing, familiesOf };
}

/**
 * The CSS font-family list of a role: its family, the roles that draw what it lacks, the
 * fallbacks, then any other family a character of this role was given to (`used`: a character
 * hanpress inserted, drawn from another role's face).
 */
export function familyList(config: FontConfig, role: FontRoleName, used: readonly string[] = []): string[] {
  const names = [...roleChain(role).map((r) => config[r].family), ...config.fallback.map((f) => f.family), ...used];
  return names.filter((n, i) => names.indexOf(n) === i);
}
